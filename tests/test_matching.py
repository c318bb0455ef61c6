"""Suggested matches: who is suggested to whom, in which order, and why.

Small cases are YAML records written into a copy of fixtures/base (ua-sumy needs generators;
pl-lublin offers water pumps; ua-sumy offers rescue training), validated like real content.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY

from cities4cities.facts import met_needs, statistics
from cities4cities.matching import (
    RELATED_KINDS,
    Matches,
    Reason,
    Suggestion,
    match,
)
from cities4cities.records import Dataset, Location
from cities4cities.validation import validate_content

CITIES = {  # id: (region, lat, lon, languages)
    "pl-swidnik": ("PL-06", 51.2465, 22.5684, ["pl", "en"]),  # where Lublin is, to make ties
    "pt-lisbon": ("PT-11", 38.7223, -9.1393, ["pt", "en", "uk"]),  # 3,900 km from Sumy
    "ua-poltava": ("UA-53", 49.5883, 34.5514, ["uk", "en"]),
    "ua-romny": ("UA-59", 50.9077, 34.7981, ["uk", "en"]),  # where Sumy is, to make ties
}


def add_city(content: Path, city_id: str) -> None:
    region, lat, lon, languages = CITIES[city_id]
    name = city_id.split("-", 1)[1].title()
    write(
        content / "cities" / f"{city_id}.yaml",
        {
            "name": {"en": name, "uk": name},
            "country": city_id[:2].upper(),
            "region": region,
            "location": {"lat": lat, "lon": lon},
            "contact": {
                "organisation": {"en": f"{name} city council"},
                "email": f"office@{city_id}.example",
                "languages": languages,
            },
        },
    )


def add_listing(content: Path, folder: str, record_id: str, **fields: Any) -> None:
    """A need or offer with sensible defaults; keyword arguments replace fields."""
    city = fields.pop("city", None) or "-".join(record_id.split("-")[:2])
    if city in CITIES and not (content / "cities" / f"{city}.yaml").exists():
        add_city(content, city)
    words = record_id.split("-", 2)[2].replace("-", " ")
    data: dict[str, Any] = {
        "city": city,
        "title": {"en": f"{words.capitalize()} from {city}"},
        "description": {"en": f"About {words}."},
        "sectors": ["water-sanitation"],
        "kinds": ["equipment"],
        "status": "open" if folder == "needs" else "available",
        "posted": "2026-10-01",
        "review_by": "2027-04-01",
        "contact": {
            "organisation": {"en": f"{city} office"},
            "email": f"help@{city}.example",
            "languages": fields.pop("languages", ["uk", "en"]),
        },
    }
    if folder == "needs":
        data["urgency"] = "high"
    else:
        data["delivery"] = "we-deliver"
    data.update(fields)
    write(content / folder / f"{record_id}.yaml", data)


def pump(name: str, quantity: int, uk: str = "Заглибний насос") -> dict[str, Any]:
    return {"name": {"en": name, "uk": uk}, "quantity": quantity, "unit": "piece"}


def write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load(content: Path) -> Dataset:
    result = validate_content(content, TODAY)
    assert result.errors == [], "\n".join(map(str, result.errors))
    return result.dataset


def ids(suggestions: tuple[Suggestion, ...], side: str = "offer") -> list[str]:
    return [s.offer_id if side == "offer" else s.need_id for s in suggestions]


def codes(suggestion: Suggestion) -> list[str]:
    return [reason.code for reason in suggestion.reasons]


def reason(suggestion: Suggestion, code: str) -> Reason:
    return next(r for r in suggestion.reasons if r.code == code)


@pytest.fixture
def example() -> Dataset:
    return validate_content(ROOT / "content", TODAY).dataset


# --- Ranking -----------------------------------------------------------------------------------


def test_pumps_from_a_city_speaking_the_language_rank_first(content: Path) -> None:
    add_listing(
        content,
        "needs",
        "ua-sumy-water-pumps",
        items=[pump("Submersible pumps for wells", 8, "Заглибні насоси для свердловин")],
    )
    # The base's pl-lublin-water-pumps again, from where Lublin is, by an office that also
    # speaks Ukrainian (Lublin's speaks Polish and English, and its id comes first).
    add_listing(
        content,
        "offers",
        "pl-swidnik-water-pumps",
        languages=["pl", "uk"],
        items=[pump("Submersible pump 50 m³/h", 6, "Заглибний насос 50 м³/год")],
    )
    add_listing(  # unrelated, but a candidate: equipment, and no distance against it
        content,
        "offers",
        "pl-swidnik-museum-scanners",
        sectors=["culture-heritage"],
        delivery="remote",
        languages=["uk", "en"],
        items=[pump("Book scanner", 2, "Книжковий сканер")],
    )
    matches = match(load(content), TODAY)

    ranked = matches.for_need["ua-sumy-water-pumps"]
    assert ids(ranked) == [
        "pl-swidnik-water-pumps",
        "pl-lublin-water-pumps",
        "pl-swidnik-museum-scanners",
    ]
    first, second, unrelated = ranked
    assert reason(first, "language").language == "uk"
    assert reason(second, "language").language == "en"
    assert reason(first, "language").contribution > reason(second, "language").contribution
    items = reason(first, "items")
    assert (items.covered, items.requested, items.unit) == (6, 8, "piece")
    assert items.item is not None and items.item.get("en") == "Submersible pumps for wells"
    assert codes(unrelated) == ["compatible-kind", "language", "urgency", "fresh", "fresh"]
    assert unrelated.score < second.score


def test_item_names_match_across_plurals_and_languages(content: Path) -> None:
    add_listing(
        content,
        "needs",
        "ua-sumy-water-pumps",
        items=[
            pump("Pumps", 2, "Насоси"),
            pump("Diesel generator with transfer switch", 1, "Дизельний генератор з автоматикою"),
            {"name": {"uk": "Труби"}, "quantity": 100, "unit": "metre"},
        ],
    )
    add_listing(
        content,
        "offers",
        "pl-swidnik-used-kit",
        items=[
            {"name": {"en": "Pump"}, "quantity": 5, "unit": "piece"},  # English only
            # Shares only "diesel" with the generator, of five and four words: not the item.
            pump("Diesel bus Solaris Urbino", 1, "Дизельний автобус Solaris Urbino"),
            {"name": {"uk": "Труба поліетиленова"}, "quantity": 40, "unit": "metre"},  # noqa: RUF001
        ],
    )
    (suggestion,) = match(load(content), TODAY).for_need["ua-sumy-water-pumps"][:1]
    matched = [r for r in suggestion.reasons if r.code == "items"]
    assert [(r.item and r.item.best("en")[1], r.covered) for r in matched] == [
        ("Pumps", 2),
        ("Труби", 40),
    ]


def test_distance_counts_only_for_things_that_travel(content: Path) -> None:
    add_listing(content, "needs", "ua-sumy-pumps-and-advice", kinds=["equipment", "expertise"])
    offers = {  # (kinds, delivery)
        "advice": (["expertise"], "we-deliver"),
        "remote-kit": (["equipment"], "remote"),
        "kit": (["equipment"], "recipient-collects"),
    }
    for city in ("pl-swidnik", "pt-lisbon"):
        for name, (kinds, delivery) in offers.items():
            add_listing(
                content,
                "offers",
                f"{city}-{name}",
                kinds=kinds,
                delivery=delivery,
                languages=["en"],
            )
    matches = match(load(content), TODAY, limit=20)
    scores = {s.offer_id: s for s in matches.for_need["ua-sumy-pumps-and-advice"]}

    for name in ("advice", "remote-kit"):  # not penalised: the same score near and far
        near, far = scores[f"pl-swidnik-{name}"], scores[f"pt-lisbon-{name}"]
        assert near.score == far.score
        assert "distance" not in codes(near) + codes(far)
    near, far = scores["pl-swidnik-kit"], scores["pt-lisbon-kit"]
    assert near.score > far.score
    assert reason(near, "distance").km == 854  # Lublin to Sumy, great circle (haversine)
    assert reason(far, "distance").km == 3657
    assert reason(far, "distance").delivery == "recipient-collects"


def test_a_remote_offer_scores_as_if_it_were_near(content: Path) -> None:
    add_listing(content, "needs", "ua-sumy-water-pumps")
    add_listing(content, "offers", "pt-lisbon-pumps", delivery="remote", languages=["en"])
    add_listing(content, "offers", "ua-romny-pumps", delivery="remote", languages=["en"])
    ranked = match(load(content), TODAY).for_need["ua-sumy-water-pumps"]
    scores = {s.offer_id: s.score for s in ranked}
    assert scores["pt-lisbon-pumps"] == scores["ua-romny-pumps"]  # Romny is where Sumy is


def test_candidates_share_a_sector_or_a_compatible_kind(content: Path) -> None:
    add_listing(content, "needs", "ua-sumy-water-pumps")  # water-sanitation, equipment
    add_listing(content, "offers", "pl-swidnik-pipes", kinds=["goods"])  # sector only
    add_listing(content, "offers", "pl-swidnik-trucks", sectors=["transport"], kinds=["vehicles"])
    add_listing(  # neither
        content, "offers", "pl-swidnik-hosting", sectors=["education"], kinds=["hosting"]
    )
    ranked = match(load(content), TODAY, limit=20).for_need["ua-sumy-water-pumps"]
    assert set(ids(ranked)) == {"pl-lublin-water-pumps", "pl-swidnik-pipes", "pl-swidnik-trucks"}
    assert ids(ranked)[0] == "pl-lublin-water-pumps"  # both sector and kind: the real candidate
    trucks = next(s for s in ranked if s.offer_id == "pl-swidnik-trucks")
    kind = reason(trucks, "compatible-kind")
    assert (kind.kind, kind.offer_kind) == ("equipment", "vehicles")


def test_ties_are_broken_by_id(content: Path) -> None:
    # Identical offers from two cities at the same place, identical needs likewise.
    for city in ("pl-swidnik", "pl-lublin"):
        add_listing(content, "offers", f"{city}-pumps", languages=["pl", "en"])
    for city in ("ua-romny", "ua-sumy"):
        add_listing(content, "needs", f"{city}-pumps-for-wells")
    dataset = load(content)
    matches = match(dataset, TODAY)

    tied = matches.for_need["ua-romny-pumps-for-wells"][:3]  # with the base's pumps, no items
    assert tied[0].score == tied[1].score == tied[2].score
    assert ids(tied) == ["pl-lublin-pumps", "pl-lublin-water-pumps", "pl-swidnik-pumps"]
    tied = matches.for_offer["pl-swidnik-pumps"][:2]
    assert tied[0].score == tied[1].score
    assert ids(tied, "need") == ["ua-romny-pumps-for-wells", "ua-sumy-pumps-for-wells"]

    shuffled = Dataset(
        cities=dict(reversed(dataset.cities.items())),
        needs=dict(reversed(dataset.needs.items())),
        offers=dict(reversed(dataset.offers.items())),
    )
    assert match(shuffled, TODAY) == matches


def test_urgency_and_freshness_order_needs_for_an_offer(content: Path) -> None:
    add_listing(content, "needs", "ua-romny-pumps-soon", urgency="critical")
    add_listing(content, "needs", "ua-romny-pumps-later", urgency="low")
    add_listing(  # overdue for review (a warning, not an error)
        content, "needs", "ua-romny-pumps-stale", posted="2026-01-05", review_by="2026-11-01"
    )
    ranked = match(load(content), TODAY).for_offer["pl-lublin-water-pumps"]
    assert ids(ranked, "need") == [
        "ua-romny-pumps-soon",
        "ua-romny-pumps-stale",
        "ua-romny-pumps-later",
        "ua-sumy-generators",  # the base's: a kind of help in common, no sector
    ]
    assert reason(ranked[0], "urgency").urgency == "critical"
    assert [r.record for r in ranked[0].reasons if r.code == "fresh"] == ["need", "offer"]
    assert [r.record for r in ranked[1].reasons if r.code == "fresh"] == ["offer"]
    assert "urgency" not in codes(ranked[2])  # low urgency earns nothing


# --- Never suggested ---------------------------------------------------------------------------


def everything(matches: Matches) -> list[Suggestion]:
    return [s for found in (*matches.for_need.values(), *matches.for_offer.values()) for s in found]


def test_taken_and_withdrawn_offers_never_appear(content: Path) -> None:
    add_listing(content, "needs", "ua-sumy-water-pumps")
    for status in ("withdrawn", "given", "reserved"):
        add_listing(content, "offers", f"pl-swidnik-pumps-{status}", status=status)
    matches = match(load(content), TODAY)
    offered = {s.offer_id for s in everything(matches)}
    assert "pl-lublin-water-pumps" in offered
    assert offered <= {"pl-lublin-water-pumps", "ua-sumy-rescue-training"}
    assert set(matches.for_offer) == {"pl-lublin-water-pumps", "ua-sumy-rescue-training"}


def test_fulfilled_and_withdrawn_needs_get_no_suggestions(content: Path) -> None:
    add_listing(content, "needs", "ua-romny-pumps-done", status="fulfilled", outcome={"en": "Met"})
    add_listing(content, "needs", "ua-romny-pumps-withdrawn", status="withdrawn")
    add_listing(content, "needs", "ua-romny-pumps-underway", status="in-progress")
    matches = match(load(content), TODAY)
    assert set(matches.for_need) == {"ua-sumy-generators", "ua-romny-pumps-underway"}
    assert {s.need_id for s in everything(matches)} <= set(matches.for_need)
    assert "ua-romny-pumps-underway" in ids(matches.for_offer["pl-lublin-water-pumps"], "need")


def test_a_city_is_never_matched_with_itself(content: Path) -> None:
    training = {"sectors": ["civil-protection"], "kinds": ["training"]}
    add_listing(content, "needs", "ua-sumy-rescuer-training", **training)
    add_listing(content, "needs", "ua-poltava-rescuer-training", **training)
    matches = match(load(content), TODAY)
    assert "ua-sumy-rescue-training" not in ids(matches.for_need["ua-sumy-rescuer-training"])
    assert ids(matches.for_need["ua-poltava-rescuer-training"])[0] == "ua-sumy-rescue-training"
    for suggestion in everything(matches):
        assert suggestion.need_id.split("-")[:2] != suggestion.offer_id.split("-")[:2]


def test_a_pair_already_matched_is_not_suggested_again(content: Path) -> None:
    add_listing(
        content,
        "needs",
        "ua-romny-pumps-underway",
        status="in-progress",
        matched_with=["pl-lublin-water-pumps"],
    )
    add_listing(content, "needs", "ua-poltava-pumps")
    matches = match(load(content), TODAY)
    assert "pl-lublin-water-pumps" not in ids(matches.for_need["ua-romny-pumps-underway"])
    assert ids(matches.for_offer["pl-lublin-water-pumps"], "need") == [
        "ua-poltava-pumps",
        "ua-sumy-generators",
    ]


# --- Reasons -----------------------------------------------------------------------------------


def test_reasons_add_up_to_the_score(example: Dataset) -> None:
    suggestions = everything(match(example, TODAY))
    assert len(suggestions) > 100
    for suggestion in suggestions:
        assert sum(r.contribution for r in suggestion.reasons) == suggestion.score
        assert all(isinstance(r.contribution, int) for r in suggestion.reasons)


def test_both_sides_share_one_suggestion_per_pair(example: Dataset) -> None:
    matches = match(example, TODAY, limit=50)
    by_pair = {(s.need_id, s.offer_id): s for s in matches.for_need["ua-nizhyn-waste-trucks"]}
    from_offer = next(
        s
        for s in matches.for_offer["cz-brno-refuse-trucks"]
        if s.need_id == "ua-nizhyn-waste-trucks"
    )
    assert by_pair["ua-nizhyn-waste-trucks", "cz-brno-refuse-trucks"] is from_offer


def test_reasons_are_codes_and_parameters() -> None:
    sector = Reason("same-sector", 25, sector="water-sanitation")
    assert sector.params == {"sector": "water-sanitation"}
    assert sector.describe() == "Same sector: water-sanitation"
    kind = Reason("compatible-kind", 10, kind="equipment", offer_kind="vehicles")
    assert kind.describe() == "Kind of help: equipment (answered by vehicles)"
    assert Reason("distance", -9, km=870, delivery="we-deliver").params == {
        "km": 870,
        "delivery": "we-deliver",
    }
    assert frozenset({"expertise", "training"}) in RELATED_KINDS


# --- The example data, checked by hand ---------------------------------------------------------


def test_example_needs_get_the_offers_a_person_would_pick(example: Dataset) -> None:
    matches = match(example, TODAY)

    def first(need_id: str) -> str:
        return matches.for_need[need_id][0].offer_id

    # Conservators from Kraków for Lviv's historic roofs: both sectors, expertise.
    assert first("ua-lviv-historic-roof-conservation") == "pl-krakow-heritage-conservation"
    # Brno's refuse trucks and bins for the two cities that need exactly that.
    assert first("ua-dnipro-waste-collection-trucks") == "cz-brno-refuse-trucks"
    assert first("ua-nizhyn-waste-trucks") == "cz-brno-refuse-trucks"
    # Odesa's museums: Edinburgh's museum partnership and Kraków's conservators, the only two
    # culture-heritage offers, ahead of anything else.
    top_two = set(ids(matches.for_need["ua-odesa-museum-conservation"][:2]))
    assert top_two == {"gb-edinburgh-museum-digitisation", "pl-krakow-heritage-conservation"}
    # Forklifts, pallet trucks and racking from Marseille for Odesa's humanitarian warehouse;
    # Dnipro's has Marseille's pledge already (content/pledges/): not suggested again.
    assert first("ua-odesa-humanitarian-warehouse-equipment") == "fr-marseille-warehouse-equipment"
    dnipro = ids(matches.for_need["ua-dnipro-humanitarian-warehouse-equipment"])
    assert "fr-marseille-warehouse-equipment" not in dnipro
    # Children's respite camps in Wrocław for the two children's respite needs.
    assert first("ua-sumy-children-respite-hosting") == "pl-wroclaw-children-respite-camps"
    assert first("ua-zaporizhzhia-children-respite-hosting-2027") == (
        "pl-wroclaw-children-respite-camps"
    )
    assert first("ua-mykolaiv-trolleybuses") == "pl-warsaw-city-buses"
    assert first("ua-kyiv-cybersecurity-municipal-it") == "pl-warsaw-contact-centre-expertise"
    assert first("ua-cherkasy-hospital-solar-power") == "de-freiburg-im-breisgau-school-solar-kits"
    assert first("ua-dnipro-hospital-diagnostic-equipment") == "de-nuremberg-hospital-beds"


def test_example_offers_get_the_needs_a_person_would_pick(example: Dataset) -> None:
    matches = match(example, TODAY)

    def top(offer_id: str, count: int = 1) -> set[str]:
        return set(ids(matches.for_offer[offer_id][:count], "need"))

    assert top("cz-brno-refuse-trucks", 2) == {
        "ua-dnipro-waste-collection-trucks",
        "ua-nizhyn-waste-trucks",
    }
    assert top("fr-marseille-warehouse-equipment", 1) == {
        "ua-odesa-humanitarian-warehouse-equipment",
    }
    assert top("pl-wroclaw-children-respite-camps", 2) == {
        "ua-sumy-children-respite-hosting",
        "ua-zaporizhzhia-children-respite-hosting-2027",
    }
    assert top("pl-krakow-heritage-conservation") == {"ua-lviv-historic-roof-conservation"}
    assert top("gb-edinburgh-museum-digitisation") == {"ua-odesa-museum-conservation"}
    assert top("pl-warsaw-city-buses") == {"ua-mykolaiv-trolleybuses"}


def test_example_data_keeps_the_rules(example: Dataset) -> None:
    matches = match(example, TODAY)
    open_needs = {n.id for n in example.needs.values() if n.is_open}
    available = {o.id for o in example.offers.values() if o.is_open}
    assert set(matches.for_need) == open_needs
    assert set(matches.for_offer) == available
    for suggestion in everything(matches):
        need, offer = example.needs[suggestion.need_id], example.offers[suggestion.offer_id]
        assert need.city != offer.city
        assert offer.id not in need.matched_with
    # Lviv offers hosting and needs help with veterans (social services, both): never paired.
    assert "ua-lviv-hosting-displaced-families" not in ids(
        match(example, TODAY, limit=100).for_need["ua-lviv-veteran-employment-programme"]
    )
    for found in (*matches.for_need.values(), *matches.for_offer.values()):
        assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


# --- Scale: the index and the pruning give what scoring every pair would -----------------------


def crowded(example: Dataset, copies: int, seed: int = 7) -> Dataset:
    """Many copies of the example records in many cities near the example ones, as synth.py
    makes them: the same profiles over and over, which is what groups and pruning are for."""
    rng = random.Random(seed)
    cities = {}
    for index, city in enumerate(sorted(example.cities.values(), key=lambda c: c.id) * copies):
        location = Location(
            round(city.location.lat + rng.uniform(-0.6, 0.6), 4),
            round(city.location.lon + rng.uniform(-0.6, 0.6), 4),
        )
        clone = replace(city, id=f"{city.id}-{index:04d}", location=location)
        cities[clone.id] = clone
    by_country: dict[bool, list[str]] = {True: [], False: []}
    for city_id in cities:
        by_country[city_id.startswith("ua-")].append(city_id)
    dataset = Dataset(cities=cities)
    for index in range(copies):
        for need in example.needs.values():
            city = rng.choice(by_country[True])
            clone = replace(need, id=f"{city}-{need.id}-{index}", city=city, matched_with=())
            dataset.needs[clone.id] = clone
        for offer in example.offers.values():
            city = rng.choice(by_country[not offer.city.startswith("ua-")])
            clone = replace(offer, id=f"{city}-{offer.id}-{index}", city=city)
            dataset.offers[clone.id] = clone
    return dataset


def test_the_best_few_are_the_first_few_of_everything(example: Dataset) -> None:
    dataset = crowded(example, copies=8)
    best = match(dataset, TODAY, limit=5)
    everything_ranked = match(dataset, TODAY, limit=10**6)
    for need_id, found in best.for_need.items():
        assert found == everything_ranked.for_need[need_id][:5]
    for offer_id, found in best.for_offer.items():
        assert found == everything_ranked.for_offer[offer_id][:5]
    # Everything ranked is every plausible pair of other cities: nothing missed, nothing extra.
    needs = [n for n in dataset.needs.values() if n.is_open]
    offers = [o for o in dataset.offers.values() if o.is_open]
    for need in needs[::7]:
        plausible = {
            o.id
            for o in offers
            if o.city != need.city
            and (
                set(need.sectors) & set(o.sectors)
                or any(
                    a == b or frozenset({a, b}) in RELATED_KINDS
                    for a in need.kinds
                    for b in o.kinds
                )
            )
        }
        assert set(ids(everything_ranked.for_need[need.id])) == plausible


# --- The record of success ---------------------------------------------------------------------


def test_met_needs_newest_first(example: Dataset) -> None:
    met = met_needs(example)
    fulfilled = {n.id for n in example.needs.values() if n.status == "fulfilled"}
    assert {m.need_id for m in met} == fulfilled
    days = [m.fulfilled for m in met]
    assert days == sorted(days, reverse=True)
    laptops = next(m for m in met if m.need_id == "ua-cherkasy-school-laptops")
    need = example.needs["ua-cherkasy-school-laptops"]
    assert laptops.offer_ids == ("pl-bydgoszcz-school-laptops",)
    assert laptops.offering_cities == ("pl-bydgoszcz",)
    assert laptops.city == "ua-cherkasy"
    assert need.updated is not None
    assert laptops.days == (need.updated - need.posted).days


def test_statistics(example: Dataset) -> None:
    stats = statistics(example)
    needs = example.needs.values()
    assert stats.total.open_needs == sum(1 for n in needs if n.is_open)
    assert stats.total.needs_met == sum(1 for n in needs if n.status == "fulfilled")
    assert stats.total.median_days is not None and stats.total.median_days > 0
    water = stats.by_sector["water-sanitation"]
    assert (water.open_needs, water.needs_met) == (
        sum(1 for n in needs if "water-sanitation" in n.sectors and n.is_open),
        sum(1 for n in needs if "water-sanitation" in n.sectors and n.status == "fulfilled"),
    )
    assert stats.by_country["UA"].needs_met == stats.total.needs_met
    assert stats.helped_by["PL"] >= 2  # Bydgoszcz's laptops, Lublin's pumps
