"""Partnerships: suggested partner cities and their reasons (in both languages), and what the
built site makes of the example partnerships: the list and its filters, a partnership's page,
a city's page, the open data and the feed. The rules are in fixtures/invalid/partnerships/."""

# ruff: noqa: RUF001 (Ukrainian words)

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT, TODAY

from cities4cities.facts import derive_facts
from cities4cities.matching import WEIGHTS, Matches, suggest_partners
from cities4cities.matching.partners import pair_reasons
from cities4cities.records import Dataset
from cities4cities.site.context import Context
from cities4cities.site.reasons import reason_text
from cities4cities.validation import validate_content

SEEKING = {  # appended to the base cities: both seek a partner in energy
    "ua-sumy.yaml": "seeking_partnership:\n  priorities: [energy, health]\n"
    "  seeks: [equipment, know-how]\n  brings: [staff-exchange]\n",
    "pl-lublin.yaml": "population: 330000\nseeking_partnership:\n  priorities: [energy]\n"
    "  brings: [equipment, co-funding]\n  languages: [pl, uk]\n",
}


def seeking_dataset(content: Path, partnership_status: str = "ended") -> Dataset:
    """The base dataset with both cities seeking a partner; their partnership `status`."""
    for name, text in SEEKING.items():
        path = content / "cities" / name
        path.write_text(path.read_text(encoding="utf-8").replace("example: true\n", text))
    partnership = content / "partnerships" / "pl-lublin-ua-sumy.yaml"
    if partnership_status == "ended":
        text = partnership.read_text(encoding="utf-8").replace("status: active", "status: ended")
        partnership.write_text(text.replace("sectors:", 'ended: "2025-01-01"\nsectors:'))
    result = validate_content(content, TODAY)
    assert result.problems == [], [str(p) for p in result.problems]
    return result.dataset


def suggested(dataset: Dataset) -> dict:
    facts = derive_facts(dataset)
    return suggest_partners(dataset, facts.helped, facts.partnerships)


def test_cities_partnered_now_are_not_suggested_to_each_other(content: Path) -> None:
    found = suggested(seeking_dataset(content, partnership_status="active"))
    assert found == {"ua-sumy": (), "pl-lublin": ()}


def test_a_suggested_pair_says_why_in_codes(content: Path) -> None:
    found = suggested(seeking_dataset(content))
    (pair,) = found["ua-sumy"]
    assert found["pl-lublin"] == (pair,)  # one suggestion, read by both sides
    assert (pair.ukrainian, pair.european) == ("ua-sumy", "pl-lublin")
    assert [r.describe() for r in pair.reasons] == [
        "Same sector: energy",
        "pl-lublin brings equipment, which ua-sumy seeks",
        "Shared language: uk",
        "Comparable size: (256000, 330000)",
    ]
    assert pair.score == sum(r.contribution for r in pair.reasons) == 33 + 10 + 15 + 10


def test_ties_between_their_countries_count_up_to_a_cap(content: Path) -> None:
    dataset = seeking_dataset(content)
    sumy, lublin = dataset.cities["ua-sumy"], dataset.cities["pl-lublin"]
    for count, points in ((1, WEIGHTS.ties), (9, WEIGHTS.ties_cap)):
        reasons = pair_reasons(sumy, lublin, {}, {("PL", "UA"): count}, WEIGHTS)
        (tie,) = [r for r in reasons if r.code == "ties"]
        assert (tie.count, tie.countries, tie.contribution) == (count, ("UA", "PL"), points)


def test_help_given_counts(content: Path) -> None:
    need = content / "needs" / "ua-sumy-generators.yaml"  # met by an offer of Lublin
    need.write_text(
        need.read_text(encoding="utf-8").replace("status: open", "status: fulfilled")
        + "matched_with: [pl-lublin-water-pumps]\n",
        encoding="utf-8",
    )
    dataset = seeking_dataset(content)
    (pair,) = suggested(dataset)["ua-sumy"]
    described = [r.describe() for r in pair.reasons]
    assert "pl-lublin has helped ua-sumy" in described


def test_reasons_in_the_readers_language(content: Path) -> None:
    dataset = seeking_dataset(content)
    (pair,) = suggested(dataset)["ua-sumy"]
    words = {
        language: [
            reason_text(
                Context(dataset, derive_facts(dataset), Matches({}, {}), language, {}, TODAY), r
            )
            for r in pair.reasons
        ]
        for language in ("en", "uk")
    }
    assert words["en"] == [
        "Same sector: Energy",
        "Lublin brings equipment, which Sumy looks for",
        "Both answer in Ukrainian",
        "Comparable size: 256\u202f000 and 330\u202f000 inhabitants",
    ]
    assert words["uk"][0] == "Та сама сфера: Енергетика"
    assert words["uk"][1] == "Люблін пропонує: обладнання, а Суми цього шукає"
    assert "українська" in words["uk"][2]


def test_the_example_data_has_partnerships_of_every_kind_and_state() -> None:
    result = validate_content(ROOT / "content", TODAY)
    partnerships = result.dataset.partnerships.values()
    assert {p.kind for p in partnerships} == {"twinning", "solidarity", "project"}
    assert {p.status for p in partnerships} == {"exploring", "active", "paused", "ended"}
    seeking = [c for c in result.dataset.cities.values() if c.seeking]
    assert {c.country == "UA" for c in seeking} == {True, False}  # both sides seek
    assert any(c.seeking and c.seeking.project for c in seeking)


# -- the built site ----------------------------------------------------------------------------


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_list_is_newest_first_and_each_filter_counts_what_it_lists(site: Path) -> None:
    dataset = validate_content(ROOT / "content", TODAY).dataset
    page = soup(site, "partnerships")
    names = [a.get_text() for a in page.select("main .cards .card-title a")]
    newest = sorted(dataset.partnerships.values(), key=lambda p: (-p.since.toordinal(), p.id))
    assert len(names) == min(20, len(newest))
    assert page.select_one("main .cards .card-title a")["href"].endswith(f"/{newest[0].id}/")
    for link in page.select("nav.filters li"):
        anchor, count = link.find("a"), int(link.select_one(".count").get_text())
        if anchor is None:
            continue
        path = anchor["href"].strip("/")
        listed = soup(site, path).select("main .cards > li")
        assert len(listed) == min(count, 20), path


def test_a_partnership_page_and_the_city_pages_show_it(site: Path) -> None:
    page = soup(site, "partnerships/dk-aarhus-ua-mykolaiv")
    assert page.h1.get_text() == "Aarhus – Mykolaiv"
    text = page.main.get_text(" ")
    assert "Solidarity partnership" in text and "Drinking water treatment" in text
    assert "international@mykolaiv-city.example" in text
    for city in ("dk-aarhus", "ua-mykolaiv"):
        section = soup(site, f"cities/{city}").find(id="partnerships-heading").parent
        assert "/partnerships/dk-aarhus-ua-mykolaiv/" in str(section)
    uk = soup(site, "uk/partnerships/dk-aarhus-ua-mykolaiv")
    assert uk.h1.get_text() == "Орхус – Миколаїв"
    assert "Партнерство солідарності" in uk.main.get_text(" ")


def test_a_seeking_city_page_suggests_partners_with_reasons(site: Path) -> None:
    section = soup(site, "uk/cities/ua-chernihiv").find(id="suggested-partners-heading").parent
    first = section.select_one("li")
    assert first.select_one("a")["href"].endswith(
        "/uk/partnerships/suggested/ua-chernihiv/de-freiburg-im-breisgau/"
    )
    assert "Та сама сфера: Енергетика" in [li.get_text() for li in first.select(".reasons li")]


def test_open_data_has_the_partnerships_as_lines(site: Path) -> None:
    lines = json.loads((site / "data" / "partnerships.geojson").read_text(encoding="utf-8"))
    dataset = validate_content(ROOT / "content", TODAY).dataset
    assert [f["id"] for f in lines["features"]] == sorted(dataset.partnerships)
    feature = next(f for f in lines["features"] if f["id"] == "dk-aarhus-ua-mykolaiv")
    aarhus, mykolaiv = dataset.cities["dk-aarhus"], dataset.cities["ua-mykolaiv"]
    assert feature["geometry"] == {
        "type": "LineString",
        "coordinates": [
            [aarhus.location.lon, aarhus.location.lat],
            [mykolaiv.location.lon, mykolaiv.location.lat],
        ],
    }
    _, hashtags = (site / "data" / "partnerships.csv").read_text().splitlines()[:2]
    assert "#activity+type" in hashtags.split(",") and "#date+start" in hashtags.split(",")


def test_the_feed_and_the_statistics(site: Path) -> None:
    feed = (site / "uk" / "feeds" / "partnerships.atom").read_text(encoding="utf-8")
    assert "Орхус – Миколаїв" in feed
    stats = soup(site, "stats").find(id="partnerships-heading").parent
    captions = [c.get_text() for c in stats.select("caption")]
    assert captions == ["Partnerships by the year they began", "Partnerships by sector"]


def test_the_best_pairs_are_those_every_pair_scored_in_full_would_give() -> None:
    """The numbers that choose the pairs agree with the reasons: scoring every candidate pair
    with its reasons and sorting gives the same suggestions, score for score."""
    dataset = validate_content(ROOT / "content", TODAY).dataset
    facts = derive_facts(dataset)
    found = suggest_partners(dataset, facts.helped, facts.partnerships)
    seeking = [c for c in dataset.cities.values() if c.seeking]
    for city in seeking:
        scored = []
        for other in seeking:
            if (other.country == "UA") == (city.country == "UA"):
                continue
            ukrainian, european = (city, other) if city.country == "UA" else (other, city)
            shared = set(ukrainian.partnership_priorities) & set(european.partnership_priorities)
            if not shared or frozenset((city.id, other.id)) in facts.partnerships.partnered:
                continue
            reasons = pair_reasons(
                ukrainian, european, facts.helped, facts.partnerships.ties, WEIGHTS
            )
            scored.append((-sum(r.contribution for r in reasons), other.id))
        expected = [(-score, other) for score, other in sorted(scored)[:5]]
        assert [(s.score, s.other(city.id)) for s in found[city.id]] == expected, city.id
