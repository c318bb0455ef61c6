"""The floors of scripts/bench.py: what the site costs to render and to write, with no framework.

    python scripts/bench_floors.py render CONTENT OUT
    python scripts/bench_floors.py pagefind SITE OUT
    python scripts/bench_floors.py write SITE OUT

`render` validates and matches CONTENT, then renders every page of the site as the generator
does (same sources, views, context and templates) with a plain Jinja2 environment, and writes
them with the generator's files into OUT. `pagefind` runs Pagefind once over the pages a built
SITE indexes (needs, offers and cities, every language) into one bundle in OUT. `write` reads
the files of a built SITE (not its search bundles nor the theme's static files) into memory,
then writes the same bytes into OUT, and prints the time of the writing alone as JSON
({"wall_s": ..., "cpu_s": ...}).
"""

from __future__ import annotations

import argparse
import json
import runpy
import subprocess
import sys
import time
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cities4cities.clock import today
from cities4cities.facts import derive_facts
from cities4cities.matching import match
from cities4cities.site.context import Page
from cities4cities.site.generator import NOT_FOUND, page_context, site_outputs
from cities4cities.site.i18n import language_prefix
from cities4cities.site.search import FOLDERS
from cities4cities.validation import validate_content
from cities4cities.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("floor", choices=("render", "pagefind", "write"))
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.floor == "render":
        render(args.source, args.out)
    elif args.floor == "pagefind":
        pagefind(args.source, args.out)
    else:
        print(json.dumps(write(args.source, args.out)))
    return 0


def render(content: Path, out: Path) -> None:
    config = runpy.run_path(str(ROOT / "pelicanconf.py"))
    settings = {key: value for key, value in config.items() if key.isupper()}
    settings["PATH"] = str(content)
    env = Environment(
        loader=FileSystemLoader(ROOT / "theme" / "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    result = validate_content(content, today())
    dataset = result.dataset
    facts, matches = derive_facts(dataset), match(dataset, today())
    outputs = site_outputs(dataset, facts, matches, settings, env, result.glossary)
    for views, made in outputs:
        if isinstance(made, Page):
            context = {**settings, **page_context(views, made)}
            data: str | bytes = env.get_template(made.template).render(context)
            page = made.path if made.path == NOT_FOUND else f"{made.path}index.html"
            target = out / views.prefix() / page
        else:
            data = made.content
            target = out / ("" if made.shared else views.prefix()) / made.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")


def pagefind(site: Path, out: Path) -> None:
    """One Pagefind run over every page the site's search indexes, in all languages."""
    folders = [f"{language_prefix(lang)}{folder}" for lang in LANGUAGES for folder in FOLDERS]
    glob = "{" + ",".join(folders) + "}/*/index.html"
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob]
    subprocess.run([*command, "--output-path", str(out.resolve()), "--silent"], check=True)


def write(site: Path, out: Path) -> dict[str, float]:
    files = {
        path.relative_to(site): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
        and "pagefind" not in path.relative_to(site).parts
        and path.relative_to(site).parts[0] != "theme"
    }
    wall, cpu = time.perf_counter(), time.process_time()
    for relative, data in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}


if __name__ == "__main__":
    sys.exit(main())
