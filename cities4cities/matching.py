"""Suggested matches between open needs and available offers, each with the reasons for it.

For every open or in-progress need, the available offers that could answer it, best first; for
every available offer, the open needs it could answer. A pair is a candidate only if the two share
a sector or a compatible kind of help; its score is a sum of points, each point accounted for by
a Reason (a code and parameters, never a sentence: the site words them in the reader's language).

How it scales: records with the same profile (everything that scores, except the city) form a
group. Candidate pairs of groups come from inverted indexes by sector and by kind; their sectors,
kinds, languages, urgency and freshness are scored once per pair of classes (profiles less their
items), their items once per pair of groups. Within a pair of groups only the distance differs,
so the best members come from a nearest-first search over the group's places; pairs of groups
are visited best first, and the visit stops when none left can enter the top `limit`. Both sides
read the same scored pairs, and a suggestion is built once for both.

"""

from __future__ import annotations

import math
import re
from bisect import insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from types import MappingProxyType
from typing import Literal

from .bulk import cyclic_gc_paused
from .records import City, Dataset, Item, Listing, LocalizedText, Location, Need, Offer

# Kinds of help that answer each other besides the same kind (the relation is symmetric).
RELATED_KINDS = frozenset(
    frozenset(pair)
    for pair in (
        ("equipment", "vehicles"),
        ("expertise", "training"),
        ("partnership", "expertise"),
        ("volunteers", "expertise"),
    )
)
# Kinds of help that travel: only for these does the distance between the cities matter.
PHYSICAL_KINDS = frozenset({"goods", "equipment", "vehicles"})


def _mapping(values: dict[str, float]) -> Callable[[], Mapping[str, float]]:
    return lambda: MappingProxyType(values)


@dataclass(frozen=True)
class Weights:
    """Every number a score is made of. Points are whole numbers, so reasons add up exactly.

    The sector says what a need is about and weighs most; the kind of help says how it can be
    answered; a matching item is the most concrete evidence there is. Language, distance,
    urgency and freshness order suggestions that are otherwise alike.
    """

    sectors: int = 50  # when both name the same sectors; shared in proportion otherwise
    # (Dice: 2 x shared / (need's + offer's), so a focused record outranks a broad one)
    same_kind: int = 20  # the best kind of help both name ...
    related_kind: int = 10  # ... or, failing that, a related one (RELATED_KINDS)
    more_kinds: float = 0.4  # each further kind of the need answered earns this share of that
    alone: float = 0.4  # the share sectors earn with no compatible kind, or kinds with no
    # shared sector: the right subject in the wrong form, or the right form on another subject
    items: int = 40  # shared by the items the need still lacks: for each one matched,
    item_name_share: float = 0.5  # this share for the name, the rest by the quantity covered
    item_overlap: float = 0.5  # names match when, in some pair of their languages, the shorter
    # has at least this share of its significant words in the other ("diesel generator" and
    # "diesel bus" do not; "hand pallet truck" and "hand pallet truck 2.5 t" do)
    first_language: int = 15  # the need contact's first language (mostly Ukrainian) is shared
    other_language: int = 8  # another language both contacts answer in
    distance: int = 30  # taken off at distance_cap_km and beyond, in proportion below it,
    distance_cap_km: int = 2500  # when both sides name goods, equipment or vehicles
    delivery: Mapping[str, float] = field(  # share of the distance points, by offer delivery
        default_factory=_mapping({"recipient-collects": 1.0, "we-deliver": 0.5, "remote": 0.0})
    )
    urgency: Mapping[str, float] = field(
        default_factory=_mapping({"critical": 12, "high": 8, "medium": 4, "low": 0})
    )
    fresh: int = 5  # per record whose review date has not passed


WEIGHTS = Weights()

ReasonCode = Literal[
    "same-sector", "compatible-kind", "items", "language", "distance", "urgency", "fresh"
]


@dataclass(frozen=True)
class Reason:
    """One reason a pair is suggested: a code, its points and the parameters that explain it."""

    code: ReasonCode
    contribution: int
    sector: str | None = None  # same-sector
    kind: str | None = None  # compatible-kind: the need's kind of help ...
    offer_kind: str | None = None  # ... and the offer's that answers it
    item: LocalizedText | None = None  # items: the need's item ...
    offer_item: LocalizedText | None = None  # ... the offer's item with a word in common
    covered: float | None = None  # ... how many of it the offer has, up to `requested`
    requested: float | None = None  # ... how many the need still lacks
    unit: str | None = None  # ... in this unit (covered is None when the units differ)
    language: str | None = None  # language: a language both contacts answer in
    km: int | None = None  # distance: between the two cities
    delivery: str | None = None  # distance: how the offer travels
    urgency: str | None = None  # urgency: the need's
    record: Literal["need", "offer"] | None = None  # fresh: whose review date is ahead

    @property
    def params(self) -> dict[str, object]:
        """The parameters that are set, for a translated message's placeholders."""
        return {
            f.name: value
            for f in fields(self)
            if f.name not in ("code", "contribution")
            and (value := getattr(self, f.name)) is not None
        }

    def describe(self) -> str:
        """A short English line for the command line and tests (the site translates codes)."""
        if self.code == "same-sector":
            return f"Same sector: {self.sector}"
        if self.code == "compatible-kind":
            answer = "" if self.offer_kind == self.kind else f" (answered by {self.offer_kind})"
            return f"Kind of help: {self.kind}{answer}"
        if self.code == "items":
            name = self.item.best("en")[1] if self.item else "?"
            if self.covered is None:
                return f"Item: {name} (a similar item is offered)"
            return f"Item: {name}, covers {self.covered:g} of {self.requested:g} {self.unit}"
        if self.code == "language":
            return f"Shared language: {self.language}"
        if self.code == "distance":
            return f"Distance: {self.km} km ({self.delivery})"
        if self.code == "urgency":
            return f"Urgency: {self.urgency}"
        return f"Still current: the {self.record}"


# Suggestions scoring less are not shown: with no shared sector and no item in common, a
# suggestion only says that both sides deal in "equipment", which helps nobody.
SHOWN_FROM = 50


@dataclass(frozen=True)
class Suggestion:
    need_id: str
    offer_id: str
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Matches:
    """Suggestions by need id (open and in-progress needs) and by offer id (available offers).

    Every such record has an entry, empty when nothing fits; records in other statuses have none.
    """

    for_need: dict[str, tuple[Suggestion, ...]]
    for_offer: dict[str, tuple[Suggestion, ...]]


def match(dataset: Dataset, today: date, limit: int = 5, weights: Weights = WEIGHTS) -> Matches:
    """Rank the available offers for each open need, and the open needs for each offer.

    Order: score, highest first, then id. Never suggested: a pair from the same city, a pair the
    need already lists in matched_with, a pair sharing neither a sector nor a compatible kind.
    Records whose city is not a valid record are left out (there is no place to measure from).
    """
    with cyclic_gc_paused():
        return _match(dataset, today, limit, weights)


def _match(dataset: Dataset, today: date, limit: int, weights: Weights) -> Matches:
    places = _Places(dataset.cities)
    needs = [
        need
        for need in sorted(dataset.needs.values(), key=lambda n: n.id)
        if need.is_open and need.city in dataset.cities
    ]
    offers = [
        offer
        for offer in sorted(dataset.offers.values(), key=lambda o: o.id)
        if offer.is_open and offer.city in dataset.cities
    ]
    need_groups = _groups(needs, lambda need: _need_class(need, today), places)
    offer_groups = _groups(offers, lambda offer: _offer_class(offer, today), places)
    _score_pairs(need_groups, offer_groups, weights)

    linked: dict[str, set[str]] = defaultdict(set)  # offer id -> needs that already name it
    for need in needs:
        for offer_id in need.matched_with:
            linked[offer_id].add(need.id)
    made: dict[tuple[str, str], Suggestion] = {}  # each pair built once, shared by both sides
    distances: dict[tuple[int | None, int, str], tuple[Reason, ...]] = {}  # reasons are shared

    def suggestion(need_id: str, offer_id: str, found: _Found) -> Suggestion:
        if (made_before := made.get((need_id, offer_id))) is not None:
            return made_before
        score, _, km, points, pair = found
        common = pair.common
        key = (km, points, common.delivery)
        if key not in distances:
            distances[key] = (
                ()
                if km is None
                else (Reason("distance", -points, km=km, delivery=common.delivery),)
            )
        reasons = common.head + pair.items + common.language + distances[key] + common.after
        made[need_id, offer_id] = Suggestion(need_id, offer_id, -score, reasons)
        return made[need_id, offer_id]

    for_need: dict[str, tuple[Suggestion, ...]] = {}
    for group in need_groups:
        ordered = sorted(group.pairs, key=lambda p: -p.base)
        for need in group.members:
            excluded = frozenset(need.matched_with)
            best = _best(need.city, ordered, lambda p: p.offers, excluded, limit)
            for_need[need.id] = tuple(suggestion(need.id, found[1], found) for found in best)
    for_offer: dict[str, tuple[Suggestion, ...]] = {}
    for group in offer_groups:
        ordered = sorted(group.pairs, key=lambda p: -p.base)
        for offer in group.members:
            excluded = frozenset(linked.get(offer.id, ()))
            best = _best(offer.city, ordered, lambda p: p.needs, excluded, limit)
            for_offer[offer.id] = tuple(suggestion(found[1], offer.id, found) for found in best)
    return Matches(
        for_need={need.id: for_need[need.id] for need in needs},
        for_offer={offer.id: for_offer[offer.id] for offer in offers},
    )


# --- Profiles and groups -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    item: Item
    words: tuple[frozenset[str], ...]  # significant stems of the name, per language
    stems: frozenset[str]  # all of them
    quantity: float  # what the need still lacks, or what the offer has

    def overlap(self, other: _Item) -> tuple[float, int]:
        """The best share of shared words over pairs of languages, and how many are shared."""
        best = (0.0, 0)
        for mine in self.words:
            for theirs in other.words:
                if common := len(mine & theirs):
                    best = max(best, (common / min(len(mine), len(theirs)), common))
        return best


@dataclass(eq=False)
class _Group:
    """Records that score alike against anything: same profile, different cities."""

    record: Need | Offer  # the first member, which stands for all
    class_id: int  # the number of its class: what scores, but items (see _need_class)
    items: tuple[_Item, ...]
    stems: frozenset[str]
    physical: bool
    fresh: bool
    places: _Places
    members: list[Listing] = field(default_factory=list)  # in id order
    pairs: list[_Pair] = field(default_factory=list)
    _nearest: dict[tuple[str, float, int], list[tuple[int, str, int]]] = field(
        default_factory=dict  # answers of `nearest`, by city
    )
    _index: _PlaceIndex | None = None

    def first(self, skip_city: str, count: int) -> list[tuple[int, str, int | None]]:
        """The first `count` members by id that are not in `skip_city`."""
        found: list[tuple[int, str, int | None]] = []
        for member in self.members:
            if member.city != skip_city:
                found.append((0, member.id, None))
                if len(found) == count:
                    break
        return found

    def nearest(
        self, city: str, scale: float, cap: float, count: int
    ) -> list[tuple[int, str, int]]:
        """The `count` members with the fewest distance points from `city` (then by id), not
        counting the city's own: (points, id, km)."""
        key = (city, scale, count)
        if key not in self._nearest:
            if self._index is None:
                self._index = _PlaceIndex(self.members, self.places)
            self._nearest[key] = self._index.nearest(city, scale, cap, count)
        return self._nearest[key]


_Class = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, bool]


def _need_class(need: Need, today: date) -> _Class:
    """What scores in a need apart from its items and its city."""
    return (need.sectors, need.kinds, need.contact.languages, need.urgency, need.review_by >= today)


def _offer_class(offer: Offer, today: date) -> _Class:
    """What scores in an offer apart from its items and its city."""
    fresh = offer.review_by >= today
    return (offer.sectors, offer.kinds, offer.contact.languages, offer.delivery, fresh)


def _groups(
    records: list[Need] | list[Offer], class_of: Callable[..., _Class], places: _Places
) -> list[_Group]:
    """Records by profile: class and items. Groups of a class are numbered alike."""
    classes: dict[_Class, int] = {}
    by_profile: dict[tuple[_Class, tuple[Item, ...]], _Group] = {}
    for record in records:
        key = (class_of(record), record.items)
        group = by_profile.get(key)
        if group is None:
            items = _items_of(record)
            group = by_profile[key] = _Group(
                record=record,
                class_id=classes.setdefault(key[0], len(classes)),
                items=items,
                stems=frozenset().union(*(item.stems for item in items)),
                physical=not PHYSICAL_KINDS.isdisjoint(record.kinds),
                fresh=key[0][-1],
                places=places,
            )
        group.members.append(record)
    return list(by_profile.values())


def _items_of(record: Need | Offer) -> tuple[_Item, ...]:
    items = []
    for item in record.items:
        quantity = item.quantity - (item.received or 0)
        if quantity > 0:
            words = tuple(
                found for _, text in item.name if (found := frozenset(_significant(text)))
            )
            items.append(_Item(item, words, frozenset().union(*words), quantity))
    return tuple(items)


# --- Scoring a pair of groups ------------------------------------------------------------------


@dataclass(frozen=True)
class _Common:
    """What a pair of groups owes to their classes alone: all but the items and the places."""

    head: tuple[Reason, ...]  # sectors and kinds
    language: tuple[Reason, ...]
    after: tuple[Reason, ...]  # urgency and freshness
    points: int
    scale: float  # distance points per km (0 when distance does not matter) ...
    cap: float  # ... up to this many km
    delivery: str


class _Pair:
    """A pair of groups that are candidates for each other, with its score before distance:
    an upper bound for every pair of their members."""

    __slots__ = ("base", "common", "items", "needs", "offers")

    def __init__(
        self, needs: _Group, offers: _Group, common: _Common, items: tuple[Reason, ...]
    ) -> None:
        self.needs, self.offers, self.common, self.items = needs, offers, common, items
        self.base = common.points + sum(r.contribution for r in items) if items else common.points


def _round(value: float) -> int:
    return int(value + 0.5)


def _score_pairs(need_groups: list[_Group], offer_groups: list[_Group], w: Weights) -> None:
    """Score every pair of groups that share a sector or a compatible kind, found by index:
    once per pair of classes, and the items once per pair of groups."""
    by_class: dict[int, list[_Group]] = defaultdict(list)
    by_sector: dict[str, set[int]] = defaultdict(set)
    by_kind: dict[str, set[int]] = defaultdict(set)
    for group in offer_groups:
        by_class[group.class_id].append(group)
        for sector in group.record.sectors:
            by_sector[sector].add(group.class_id)
        for kind in group.record.kinds:
            by_kind[kind].add(group.class_id)
    candidates: dict[int, list[int]] = {}  # need class -> offer classes
    common: dict[tuple[int, int], _Common] = {}
    for needs in need_groups:
        need = needs.record
        if (classes := candidates.get(needs.class_id)) is None:
            found: set[int] = set()
            for sector in need.sectors:
                found.update(by_sector.get(sector, ()))
            for kind in need.kinds:
                for answer in _answering(kind):
                    found.update(by_kind.get(answer, ()))
            classes = candidates[needs.class_id] = sorted(found)
        for offer_class in classes:
            of_class = by_class[offer_class]
            key = (needs.class_id, offer_class)
            if (shared := common.get(key)) is None:
                shared = common[key] = _common(needs, of_class[0], w)
            for offers in of_class:
                items = (
                    () if needs.stems.isdisjoint(offers.stems) else _item_reasons(needs, offers, w)
                )
                pair = _Pair(needs, offers, shared, items)
                needs.pairs.append(pair)
                offers.pairs.append(pair)


def _answering(kind: str) -> tuple[str, ...]:
    """The kinds of help that answer a need of this kind: the same, then the related ones."""
    related = sorted(other for pair in RELATED_KINDS if kind in pair for other in pair - {kind})
    return (kind, *related)


def _common(needs: _Group, offers: _Group, w: Weights) -> _Common:
    need, offer = needs.record, offers.record
    assert isinstance(need, Need) and isinstance(offer, Offer)
    sectors = _sector_reasons(need.sectors, offer.sectors, w)
    kinds = _kind_reasons(need.kinds, offer.kinds, w)
    if not kinds or not sectors:  # one without the other: a weak candidate
        sectors, kinds = _alone(sectors, w), _alone(kinds, w)
    language = _language_reasons(need.contact.languages, offer.contact.languages, w)
    after = _after_reasons(need.urgency, needs.fresh, offers.fresh, w)
    share = w.delivery.get(offer.delivery, 1.0)
    travels = needs.physical and offers.physical and share > 0
    return _Common(
        head=sectors + kinds,
        language=language,
        after=after,
        points=sum(r.contribution for r in (*sectors, *kinds, *language, *after)),
        scale=w.distance * share / w.distance_cap_km if travels else 0.0,
        cap=w.distance_cap_km,
        delivery=offer.delivery,
    )


def _sector_reasons(
    need: tuple[str, ...], offer: tuple[str, ...], w: Weights
) -> tuple[Reason, ...]:
    each = _round(w.sectors * 2 / (len(need) + len(offer)))
    return tuple(Reason("same-sector", each, sector=s) for s in need if s in offer)


def _alone(reasons: tuple[Reason, ...], w: Weights) -> tuple[Reason, ...]:
    return tuple(replace(r, contribution=_round(r.contribution * w.alone)) for r in reasons)


def _kind_reasons(need: tuple[str, ...], offer: tuple[str, ...], w: Weights) -> tuple[Reason, ...]:
    """Each kind of the need with the offer's kind that answers it: the same kind if offered,
    else a related one. The best answer earns the most, each further one a little."""
    answers = []
    for kind in need:
        answer = next((o for o in _answering(kind) if o in offer), None)
        if answer is not None:
            answers.append((answer != kind, kind, answer))
    answers.sort(key=lambda a: a[0])  # exact answers first, otherwise in the need's order
    return tuple(
        Reason(
            "compatible-kind",
            _round((w.related_kind if related else w.same_kind) * (w.more_kinds if i else 1)),
            kind=kind,
            offer_kind=answer,
        )
        for i, (related, kind, answer) in enumerate(answers)
    )


def _language_reasons(
    need: tuple[str, ...], offer: tuple[str, ...], w: Weights
) -> tuple[Reason, ...]:
    """The need contact's languages in their order: the first one the offer's contact shares."""
    for i, language in enumerate(need):
        if language in offer:
            points = w.first_language if i == 0 else w.other_language
            return (Reason("language", points, language=language),)
    return ()


def _item_reasons(needs: _Group, offers: _Group, w: Weights) -> tuple[Reason, ...]:
    """Each item the need still lacks that an offered item is named like: in some pair of
    their languages, the shorter name has `item_overlap` of its significant words in the other.
    The best such offered item counts, by share of words, then words, then quantity."""
    share = w.items / len(needs.items)
    reasons = []
    for wanted in needs.items:
        best: tuple[tuple[float, int, float], _Item, float | None] | None = None
        for offered in offers.items:
            if wanted.stems.isdisjoint(offered.stems):
                continue
            share_of_words, common = wanted.overlap(offered)
            if share_of_words < w.item_overlap:
                continue
            same_unit = offered.item.unit == wanted.item.unit
            covered = min(offered.quantity, wanted.quantity) if same_unit else None
            rank = (share_of_words, common, (covered or 0) / wanted.quantity)
            if best is None or rank > best[0]:
                best = (rank, offered, covered)
        if best is None:
            continue
        (_, _, ratio), offered, covered = best
        points = _round(share * (w.item_name_share + (1 - w.item_name_share) * ratio))
        reasons.append(
            Reason(
                "items",
                points,
                item=wanted.item.name,
                offer_item=offered.item.name,
                covered=None if covered is None else _number(covered),
                requested=_number(wanted.quantity),
                unit=wanted.item.unit,
            )
        )
    return tuple(reasons)


def _after_reasons(
    urgency: str, need_fresh: bool, offer_fresh: bool, w: Weights
) -> tuple[Reason, ...]:
    reasons = []
    if points := _round(w.urgency.get(urgency, 0)):
        reasons.append(Reason("urgency", points, urgency=urgency))
    if need_fresh:
        reasons.append(Reason("fresh", w.fresh, record="need"))
    if offer_fresh:
        reasons.append(Reason("fresh", w.fresh, record="offer"))
    return tuple(reasons)


def _number(value: float) -> float:
    return int(value) if float(value).is_integer() else value


# --- Words of item names ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")  # noqa: RUF001 (the apostrophes Ukrainian uses)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Ukrainian endings of nouns and adjectives, longest first; a stem keeps at least 3 letters.
_ENDINGS = "ами ями ого ому ими іми ах ях ам ям ів їв ий ій ої ою ею ом ем их іх"  # noqa: RUF001
_UK_ENDINGS = sorted([*_ENDINGS.split(), *"аяуюоеиіьй"], key=len, reverse=True)
# Words that say nothing about what an item is: function words, units, packaging, formats of
# help (a study visit of planners has nothing in common with a study visit of producers).
_WORDS = """
about and any are assorted based for from into one two three four five six ten per set kit piece
unit type size standard with without the of to in on or by up place day week month year hour
person people litre liter metre meter mobile portable electric commercial industrial
professional new used full fully equipped including pair total first spare system equipment
supply material online session workshop seminar course visit study placement trainee training
programme program expert advisory consultation site return lot volunteer mission group team
kw mw kwh kva mm cm kg ton tonne
з із зі для та і й на до від у в або по про без під над за при що це один одна одне два дві три
чотири шість десять кожен комплект набір штука близько різний розмір місце день тиждень година
рік літр метр тип система установка мобільний портативний електричний професійний промисловий
запасний онлайн сесія семінар курс візит навчальний стажування тривалість робота учасник слухач
перший повний оснащення обладнання новий пара виїзд волонтер місія група команда
квт мвт вт ква год мм см кг тонна
"""  # noqa: RUF001
_STOPWORDS = _WORDS.split()


def _stem(word: str) -> str:
    """A crude stem: plural and case endings off, so that pump/pumps and насос/насоси meet."""
    if _CYRILLIC.search(word):
        for ending in _UK_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: -len(ending)]
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    elif word.endswith("ing") and len(word) > 6:
        word = word[:-3]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


_STOP_STEMS = frozenset(form for word in _STOPWORDS for form in (word, _stem(word)))


def _significant(text: str) -> Iterable[str]:
    """The stems of the words of a name that could say what it is."""
    for word in _WORD.findall(text.casefold().translate(_APOSTROPHES)):
        if sum(char.isalpha() for char in word) < 3 or word in _STOP_STEMS:
            continue
        stem = _stem(word)
        if stem not in _STOP_STEMS:
            yield stem


# --- Places and distances ----------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088
_Point = tuple[float, float, float]  # a point on the unit sphere


def _point(lat: float, lon: float) -> _Point:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def _angle(a: _Point, b: _Point) -> float:
    """The great-circle angle between two points, in radians (times the radius: distance)."""
    return math.acos(max(-1.0, min(1.0, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])))


class _Places:
    def __init__(self, cities: Mapping[str, City]) -> None:
        self.cities = cities
        self._points: dict[str, _Point] = {}

    def point(self, city: str) -> _Point:
        if (found := self._points.get(city)) is None:
            location = self.cities[city].location
            found = self._points[city] = _point(location.lat, location.lon)
        return found


_Found = tuple[int, str, int | None, int, _Pair]  # (-score, id, km or None, points, pair)


def _best(
    city: str,
    pairs: list[_Pair],
    other: Callable[[_Pair], _Group],
    excluded: frozenset[str],
    limit: int,
) -> list[_Found]:
    """The best `limit` records of the other side for a record in `city`, over pairs of groups
    sorted by base score (highest first): stops at the first pair that cannot enter the top."""
    best: list[_Found] = []
    want = limit + len(excluded)
    for pair in pairs if limit > 0 else ():
        if len(best) >= limit and pair.base < -best[limit - 1][0]:
            break
        group = other(pair)
        common = pair.common
        found = (
            group.nearest(city, common.scale, common.cap, want)
            if common.scale
            else group.first(city, want)
        )
        for points, record_id, km in found:
            score = pair.base - points
            if len(best) >= limit and (-score, record_id) > best[-1][:2]:
                break  # `found` is in order: nothing further enters either
            if record_id in excluded:
                continue
            insort(best, (-score, record_id, km, points, pair))
            del best[limit:]
    return best


_CELL_DEGREES = 1


def _cell(location: Location) -> tuple[int, int]:
    return math.floor(location.lat / _CELL_DEGREES), math.floor(location.lon / _CELL_DEGREES)


def _cell_bounds(cell: tuple[int, int]) -> tuple[float, float, float, float]:
    """The centre of a cell of the grid and the angle from it to the farthest point of the
    cell (a corner; one percent more, to be safe)."""
    south, west = cell[0] * _CELL_DEGREES, cell[1] * _CELL_DEGREES
    centre = _point(south + _CELL_DEGREES / 2, west + _CELL_DEGREES / 2)
    corners = [
        _point(south + dlat, west + dlon)
        for dlat in (0, _CELL_DEGREES)
        for dlon in (0, _CELL_DEGREES)
    ]
    return (*centre, max(_angle(centre, corner) for corner in corners) * 1.01 + 1e-9)


_Entry = tuple[str, float, float, float, list[str]]  # city, its point, its members' ids


class _PlaceIndex:
    """A group's members by place, for nearest-first searches: cities in cells of a degree,
    each cell with a centre and a radius, so that a whole cell can be ruled out at once. The
    order in which to visit the cells is worked out once for all cities of a cell."""

    def __init__(self, members: list[Listing], places: _Places) -> None:
        self.places = places
        by_city: dict[str, list[str]] = defaultdict(list)
        for member in members:
            by_city[member.city].append(member.id)  # members are in id order
        cells: dict[tuple[int, int], list[str]] = defaultdict(list)
        for city in by_city:
            cells[_cell(places.cities[city].location)].append(city)
        self._orders: dict[tuple[int, int], list[tuple[float, int]]] = {}
        # (centre x, y, z, radius in radians, [(city, x, y, z, member ids)])
        self.cells: list[tuple[float, float, float, float, list[_Entry]]] = []
        for cell_cities in cells.values():
            entries = [(city, *places.point(city), by_city[city]) for city in cell_cities]
            sums = [sum(entry[axis] for entry in entries) for axis in (1, 2, 3)]
            norm = math.sqrt(sum(value * value for value in sums))
            centre = (sums[0] / norm, sums[1] / norm, sums[2] / norm)
            radius = max(_angle(centre, (e[1], e[2], e[3])) for e in entries)
            self.cells.append((*centre, radius + 1e-9, entries))

    def nearest(
        self, city: str, scale: float, cap: float, count: int
    ) -> list[tuple[int, str, int]]:
        """The `count` members with the fewest distance points from `city`, then by id, not
        counting the city's own: (points, id, km). Points grow with distance, so cells are
        visited nearest first until the nearest possible point of a cell costs too much."""
        x, y, z = self.places.point(city)
        acos = math.acos
        per_radian, cap_angle = scale * EARTH_RADIUS_KM, cap / EARTH_RADIUS_KM
        here = _cell(self.places.cities[city].location)
        if (order := self._orders.get(here)) is None:
            qx, qy, qz, spread = _cell_bounds(here)
            order = self._orders[here] = sorted(
                (acos(max(-1.0, min(1.0, qx * cx + qy * cy + qz * cz))) - radius - spread, index)
                for index, (cx, cy, cz, radius, _) in enumerate(self.cells)
            )
        found: list[tuple[int, str, int]] = []
        for lower, index in order:
            full = len(found) >= count
            if full and int(per_radian * min(max(lower, 0.0), cap_angle) + 0.5) > found[-1][0]:
                break  # this cell and all after it are too far for any city of this one
            cx, cy, cz, radius, entries = self.cells[index]
            if full:
                nearest = acos(max(-1.0, min(1.0, x * cx + y * cy + z * cz))) - radius
                if int(per_radian * min(max(nearest, 0.0), cap_angle) + 0.5) > found[-1][0]:
                    continue  # too far from this very city
            for other, ox, oy, oz, ids in entries:
                if other == city:
                    continue
                angle = acos(max(-1.0, min(1.0, x * ox + y * oy + z * oz)))
                points = int(per_radian * min(angle, cap_angle) + 0.5)
                if len(found) >= count and points > found[-1][0]:
                    continue
                km = int(angle * EARTH_RADIUS_KM + 0.5)
                for record_id in ids:
                    insort(found, (points, record_id, km))
                del found[count:]
        return found
