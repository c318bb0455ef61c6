"""Pledges on the example site: a need's page counts each item (still needed, pledged,
received) and lists who pledged what and when in the reader's language, and offers two ways
to help; the pledging city's page lists its commitments, the receiving city's what is on its
way."""

# ruff: noqa: RUF001 (Ukrainian text on the pages)

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from pelicanconf import PUBLIC_URL


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def item_counts(page: BeautifulSoup) -> dict[str, list[str]]:
    """Item name -> the cells after it: quantity with its unit, still needed, pledged, received."""
    rows = page.select("table.items tbody tr")
    return {
        row.td.get_text(" ", strip=True).split(" (")[0]: [
            td.get_text(strip=True) for td in row.find_all("td")[1:]
        ]
        for row in rows
    }


@pytest.mark.parametrize(
    ("prefix", "heading", "status", "unit"),
    [("", "Pledged so far", "Delivered", "pieces"), ("uk/", "Уже обіцяно", "Доставлено", "шт.")],
)
def test_a_need_page_counts_its_items_and_lists_the_pledges(
    site: Path, prefix: str, heading: str, status: str, unit: str
) -> None:
    page = soup(site, f"{prefix}needs/ua-kherson-beds-for-shelters/")
    assert item_counts(page) == {
        "Розкладне металеве ліжко": [f"400 {unit}", "200", "200", "0"],
        "Матрац з вологостійким чохлом": [f"400 {unit}", "400", "0", "0"],
        "Ковдра": [f"600 {unit}", "0", "600", "0"],
    }
    # The bar beside each number: hatched for what is pledged, drawn by shape, hidden from
    # screen readers (the numbers are read out).
    bars = page.select("table.items svg.progress")
    assert len(bars) == 3 and all(bar["aria-hidden"] == "true" for bar in bars)
    assert bars[0].select_one(".progress-pledged")["width"] == "50.0"
    assert page.select_one(".progress-legend")

    section = page.find(id="pledges-heading").find_parent("section")
    assert section.h2.get_text() == heading
    pledge = section.find(id="pl-wroclaw-ua-kherson-beds-for-shelters")
    assert status in pledge.get_text(" ", strip=True)
    assert [
        li.get_text(" ", strip=True).split(" (")[0] for li in pledge.select(".pledge-items li")
    ] == [
        f"200 {unit}: Розкладне металеве ліжко",
        f"600 {unit}: Ковдра",
    ]
    assert pledge.find("time", datetime="2026-11-24")  # delivered on


@pytest.mark.parametrize("prefix", ["", "uk/"])
def test_i_can_help_writes_in_the_offices_language_or_opens_the_pledge_form(
    site: Path, prefix: str
) -> None:
    page = soup(site, f"{prefix}needs/ua-kherson-beds-for-shelters/")
    help_section = page.find(id="help-heading").find_parent("section")
    mail, pledge = help_section.select("a.button")
    address = urlsplit(mail["href"])
    assert (address.scheme, address.path) == ("mailto", "housing@kherson-city.example")
    query = parse_qs(address.query)
    # The office answers in Ukrainian only: the draft is in Ukrainian whatever the page's language.
    assert query["subject"] == [
        "Можемо допомогти: Ліжка та матраци для укриттів у підвалах багатоквартирних будинків"
    ]
    body = query["body"][0]
    assert body.startswith("Добрий день!\r\n") and "/uk/needs/ua-kherson-beds-for-shelters/" in body
    assert "+" not in mail["href"]  # spaces are %20 in a mailto: address
    assert (
        unquote(pledge["href"]) == f"/{prefix}submit/?kind=pledge&need=ua-kherson-beds-for-shelters"
    )


def test_a_fully_pledged_item_is_no_longer_needed_and_closed_needs_offer_no_help(
    site: Path,
) -> None:
    counts = item_counts(soup(site, "needs/ua-dnipro-humanitarian-warehouse-equipment/"))
    assert counts["Electric forklift, 1.6–2 t"][1:] == ["0", "2", "0"]
    assert counts["Hand pallet truck"][1:] == ["2", "8", "0"]
    # A confirmed delivery counts as received, not as pledged.
    monitors = item_counts(soup(site, "needs/ua-dnipro-hospital-diagnostic-equipment/"))
    assert monitors["Patient monitor with capnography"][1:] == ["10", "0", "10"]
    fulfilled = soup(site, "needs/ua-chernihiv-water-pumps-2026/")
    assert (
        fulfilled.find(id="help-heading") is None and fulfilled.find(id="pledges-heading") is None
    )


def test_a_cancelled_pledge_counts_for_nothing_but_is_still_shown(site: Path) -> None:
    page = soup(site, "needs/ua-kyiv-school-shelter-ventilation/")
    assert item_counts(page)["Wall-mounted CO2 sensor with display"][1:] == ["160", "0", "0"]
    pledge = page.find(id="de-nuremberg-ua-kyiv-school-shelter-ventilation")
    assert "pledge-void" in pledge["class"] and "Cancelled" in pledge.get_text()


def test_an_overdue_pledge_says_so(site: Path) -> None:
    page = soup(site, "needs/ua-mykolaiv-school-kitchen-equipment/")
    pledge = page.find(id="pl-warsaw-ua-mykolaiv-school-kitchen-equipment")
    assert "overdue" in pledge.get_text()


@pytest.mark.parametrize(
    ("prefix", "commitments", "on_the_way"),
    [
        ("", "Help this city has pledged", "Help on its way to this city"),
        ("uk/", "Допомога, яку пообіцяло це місто", "Допомога, що їде до цього міста"),
    ],
)
def test_city_pages_show_commitments_and_what_is_on_its_way(
    site: Path, prefix: str, commitments: str, on_the_way: str
) -> None:
    donor = soup(site, f"{prefix}cities/pl-wroclaw/")
    section = donor.find(id="commitments-heading").find_parent("section")
    assert section.h2.get_text() == commitments
    link = section.select_one(".card-title a")["href"]
    assert (
        link
        == f"/{prefix}needs/ua-kherson-beds-for-shelters/#pl-wroclaw-ua-kherson-beds-for-shelters"
    )

    receiver = soup(site, f"{prefix}cities/ua-dnipro/")
    section = receiver.find(id="on-the-way-heading").find_parent("section")
    assert section.h2.get_text() == on_the_way
    links = [a["href"].rpartition("#")[2] for a in section.select(".card-title a")]
    # Marseille's forklifts are on the way; Kraków's monitors were confirmed: no longer coming.
    assert links == ["fr-marseille-ua-dnipro-humanitarian-warehouse-equipment"]
    assert soup(site, "cities/ua-lviv/").find(id="on-the-way-heading") is None


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Deliveries confirmed"), ("uk/", "Підтверджені доставки")]
)
def test_matches_and_stats_count_confirmed_deliveries(
    site: Path, prefix: str, heading: str
) -> None:
    matches = soup(site, f"{prefix}matches/")
    section = matches.find(id="deliveries-heading").find_parent("section")
    assert section.h2.get_text() == heading
    (card,) = section.select("li.card")
    assert card.select_one(".card-title a")["href"] == (
        f"/{prefix}needs/ua-dnipro-hospital-diagnostic-equipment/"
        "#pl-krakow-ua-dnipro-hospital-diagnostic-equipment"
    )
    assert card.find("a", href=f"/{prefix}cities/pl-krakow/")
    assert card.find("time", datetime="2026-09-29")
    assert "63" in card.select_one("p.muted").get_text()  # days from posting to confirmation

    stats = soup(site, f"{prefix}stats/")
    total = stats.select_one("main table").tbody.tr
    cells = [td.get_text(strip=True) for td in total.find_all("td")]
    assert cells[2] == "1"  # open needs, needs met, deliveries confirmed, median days
    pledges = stats.select("main table")[-1]
    counts = {tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in pledges.tbody("tr")}
    assert sorted(counts.values()) == ["1", "1", "1", "2", "2"]  # 7 pledges in five statuses


@pytest.mark.parametrize(("prefix", "delivered"), [("", "Delivered by"), ("uk/", "Доставлено")])
def test_the_feed_of_pledges_and_deliveries(site: Path, prefix: str, delivered: str) -> None:
    """feeds/pledges.atom, announced by /matches/: each pledge, newest step first; its address
    is the pledge on its need's page."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.parse(site / prefix / "feeds" / "pledges.atom").getroot()
    entries = root.findall(f"{atom}entry")
    ids = [entry.findtext(f"{atom}id").rpartition("#")[2] for entry in entries]
    assert ids == [
        "pl-wroclaw-ua-kherson-beds-for-shelters",  # delivered on 24 November
        "de-munich-ua-kramatorsk-warming-points-winter-2026",  # pledged on 21 November
        "de-freiburg-im-breisgau-ua-borodianka-school-canteen-kitchens",
        "fr-marseille-ua-dnipro-humanitarian-warehouse-equipment",
        "pl-warsaw-ua-mykolaiv-school-kitchen-equipment",
        "pl-krakow-ua-dnipro-hospital-diagnostic-equipment",  # confirmed on 29 September
        "de-nuremberg-ua-kyiv-school-shelter-ventilation",
    ]
    first = entries[0]
    assert first.findtext(f"{atom}title").startswith(delivered)
    assert first.findtext(f"{atom}updated") == "2026-11-24T00:00:00Z"
    assert "200" in first.findtext(f"{atom}summary")
    page_url = first.find(f"{atom}link").get("href").partition("#")[0]
    page = page_url.removeprefix(PUBLIC_URL + "/")
    assert soup(site, page).find(id=ids[0]) is not None
    matches = soup(site, f"{prefix}matches/")
    feed = matches.head.find("link", rel="alternate", type="application/atom+xml")
    assert feed["href"] == f"/{prefix}feeds/pledges.atom"
