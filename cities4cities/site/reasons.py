"""A suggestion's reasons (matching.Reason: a code and parameters) in the reader's words."""

from __future__ import annotations

from ..matching import Reason
from .context import Context, number


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
    if reason.record == "need":
        return _("The need was reviewed in time")
    return _("The offer was reviewed in time")
