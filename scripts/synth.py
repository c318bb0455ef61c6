# ruff: noqa: RUF001 (Ukrainian texts)
"""Generate a synthetic dataset of N records with varied items, texts, sectors and places.

About N/10 cities, half Ukrainian and half elsewhere in Europe: real places (GeoNames' names and
coordinates from data/gazetteer.tsv, Ukrainian ones with their KATOTTG code from
data/katottg.tsv). The rest split between needs (of the Ukrainian cities) and offers (of the
others), built from the vocabulary of synth_words.py in English and Ukrainian: items of a
sector's kinds with sizes, makers and quantities, or services with no items; statuses, urgencies
and dates relative to "today" as a live directory has them. Pledges (about one for ten needs)
come on top. Deterministic for a seed; every dataset passes `python -m cities4cities validate`.
Writes into a folder outside content/ (default: synthetic/<N>/), laid out like content/.

    python scripts/synth.py --records 10000 [--seed 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pycountry
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth_words as words

from cities4cities.clock import today
from cities4cities.gazetteer import DATA as GAZETTEER
from cities4cities.katottg import codifier, fold

ROOT = Path(__file__).resolve().parent.parent
HEADER = "# yaml-language-server: $schema=../../schemas/{}.schema.json\n"
KINDS_BESIDES = ["expertise", "training", "volunteers", "funding"]  # added to some listings
DEFS = json.loads((ROOT / "schemas" / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]
COUNTRIES = frozenset(DEFS["country"]["enum"])
SECTORS = DEFS["sector"]["enum"]


@dataclass(frozen=True)
class Place:
    """A city of the dataset: its id, names and where it is."""

    id: str
    country: str
    en: str
    uk: str | None
    lat: float
    lon: float
    population: int
    region: str
    katottg: str | None = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or ROOT / "synthetic" / str(args.records)
    cities, needs, offers, pledges = generate(args.records, out, args.seed, today())
    print(f"wrote {cities} cities, {needs} needs, {offers} offers ({pledges} pledges) to {out}")
    return 0


def generate(records: int, out: Path, seed: int, day: date) -> tuple[int, int, int, int]:
    """Write the dataset; returns the counts of cities, needs, offers and pledges."""
    rng = random.Random(seed)
    city_count = max(2, records // 10)
    need_count = (records - city_count) // 2
    offer_count = records - city_count - need_count
    if out.exists():
        shutil.rmtree(out)
    for folder in ("cities", "needs", "offers", "pledges"):
        (out / folder).mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "pages", out / "pages")  # about, contribute, privacy
    shutil.copytree(ROOT / "content" / "glossary", out / "glossary")  # the search's terms

    ukrainian = _places(_ukrainian_places(), (city_count + 1) // 2)
    others = _places(_european_places(), city_count // 2)
    languages = {}
    for place in ukrainian + others:
        languages[place.id] = _languages(place.country, rng)
        _write(out, "cities", place.id, "city", _city(place, languages[place.id], rng))
    offers = [
        _listing("offer", rng.choice(others), index, rng, day, languages)
        for index in range(offer_count)
    ]
    needs = [
        _listing("need", rng.choice(ukrainian), index, rng, day, languages)
        for index in range(need_count)
    ]
    _link_matches(needs, offers, rng)
    pledges = _pledges(needs, offers, others, rng, day, languages)
    for kind, written in (("offer", offers), ("need", needs), ("pledge", pledges)):
        for record_id, data in written:
            _write(out, kind + "s", record_id, kind, data)
    return city_count, need_count, offer_count, len(pledges)


# -- places -------------------------------------------------------------------------------------


def _gazetteer() -> list[list[str]]:
    """GeoNames' places: geonameid, country, lat, lon, population, main name, other names."""
    lines = GAZETTEER.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return sorted(rows, key=lambda row: (-int(row[4]), int(row[0])))  # largest first


_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def _slug(text: str) -> str:
    letters = text.lower().translate(_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _ukrainian_places() -> list[Place]:
    """Ukrainian places whose Cyrillic name is a settlement of the codifier (a city before a
    village), with that settlement's code and oblast."""
    settlements: dict[str, list] = {}
    for unit in codifier().units.values():
        if unit.category in "KMTX":
            settlements.setdefault(fold(unit.name), []).append(unit)
    found = []
    for row in _gazetteer():
        if row[1] != "UA":
            continue
        for name in row[6:]:
            units = sorted(
                settlements.get(fold(name), []), key=lambda u: ("KMTX".index(u.category), u.code)
            )
            if units:
                unit = units[0]
                region = unit.region
                found.append(
                    Place(
                        f"ua-{_slug(row[5])}",
                        "UA",
                        row[5],
                        unit.name,
                        float(row[2]),
                        float(row[3]),
                        int(row[4]),
                        region,
                        unit.code,
                    )
                )
                break
    return found


def _european_places() -> list[Place]:
    """Places of the schemas' other countries; a region of the country for each (the nearest
    example city's when one is within 300 km, else one of the country's by the place's id)."""
    examples = [
        yaml.safe_load(path.read_text(encoding="utf-8")) | {"id": path.stem}
        for path in sorted((ROOT / "content" / "cities").glob("*.yaml"))
    ]
    found = []
    for row in _gazetteer():
        country = row[1]
        if country == "UA" or country not in COUNTRIES:
            continue
        lat, lon = float(row[2]), float(row[3])
        near = [
            (_km(lat, lon, e["location"]["lat"], e["location"]["lon"]), e["region"])
            for e in examples
            if e["country"] == country
        ]
        if near and min(near)[0] < 300:
            region = min(near)[1]
        else:
            subdivisions = sorted(
                s.code
                for s in pycountry.subdivisions.get(country_code=country)
                if s.parent_code is None
            )
            region = subdivisions[int(row[0]) % len(subdivisions)]
        uk = next((n for n in row[6:] if re.fullmatch(r"[А-ЯІЇЄҐ][а-яіїєґ'’ -]+", n)), None)
        found.append(
            Place(
                f"{country.lower()}-{_slug(row[5])}",
                country,
                row[5],
                uk,
                lat,
                lon,
                int(row[4]),
                region,
            )
        )
    return found


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


def _places(candidates: list[Place], count: int) -> list[Place]:
    """The first `count` places with distinct ids; when there are too few, the same places again
    under numbered ids (another community of the same name)."""
    chosen: list[Place] = []
    seen: set[str] = set()
    round_ = 0
    while len(chosen) < count:
        for place in candidates:
            place_id = place.id if round_ == 0 else f"{place.id}-{round_ + 1}"
            if len(chosen) == count or place_id in seen or not place.id:
                continue
            seen.add(place_id)
            chosen.append(replace(place, id=place_id))
        round_ += 1
    return chosen


# -- cities -------------------------------------------------------------------------------------


def _languages(country: str, rng: random.Random) -> list[str]:
    """A contact's languages, its first the one it prefers."""
    if country == "UA":
        options = [["uk", "en"], ["uk"], ["uk", "en", "pl"], ["uk", "en", "de"], ["uk", "pl"]]
        return rng.choices(options, weights=[55, 20, 10, 10, 5])[0]
    local = words.LANGUAGE.get(country, "en")
    if local == "en":
        return rng.choices([["en"], ["en", "uk"], ["en", "de"]], weights=[70, 15, 15])[0]
    options = [[local, "en"], [local], ["en", local], [local, "en", "uk"]]
    return rng.choices(options, weights=[50, 15, 25, 10])[0]


def _city(place: Place, languages: list[str], rng: random.Random) -> dict:
    mailbox, office_en, office_uk = rng.choice(words.OFFICES)
    data: dict = {"name": {"en": place.en} | ({"uk": place.uk} if place.uk else {})}
    data |= {"country": place.country, "region": place.region}
    if place.katottg:
        data["katottg"] = place.katottg
    data["population"] = place.population
    data["location"] = {"lat": place.lat, "lon": place.lon}
    data["contact"] = {
        "organisation": {
            "en": f"{office_en}, City of {place.en}",
            "uk": f"{office_uk}, місто {place.uk or place.en}",
        },
        "email": f"{mailbox}@{_domain(place)}",
        "languages": languages,
    }
    data["email_domains"] = [_domain(place)]
    if rng.random() < 0.5:
        data["about"] = {
            "en": f"{place.en} is a city of about {place.population:,} people. It works with "
            "partner cities on the reconstruction of its services.",
            "uk": f"{place.uk or place.en} — місто з населенням близько {place.population:,} осіб. "
            "Разом із містами-партнерами воно відновлює свої служби.",
        }
    if rng.random() < 0.3:
        data["seeking_partnership"] = {"priorities": rng.sample(SECTORS, rng.randint(1, 3))}
    data["example"] = True
    return data


def _domain(place: Place) -> str:
    return f"{place.id}-city.example"


# -- needs and offers ---------------------------------------------------------------------------


def _listing(
    kind: str, place: Place, index: int, rng: random.Random, day: date, languages: dict
) -> tuple[str, dict]:
    """A need or an offer of `place`: (id, data)."""
    sector = rng.choice(SECTORS)
    sectors = [
        sector,
        *rng.sample([s for s in SECTORS if s != sector], rng.choice([0] * 13 + [1] * 6 + [2])),
    ]
    where_en, where_uk = rng.choice(words.PLACES[sector])
    if rng.random() < 0.78:
        items, kinds, what_en, what_uk = _items(sector, rng)
    else:
        items, kinds, what_en, what_uk = _service(sector, rng)
    if rng.random() < 0.15:
        kinds = list(dict.fromkeys([*kinds, rng.choice(KINDS_BESIDES)]))
    in_ukraine = "" if kind == "need" else " in Ukraine"
    title = {
        "en": f"{what_en} for {where_en}{in_ukraine}"[:120],
        "uk": f"{what_uk} для {where_uk}{'' if kind == 'need' else ' в Україні'}"[:120],
    }
    city_name = {"en": place.en, "uk": place.uk or place.en}
    data: dict = {"city": place.id, "title": title}
    data["description"] = _description(kind, city_name, what_en, what_uk, where_en, where_uk, rng)
    data |= {"sectors": sectors, "kinds": kinds}
    if items:
        data["items"] = items
    posted, updated, review_by = _dates(rng, day)
    if kind == "need":
        data["urgency"] = rng.choices(["critical", "high", "medium", "low"], [15, 35, 35, 15])[0]
        status = rng.choices(["open", "in-progress", "fulfilled", "withdrawn"], [70, 12, 12, 6])[0]
        if status != "open":
            for item in items:
                item["received"] = rng.randint(0, int(item["quantity"]))
    else:
        status = rng.choices(["available", "reserved", "given", "withdrawn"], [75, 10, 10, 5])[0]
    data["status"] = status
    data["posted"] = posted.isoformat()
    if updated:
        data["updated"] = updated.isoformat()
    data["review_by"] = review_by.isoformat()
    if kind == "need" and rng.random() < 0.4:
        data["logistics"] = {
            "en": f"Delivery to the municipal warehouse in {place.en}; our trucks can collect "
            "from the western border.",
            "uk": f"Доставка на комунальний склад у місті {city_name['uk']}; наші вантажівки "
            "можуть забрати вантаж на західному кордоні.",
        }
    if kind == "offer":
        physical = bool(items) and not {"goods", "equipment", "vehicles"}.isdisjoint(kinds)
        weights = [45, 45, 10] if physical else [20, 20, 60]
        data["delivery"] = rng.choices(["we-deliver", "recipient-collects", "remote"], weights)[0]
        if rng.random() < 0.4:
            data["conditions"] = {
                "en": "The receiving city confirms receipt and reports on use after six months.",
                "uk": "Місто-отримувач підтверджує отримання і звітує про використання через "
                "шість місяців.",
            }
    if kind == "need" and status == "fulfilled":
        data["outcome"] = {
            "en": "Met with the help of partner cities and the regional administration.",
            "uk": "Задоволено за допомогою міст-партнерів та обласної адміністрації.",
        }
    data["contact"] = _contact(place, languages[place.id], rng)
    data["example"] = True
    slug = _slug(title["en"])[: 80 - len(place.id) - 8].strip("-")
    return f"{place.id}-{slug}-{index:06d}", data


def _items(sector: str, rng: random.Random) -> tuple[list[dict], list[str], str, str]:
    """One to four items of the sector's kinds, their kinds of help, and what the title says."""
    families = rng.sample(
        words.ITEMS[sector], min(len(words.ITEMS[sector]), rng.choice([1, 1, 1, 2, 2, 3, 4]))
    )
    items, kinds = [], []
    for en, uk, kind, unit, (fewest, most) in families:
        if (sizes := words.SIZES.get(unit)) and rng.random() < 0.5:
            size_en, size_uk = rng.choice(sizes)
            en, uk = f"{en}, {size_en}", f"{uk}, {size_uk}"
        if rng.random() < 0.35:
            maker = rng.choice(words.MAKERS[SECTORS.index(sector) :: len(SECTORS)])
            en, uk = f"{en} {maker}", f"{uk} {maker}"
        quantity = rng.randint(fewest, most)
        items.append({"name": {"en": en, "uk": uk}, "quantity": quantity, "unit": unit})
        kinds.append(kind)
    first_en, first_uk = families[0][0], families[0][1]
    if len(families) > 1:
        first_en += f", {families[1][0].lower()} and more"
        first_uk += f", {families[1][1].lower()} та інше"
    return items, list(dict.fromkeys(kinds)), first_en, first_uk


def _service(sector: str, rng: random.Random) -> tuple[list[dict], list[str], str, str]:
    """Help that is not a list of things: advice, training, a partnership, volunteers..."""
    kind, en, uk = rng.choice(words.SERVICES)
    topic_en, topic_uk = rng.choice(words.TOPICS[sector])
    return [], [kind], en.format(topic=topic_en), uk.format(topic=topic_uk)


def _description(
    kind: str,
    city: dict,
    what_en: str,
    what_uk: str,
    where_en: str,
    where_uk: str,
    rng: random.Random,
) -> dict:
    people = rng.randrange(2_000, 400_000, 500)
    months = rng.randint(2, 18)
    if kind == "need":
        return {
            "en": f"{city['en']} needs {what_en.lower()} for {where_en}. About {people:,} "
            f"residents depend on it; what the city had was destroyed or worn out "
            f"{months} months ago, and the budget covers only the most urgent repairs.",
            "uk": f"Місту {city['uk']} потрібно: {what_uk.lower()} для {where_uk}. Від цього "
            f"залежать близько {people:,} мешканців; те, що було в міста, зруйновано або "
            f"зношено {months} місяців тому, а бюджет покриває лише найнагальніші ремонти.",
        }
    return {
        "en": f"{city['en']} offers {what_en.lower()} to a Ukrainian city. It is ready within "
        f"{months} weeks; our specialists can explain its use online.",
        "uk": f"Місто {city['uk']} пропонує українському місту: {what_uk.lower()}. Готово "
        f"протягом {months} тижнів; наші фахівці можуть пояснити використання онлайн.",
    }


def _dates(rng: random.Random, day: date) -> tuple[date, date | None, date]:
    """Posted, updated (or None) and review_by; most records reviewed in time, some overdue."""
    posted = day - timedelta(days=rng.randint(1, 400))
    updated = None
    current = rng.random() < 0.95
    if (current and (day - posted).days > 300) or rng.random() < 0.2:
        updated = day - timedelta(days=rng.randint(0, min(60, (day - posted).days)))
    last = updated or posted
    age = (day - last).days
    if current:
        review_by = last + timedelta(days=rng.randint(max(30, age + 1), 360))
    else:
        review_by = last + timedelta(days=rng.randint(1, min(max(1, age), 360)))
    return posted, updated, review_by


def _contact(place: Place, languages: list[str], rng: random.Random) -> dict:
    mailbox, office_en, office_uk = rng.choice(words.OFFICES)
    return {
        "organisation": {
            "en": f"{office_en}, City of {place.en}",
            "uk": f"{office_uk}, місто {place.uk or place.en}",
        },
        "email": f"{mailbox}@{_domain(place)}",
        "languages": languages,
    }


def _link_matches(needs: list, offers: list, rng: random.Random) -> None:
    """Some needs in progress or fulfilled name the offers that answered them."""
    offer_ids = [record_id for record_id, _ in offers]
    for _, data in needs:
        if data["status"] in ("in-progress", "fulfilled") and offer_ids and rng.random() < 0.5:
            data["matched_with"] = sorted(set(rng.sample(offer_ids, rng.randint(1, 2))))


# -- pledges ------------------------------------------------------------------------------------


def _pledges(
    needs: list, offers: list, others: list[Place], rng: random.Random, day: date, languages: dict
) -> list[tuple[str, dict]]:
    """About one pledge for ten needs, to open needs with items, each within what is still
    needed after the pledges before it."""
    offers_of: dict[str, list[str]] = {}
    for record_id, data in offers:
        offers_of.setdefault(data["city"], []).append(record_id)
    pledges = []
    for need_id, need in needs:
        if need["status"] not in ("open", "in-progress") or "items" not in need:
            continue
        if rng.random() >= 0.1:
            continue
        left = [item["quantity"] - item.get("received", 0) for item in need["items"]]
        for _ in range(rng.choice([1, 1, 1, 2])):
            place = rng.choice(others)
            if pledge := _pledge(need_id, need, left, place, offers_of, rng, day, languages):
                pledges.append(
                    (f"{pledge['city']}-{need_id}"[:74].strip("-") + f"-{len(pledges):05d}", pledge)
                )
    return pledges


def _pledge(
    need_id: str,
    need: dict,
    left: list[float],
    place: Place,
    offers_of: dict,
    rng: random.Random,
    day: date,
    languages: dict,
) -> dict | None:
    open_items = [index for index, count in enumerate(left) if count >= 1]
    if not open_items:
        return None
    data: dict = {"need": need_id, "city": place.id}
    status = rng.choices(
        ["pledged", "on-the-way", "delivered", "confirmed", "cancelled"], [35, 25, 20, 15, 5]
    )[0]
    if place.id in offers_of and rng.random() < 0.3:
        data["offer"] = rng.choice(offers_of[place.id])
    items = []
    for index in sorted(rng.sample(open_items, rng.randint(1, min(2, len(open_items))))):
        quantity = rng.randint(1, int(left[index]))
        if status != "cancelled":
            left[index] -= quantity
        items.append({"item": need["items"][index]["name"]["en"], "quantity": quantity})
    data["items"] = items
    data["status"] = status
    need_posted = date.fromisoformat(need["posted"])
    posted = need_posted + timedelta(days=rng.randint(0, (day - need_posted).days))
    data["posted"] = posted.isoformat()
    if status in ("pledged", "on-the-way"):
        data["expected"] = (day + timedelta(days=rng.randint(3, 60))).isoformat()
    else:
        data["expected"] = (posted + timedelta(days=rng.randint(0, 30))).isoformat()
    if status in ("delivered", "confirmed"):
        delivered = posted + timedelta(days=rng.randint(0, (day - posted).days))
        data["delivered"] = delivered.isoformat()
        if status == "confirmed":
            confirmed = delivered + timedelta(days=rng.randint(0, (day - delivered).days))
            data["confirmed"] = confirmed.isoformat()
    if rng.random() < 0.5:
        data["note"] = {
            "en": f"Paid for by a collection in {place.en}; the city's transport delivers it.",
            "uk": f"Оплачено зі збору в місті {place.uk or place.en}; доставляє транспорт міста.",
        }
    data["contact"] = _contact(place, languages[place.id], rng)
    data["example"] = True
    return data


def _write(out: Path, folder: str, record_id: str, kind: str, data: dict) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
    (out / folder / f"{record_id}.yaml").write_text(HEADER.format(kind) + text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
