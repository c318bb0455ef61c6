"""Names in a language, from the sources the pages and the search both use: countries and
languages (Babel's CLDR data), regions (pycountry's ISO 3166-2 catalogs), and the labels of the
schemas' enum values through the site's catalog. Knows nothing about Pelican."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from babel import Locale

from .messages import gettext_for
from .schemas import load_schemas


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


@cache
def country_name(code: str, language: str) -> str:
    return _locale(language).territories.get(code, code)


@cache
def _region_catalog(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


@cache
def region_name(code: str, language: str) -> str:
    subdivision = pycountry.subdivisions.get(code=code)
    if subdivision is None:
        return code
    return _region_catalog(language).gettext(subdivision.name)


@cache
def language_name(code: str, language: str) -> str:
    return _locale(language).languages.get(code, code)


@cache
def enum_label(vocabulary: str, value: str, language: str) -> str:
    """The translated label of an enum value, e.g. ("sector", "water-sanitation")."""
    return gettext_for(language)(enum_labels(vocabulary).get(value, value))


@cache
def enum_labels(vocabulary: str) -> dict[str, str]:
    """English labels of a vocabulary from the schemas' x-labels: sector, kind, unit,
    language, urgency, status (needs), offer_status, pledge_status, delivery, contribution,
    partnership_kind, partnership_status, project_status."""
    schemas = load_schemas()
    found = {
        "urgency": schemas.documents["need"]["properties"]["urgency"],
        "status": schemas.documents["need"]["properties"]["status"],
        "offer_status": schemas.documents["offer"]["properties"]["status"],
        "pledge_status": schemas.documents["pledge"]["properties"]["status"],
        "delivery": schemas.documents["offer"]["properties"]["delivery"],
        "partnership_kind": schemas.documents["partnership"]["properties"]["kind"],
        "partnership_status": schemas.documents["partnership"]["properties"]["status"],
        "project_status": schemas.documents["partnership"]["properties"]["projects"]["items"][
            "properties"
        ]["status"],
    }.get(vocabulary) or schemas.defs()[vocabulary]
    return found["x-labels"]
