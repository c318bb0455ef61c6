"""The search (bit masks, blocks visited best first, bounds) suggests what scoring every pair
of a need and an offer would, on varied synthetic data (scripts/synth.py) as on the examples."""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from cities4cities.matching import Reason, Suggestion, match
from cities4cities.matching.places import EARTH_RADIUS_KM, CityPoints, angle
from cities4cities.matching.profiles import group_by_profile, need_class, offer_class
from cities4cities.matching.scoring import item_reasons, score_classes
from cities4cities.matching.weights import WEIGHTS, answering_kinds
from cities4cities.pledging import pledges_by_need
from cities4cities.records import Dataset
from cities4cities.validation import validate_content

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 29)


def every_pair_ranked(dataset: Dataset, today: date) -> dict[tuple[str, str], list[Suggestion]]:
    """Every candidate pair scored on its own, as the matcher's rules say, ranked for each need
    (key ("need", id)) and for each offer (("offer", id)): the straightforward computation."""
    w, places = WEIGHTS, CityPoints(dataset.cities)
    pledged = pledges_by_need(dataset)
    remaining = {need_id: found.still_needed() for need_id, found in pledged.items()}
    needs = [
        n
        for n in dataset.needs.values()
        if n.is_open
        and n.city in dataset.cities
        and not (remaining.get(n.id) and not any(remaining[n.id]))
    ]
    offers = [o for o in dataset.offers.values() if o.is_open and o.city in dataset.cities]
    need_groups = group_by_profile(needs, lambda n: need_class(n, today), remaining)
    offer_groups = group_by_profile(offers, lambda o: offer_class(o, today))
    excluded: dict[str, set[str]] = defaultdict(set)  # need id -> offers it names or pledges name
    for need in needs:
        excluded[need.id].update(need.matched_with)
    for found in pledged.values():
        excluded[found.need.id].update(p.offer for p in found.pledges if p.offer)
    ranked: dict[tuple[str, str], list[Suggestion]] = defaultdict(list)
    for need_group in need_groups:
        for offer_group in offer_groups:
            need, offer = need_group.record, offer_group.record
            shared = set(need.sectors) & set(offer.sectors)
            answered = any(a in offer.kinds for k in need.kinds for a in answering_kinds(k))
            if not shared and not answered:
                continue
            common = score_classes(need_group, offer_group, w)
            items = (
                ()
                if need_group.stems.isdisjoint(offer_group.stems)
                else item_reasons(need_group, offer_group, w)
            )
            for need in need_group.members:
                for offer in offer_group.members:
                    if need.city == offer.city or offer.id in excluded[need.id]:
                        continue
                    distance: tuple[Reason, ...] = ()
                    if common.scale:
                        arc = angle(places.point(need.city), places.point(offer.city))
                        points = int(
                            common.scale * EARTH_RADIUS_KM * min(arc, common.cap / EARTH_RADIUS_KM)
                            + 0.5
                        )
                        km = int(arc * EARTH_RADIUS_KM + 0.5)
                        distance = (Reason("distance", -points, km=km, delivery=common.delivery),)
                    reasons = common.head + items + common.language + distance + common.after
                    found = Suggestion(
                        need.id, offer.id, sum(r.contribution for r in reasons), reasons
                    )
                    ranked["need", need.id].append(found)
                    ranked["offer", offer.id].append(found)
    for suggestions in ranked.values():
        suggestions.sort(key=lambda s: (-s.score, s.offer_id, s.need_id))
    return ranked


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "scripts" / "synth.py")
    assert spec and spec.loader
    synth = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = synth  # for its dataclass
    spec.loader.exec_module(synth)
    folder = tmp_path_factory.mktemp("synthetic")
    synth.generate(900, folder, 11, TODAY)
    return validate_content(folder, TODAY).dataset


@pytest.mark.slow
@pytest.mark.parametrize("limit", [1, 5])
def test_the_search_finds_the_best_of_every_pair(synthetic: Dataset, limit: int) -> None:
    ranked = every_pair_ranked(synthetic, TODAY)
    matches = match(synthetic, TODAY, limit)
    assert sum(map(len, matches.for_need.values())) > 300  # the data gives plenty to rank
    for need_id, found in matches.for_need.items():
        assert list(found) == ranked["need", need_id][:limit], need_id
    for offer_id, found in matches.for_offer.items():
        expected = sorted(ranked["offer", offer_id], key=lambda s: (-s.score, s.need_id))
        assert list(found) == expected[:limit], offer_id
