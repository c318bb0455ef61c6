"""Generate a synthetic dataset of N records from the example data, for benchmarks.

About N/10 cities and the rest split between needs and offers, each a variation of an example
record (same text lengths, fields and distributions), deterministic for a seed. Writes into a
folder outside content/ (default: synthetic/<N>/), laid out like content/.

    python scripts/synth.py --records 10000 [--seed 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cities4cities.clock import today
from cities4cities.validation import validate_content

ROOT = Path(__file__).resolve().parent.parent
HEADER = "# yaml-language-server: $schema=../../schemas/{}.schema.json\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or ROOT / "synthetic" / str(args.records)
    counts = generate(args.records, out, args.seed, today())
    print(f"wrote {counts[0]} cities, {counts[1]} needs, {counts[2]} offers to {out}")
    return 0


def generate(records: int, out: Path, seed: int, day: date) -> tuple[int, int, int]:
    """Write the dataset; returns the counts of cities, needs and offers."""
    examples = validate_content(ROOT / "content", day).dataset
    rng = random.Random(seed)
    city_count = max(2, records // 10)
    need_count = (records - city_count) // 2
    offer_count = records - city_count - need_count
    if out.exists():
        shutil.rmtree(out)
    for folder in ("cities", "needs", "offers"):
        (out / folder).mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "pages", out / "pages")  # about, contribute, privacy
    shutil.copytree(ROOT / "content" / "glossary", out / "glossary")  # the search's terms

    templates = sorted(examples.cities.values(), key=lambda c: c.id)
    city_ids = [f"{templates[i % len(templates)].id}-{i:05d}" for i in range(city_count)]
    cities = []  # (id, is_ukrainian)
    domains = {}  # city id -> its official e-mail domain, for the contacts of its records
    for index, city_id in enumerate(city_ids):
        template = templates[index % len(templates)]
        data = dict(template.document.data)
        data.pop("partners", None)
        data.pop("verified", None)  # a copy is not what the maintainers verified
        if partners := sorted(set(rng.sample(city_ids, k=rng.randint(0, 2))) - {city_id}):
            data["partners"] = partners
        # A Ukrainian copy keeps its Ukrainian name: its KATOTTG code's community has it.
        data["name"] = {
            lang: text if lang == "uk" and template.country == "UA" else f"{text} {index}"
            for lang, text in data["name"].items()
        }
        domains[city_id] = (data.get("email_domains") or [template.contact.email.split("@")[1]])[0]
        data["location"] = {
            key: round(value + rng.uniform(-0.3, 0.3), 4) for key, value in data["location"].items()
        }
        _write(out / "cities" / f"{city_id}.yaml", "city", data)
        cities.append((city_id, template.country == "UA"))

    ukrainian = [c for c, ua in cities if ua]
    others = [c for c, ua in cities if not ua] or ukrainian
    args = (rng, day, domains)
    offer_ids = _write_listings(out, "offer", examples.offers, offer_count, others, *args, [])
    _write_listings(out, "need", examples.needs, need_count, ukrainian, *args, offer_ids)
    return city_count, need_count, offer_count


def _write_listings(
    out: Path,
    kind: str,
    examples: dict,
    count: int,
    cities: list[str],
    rng: random.Random,
    day: date,
    domains: dict[str, str],
    offer_ids: list[str],
) -> list[str]:
    templates = sorted(examples.values(), key=lambda r: r.id)
    written = []
    for index in range(count):
        city = cities[index % len(cities)]
        # A city's k-th record uses template city+k: no city repeats a title (near-duplicate).
        template = templates[(index % len(cities) + index // len(cities)) % len(templates)]
        slug = template.id.removeprefix(template.city + "-")[: 80 - len(city) - 8].strip("-")
        record_id = f"{city}-{slug}-{index:06d}"
        data = dict(template.document.data)
        data["city"] = city
        data.pop("verified", None)
        office = data["contact"]["email"].split("@")[0]  # writes from its city's domain
        data["contact"] = {**data["contact"], "email": f"{office}@{domains[city]}"}
        posted = day - timedelta(days=rng.randint(1, 300))
        data["posted"] = posted.isoformat()
        data["review_by"] = (posted + timedelta(days=360)).isoformat()
        if "updated" in data:
            data["updated"] = min(day, posted + timedelta(days=rng.randint(0, 60))).isoformat()
        if data.get("matched_with"):
            data["matched_with"] = [rng.choice(offer_ids)]
        _write(out / f"{kind}s" / f"{record_id}.yaml", kind, data)
        written.append(record_id)
    return written


def _write(path: Path, kind: str, data: dict) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(HEADER.format(kind) + text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
