"""A suggestion's reasons (matching.Reason: a code and parameters) in the reader's words."""

from __future__ import annotations

from ..matching import Reason
from .context import Context, number

PARTNER_CODES = frozenset({"brings", "helped", "size", "ties"})  # matching/partners.py


def reason_text(ctx: Context, reason: Reason) -> str:
    _ = ctx.gettext
    if reason.code == "same-sector":
        return _("Same sector: %(sector)s") % {"sector": ctx.label("sector", reason.sector)}
    if reason.code == "compatible-kind":
        kind, answer = ctx.label("kind", reason.kind), ctx.label("kind", reason.offer_kind)
        if reason.kind == reason.offer_kind:
            return _("Same kind of help: %(kind)s") % {"kind": kind}
        return _("%(kind)s, answered with %(answer)s") % {"kind": kind, "answer": answer}
    if reason.code == "items":
        item = ctx.best(reason.item) if reason.item else ""
        if reason.covered is None:
            return _("A similar item is offered: %(item)s") % {"item": item}
        return _("Covers %(covered)s of the %(requested)s %(unit)s asked for: %(item)s") % {
            "covered": number(reason.covered),
            "requested": number(reason.requested),
            "unit": ctx.label("unit", reason.unit),
            "item": item,
        }
    if reason.code == "language":
        return _("Both answer in %(language)s") % {"language": ctx.language_name(reason.language)}
    if reason.code == "distance":
        return _("%(km)s km apart") % {"km": number(reason.km)}
    if reason.code == "urgency":
        return _("Urgency: %(urgency)s") % {"urgency": ctx.label("urgency", reason.urgency)}
    if reason.code in PARTNER_CODES:
        return partner_reason_text(ctx, reason)
    if reason.record == "need":
        return _("The need was reviewed in time")
    return _("The offer was reviewed in time")


def partner_reason_text(ctx: Context, reason: Reason) -> str:
    """The reasons only partner cities have (matching/partners.py), in the reader's words."""
    _ = ctx.gettext

    def city(city_id: str | None) -> str:
        return ctx.best(ctx.dataset.cities[city_id].name) if city_id else ""

    if reason.code == "brings":
        return _("%(by)s brings %(brought)s, which %(to)s looks for") % {
            "by": city(reason.by),
            "brought": ctx.label("contribution", reason.brought).lower(),
            "to": city(reason.to),
        }
    if reason.code == "helped":
        return _("%(by)s has already helped %(to)s") % {
            "by": city(reason.by),
            "to": city(reason.to),
        }
    if reason.code == "size" and reason.populations:
        first, second = reason.populations
        return _("Comparable size: %(first)s and %(second)s inhabitants") % {
            "first": number(first),
            "second": number(second),
        }
    first, second = reason.countries or ("", "")
    count = reason.count or 0
    return ctx.ngettext(
        "%(num)d partnership already links cities of %(first)s and %(second)s",
        "%(num)d partnerships already link cities of %(first)s and %(second)s",
        count,
    ) % {"num": count, "first": ctx.country_name(first), "second": ctx.country_name(second)}
