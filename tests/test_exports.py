"""The open data at /data/: JSON that follows its published schema and gives the records back,
CSV with an HXL row, GeoJSON in [lon, lat], and the page that lists them with the data
dictionary. Most tests read the example site (`site`) and compare with content/ itself."""

from __future__ import annotations

import copy
import csv
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from test_docs import examples, written_paths

from cities4cities import names
from cities4cities.loading import Document
from cities4cities.partnering import partnership_from
from cities4cities.publish.columns import LIST_SEPARATOR, columns
from cities4cities.publish.exports import (
    DATA_FILES,
    Export,
    Licence,
    Naming,
    entry_schema,
    schema_name,
)
from cities4cities.publish.fieldref import fields, schema_fields
from cities4cities.records import Dataset, city_from, need_from, offer_from, pledge_from
from cities4cities.schemas import FOLDERS
from cities4cities.validation import validate_content
from pelicanconf import DATA_LICENCE, PUBLIC_URL

LANGUAGES = ("en", "uk")
FOLDER_NAMES = tuple(FOLDERS)  # cities, needs, offers, pledges
BUILDERS = {
    "cities": city_from,
    "needs": need_from,
    "offers": offer_from,
    "pledges": pledge_from,
    "partnerships": partnership_from,
}
# The HXL hashtags an aggregator looks for, in every CSV (needs and offers also say what and
# when: sector, kind of help, status, date).
HASHTAGS = (
    "#org",
    "#adm1+code",
    "#adm1+name",
    "#loc+name",
    "#contact+email",
    "#geo+lat",
    "#geo+lon",
)
LISTING_HASHTAGS = ("#sector", "#activity+type", "#status", "#date+posted")
# A partnership has no day of posting: it began (since), and perhaps ended.
PARTNERSHIP_HASHTAGS = ("#sector", "#activity+type", "#status", "#date+start")
# Names every place and value by its code (naming them is the site's part).
CODES = Naming(LANGUAGES, lambda code, _: code, lambda code, _: code, lambda _, value, __: value)
# Europe with Ukraine (Iceland to the Caucasus, Cyprus to the North Cape).
LON_RANGE, LAT_RANGE = (-25.0, 50.0), (34.0, 72.0)


@cache
def dataset() -> Dataset:
    result = validate_content(ROOT / "content", TODAY)
    assert not result.errors, result.summary()
    return result.dataset


def data(site: Path, name: str) -> str:
    return (site / "data" / name).read_text(encoding="utf-8")


def exported(site: Path, folder: str) -> list[dict[str, Any]]:
    return json.loads(data(site, f"{folder}.json"))[folder]


def csv_rows(site: Path, folder: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data(site, f"{folder}.csv"), newline="")))


def derived(folder: str) -> set[str]:
    """The fields an export adds to the record as written."""
    record = FOLDERS[folder]
    return {f.name for f in schema_fields(entry_schema(folder))} - {f.name for f in fields(record)}


def page(site: Path, language: str) -> BeautifulSoup:
    path = site / ("" if language == "en" else f"{language}/") / "data" / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# -- JSON ------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", FOLDER_NAMES)
def test_json_follows_its_published_schema(site: Path, folder: str) -> None:
    published = [json.loads(p.read_text()) for p in sorted((site / "data/schemas").glob("*.json"))]
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in published
    )
    schema = json.loads(data(site, f"schemas/{schema_name(folder)}"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, registry=registry)
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(json.loads(data(site, f"{folder}.json")))
    ]
    assert errors == []


@pytest.mark.parametrize("folder", FOLDER_NAMES)
def test_json_gives_the_records_back(site: Path, folder: str) -> None:
    records = getattr(dataset(), folder)
    entries = exported(site, folder)
    assert [e["id"] for e in entries] == sorted(records)
    extra = derived(folder)
    for entry in entries:
        written = {key: value for key, value in entry.items() if key not in extra}
        record = BUILDERS[folder](entry["id"], Document("exported", written))
        assert record == records[entry["id"]]  # every field: titles, statuses, dates, items ...
        if folder == "pledges":  # shown on the need's page, each with its anchor
            page = f"needs/{entry['need']}/"
            assert entry["url"] == f"{PUBLIC_URL}/{page}#{entry['id']}"
            html = (site / page / "index.html").read_text(encoding="utf-8")
            assert f'id="{entry["id"]}"' in html
            continue
        assert entry["url"] == f"{PUBLIC_URL}/{folder}/{entry['id']}/"
        assert (site / folder / entry["id"] / "index.html").is_file()


def test_json_names_places_and_statuses(site: Path) -> None:
    ds = dataset()
    for entry in exported(site, "needs") + exported(site, "offers"):
        city = ds.cities[entry["city"]]
        assert entry["city_name"] == dict(city.name)
        assert (entry["country"], entry["region"]) == (city.country, city.region)
        for language in LANGUAGES:
            assert entry["country_name"][language] == names.country_name(city.country, language)
            assert entry["region_name"][language] == names.region_name(city.region, language)
        vocabulary = "status" if entry["id"] in ds.needs else "offer_status"
        assert entry["status_label"]["uk"] == names.enum_label(vocabulary, entry["status"], "uk")
    assert exported(site, "needs")[0]["country_name"]["uk"] == "Україна"


def test_json_carries_the_licence(site: Path) -> None:
    for folder in FOLDER_NAMES:
        assert json.loads(data(site, f"{folder}.json"))["licence"] == DATA_LICENCE


# -- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", FOLDER_NAMES)
def test_csv_has_the_hxl_row_and_one_row_per_record(site: Path, folder: str) -> None:
    header, hashtags, *rows = csv_rows(site, folder)
    assert all(tag.startswith("#") for tag in hashtags), hashtags
    own = {"cities": (), "partnerships": PARTNERSHIP_HASHTAGS}.get(folder, LISTING_HASHTAGS)
    wanted = HASHTAGS + own
    assert [tag for tag in wanted if not any(h.startswith(tag) for h in hashtags)] == []
    assert len(header) == len(set(header)) == len(hashtags)
    assert all(len(row) == len(header) for row in rows)
    assert [row[0] for row in rows] == sorted(getattr(dataset(), folder))


def test_csv_cells_hold_the_values(site: Path) -> None:
    ds = dataset()
    header, _, *rows = csv_rows(site, "needs")
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        need = ds.needs[cells["id"]]
        city = ds.cities[need.city]
        assert cells["title.en"] == (need.title.get("en") or "")
        assert cells["status"] == need.status
        assert cells["sectors"] == LIST_SEPARATOR.join(need.sectors)
        assert cells["posted"] == need.posted.isoformat()
        assert cells["contact.email"] == need.contact.email
        assert (float(cells["location.lat"]), float(cells["location.lon"])) == (
            city.location.lat,
            city.location.lon,
        )
        quantities = cells["items[].quantity"].split(LIST_SEPARATOR) if need.items else []
        assert [float(q) for q in quantities] == [item.quantity for item in need.items]


def test_csv_columns_for_each_language_and_list(content: Path) -> None:
    """A text gets one column per language (empty when not written in it); a record without a
    list leaves its columns empty."""
    ds = validate_content(content, TODAY).dataset
    naming = Naming(("en", "uk", "de"), names.country_name, names.region_name, names.enum_label)
    export = Export(ds, "https://example.org/", naming, Licence("Test", "https://example.org/l"))
    header, hashtags, *rows = list(csv.reader(io.StringIO(export.csv("offers").decode())))
    assert [path for path in header if path.startswith("title.")] == [
        "title.en",
        "title.uk",
        "title.de",
    ]
    assert hashtags[header.index("title.de")] == "#activity+name+i_de"
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        offer = ds.offers[cells["id"]]
        assert cells["title.de"] == (offer.title.get("de") or "")
        assert cells["links[].url"] == LIST_SEPARATOR.join(link.url for link in offer.links)
    assert json.loads(export.json("offers"))["licence"] == {
        "name": "Test",
        "url": "https://example.org/l",
    }


@pytest.mark.parametrize("folder", FOLDER_NAMES)
def test_every_schema_field_reaches_the_exports(content: Path, folder: str) -> None:
    """CONTRIBUTING.md's example records show every field of their schemas (see test_docs):
    each leaf field is in the example's JSON entry and fills a column of its CSV row, so a
    field added to a schema cannot be left out of the exports."""
    for example_folder, name, text in examples():
        (content / example_folder / name).write_text(text, encoding="utf-8")
    result = validate_content(content, TODAY)
    assert not result.errors, result.summary()
    export = Export(result.dataset, "https://example.org/", CODES, Licence("L", "https://l/"))
    record_id = next(name for f, name, _ in examples() if f == folder).removesuffix(".yaml")
    entry = next(e for e in json.loads(export.json(folder))[folder] if e["id"] == record_id)
    header, _, *rows = csv.reader(io.StringIO(export.csv(folder).decode()))
    row = dict(zip(header, next(r for r in rows if r[0] == record_id), strict=True))
    in_json = written_paths(entry)
    for field in fields(FOLDERS[folder]):
        if field.is_group:  # its fields are checked
            continue
        assert field.name in in_json, f"{field.name} is not in {folder}.json"
        # A text has a column per language: title.en, title.uk.
        cells = [row[path] for path in header if f"{path}.".startswith(f"{field.name}.")]
        assert any(cells), f"{field.name} has no column in {folder}.csv, or an empty one"


def test_a_field_without_a_hashtag_is_named() -> None:
    entry = copy.deepcopy(entry_schema("needs"))
    entry["properties"] |= {
        "budget": {"type": "object", "properties": {"amount": {"type": "number"}}},
        "notes": {"$ref": "defs.schema.json#/$defs/note_text"},
    }
    with pytest.raises(ValueError, match=r"field\(s\) budget\.amount, notes: give each an x-hxl"):
        columns(entry, LANGUAGES, ())


def test_columns_follow_the_order_then_the_schema() -> None:
    paths = [column.path for column in columns(entry_schema("needs"), ("en",), ["title"])]
    assert paths[:4] == ["title.en", "id", "url", "city"]
    with pytest.raises(ValueError, match=r"\['budget'\], which are not fields"):
        columns(entry_schema("needs"), ("en",), ["title", "budget"])


# -- GeoJSON ---------------------------------------------------------------------------------


def test_geojson_has_one_point_per_city_with_its_counts(site: Path) -> None:
    ds = dataset()
    collection = json.loads(data(site, "cities.geojson"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["properties"]["id"] for f in features] == sorted(ds.cities)
    for feature in features:
        city = ds.cities[feature["properties"]["id"]]
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (city.location.lon, city.location.lat)
        assert LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]
        needs = [n for n in ds.needs.values() if n.city == city.id]
        offers = [o for o in ds.offers.values() if o.city == city.id]
        assert feature["properties"]["open_needs"] == sum(n.is_open for n in needs)
        assert feature["properties"]["available_offers"] == sum(o.is_open for o in offers)
    assert any(f["properties"]["open_needs"] for f in features)
    assert any(f["properties"]["available_offers"] for f in features)


# -- the page --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_data_page_links_every_file(site: Path, language: str) -> None:
    soup = page(site, language)
    linked = {a["href"] for a in soup.main.find_all("a", href=True)}
    files = (p for p in (site / "data").rglob("*") if p.is_file() and p.name != "index.html")
    published = {f"/data/{p.relative_to(site / 'data').as_posix()}" for p in files}
    assert published - linked == set()
    assert {f"/data/{file.name}" for file in DATA_FILES} <= published
    licence = soup.main.find("a", rel="license")
    assert (licence.get_text(), licence["href"]) == (DATA_LICENCE["name"], DATA_LICENCE["url"])
    footer = soup.find("footer").find("a", href="/data/" if language == "en" else "/uk/data/")
    assert footer is not None


def test_data_page_gives_sizes_and_counts(site: Path) -> None:
    rows = page(site, "en").find("table", class_="data-files").tbody.find_all("tr")
    assert [row.th.a.get_text() for row in rows] == [file.name for file in DATA_FILES]
    for row, file in zip(rows, DATA_FILES, strict=True):
        records, size = (cell.get_text() for cell in row.find_all("td", class_="num"))
        assert records == str(len(getattr(dataset(), file.folder)))
        number, unit = size.split()
        scale = {"kB": 1e3, "MB": 1e6}[unit]
        assert float(number.replace(",", "")) == pytest.approx(
            (site / "data" / file.name).stat().st_size / scale,
            abs=0.051,  # rounded to 0.1
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_dictionary_lists_every_field(site: Path, language: str) -> None:
    soup = page(site, language)
    for folder, kind in FOLDERS.items():
        table = soup.find(id=f"fields-{folder}").find_next("table")
        shown = [row.th.get_text() for row in table.tbody.find_all("tr")]
        assert shown == [f.name for f in schema_fields(entry_schema(folder))]
        assert {f.name for f in fields(kind)} <= set(shown)
        assert derived(folder) >= {"id", "url"}
    need_table = soup.find(id="fields-needs").find_next("table")
    sectors = next(row for row in need_table.tbody.find_all("tr") if row.th.get_text() == "sectors")
    values = [(li.code.get_text(), li.get_text(" ", strip=True)) for li in sectors.find_all("li")]
    assert values == [
        (slug, f"{slug} {names.enum_label('sector', slug, language)}")
        for slug in names.enum_labels("sector")
    ]
