"""Rebuilds reuse what has not changed (cities4cities/cache.py, site/manifest.py): unchanged
files are not parsed again, unchanged pages not rendered or written again, unchanged search
bundles not indexed again; and the result is the site a clean build makes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, assert_same_site, build_site

from cities4cities import validation
from cities4cities.cache import ContentCache, fingerprint
from cities4cities.site.search import search_key
from cities4cities.validation import validate_content

EDITED_NEED = "ua-borodianka-roof-and-window-repairs"
UNRELATED_OFFER = "lt-vilnius-tetra-radios"  # shares no city, sector or match with the edits


def mtimes(site: Path) -> dict[Path, int]:
    return {p.relative_to(site): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the example data, to edit."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def test_a_rebuild_after_edits_is_the_clean_build(content: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "needs").mkdir(parents=True)
    (site / "needs" / "left-from-elsewhere.html").write_text("old")
    build_site(site, content, extra_settings={"SEARCH_SHARD_PAGES": 40})
    assert not (site / "needs" / "left-from-elsewhere.html").exists()  # a first build empties
    assert (site / "pagefind-4").is_dir()  # 42 cities, 57 needs, 37 offers: 136 pages
    before = mtimes(site)

    need = content / "needs" / f"{EDITED_NEED}.yaml"
    need.write_text(need.read_text().replace("Roofing, windows", "Roof sheets, windows"))
    city = content / "cities" / "ua-bucha.yaml"  # on the pages that suggest its records too
    city.write_text(city.read_text().replace("en: Bucha", "en: Bucha community"))
    pledge = content / "pledges" / "pl-warsaw-ua-mykolaiv-school-kitchen-equipment.yaml"
    pledge.write_text(pledge.read_text().replace("quantity: 6", "quantity: 5"))  # the need's counts
    shutil.copy(
        content / "offers" / "de-regensburg-field-kitchens.yaml",
        content / "offers" / "de-regensburg-field-kitchens-second.yaml",
    )
    needs = sorted((content / "needs").glob("*.yaml"))
    unmatched = [path for path in needs if "matched_with" not in path.read_text()]
    for path in unmatched[-(len(needs) - 40) :]:  # 40 needs: 120 pages, 3 shards of 40, not 4
        path.unlink()
    build_site(site, content, extra_settings={"SEARCH_SHARD_PAGES": 40})

    clean = tmp_path / "clean"
    build_site(clean, content, extra_settings={"SEARCH_SHARD_PAGES": 40})
    assert_same_site(site, clean)
    assert not (site / "pagefind-4").exists()
    after = mtimes(site)
    page = Path("offers", UNRELATED_OFFER, "index.html")
    assert after[page] == before[page], "an unchanged page was written again"
    about, edited = Path("about", "index.html"), Path("needs", EDITED_NEED, "index.html")
    assert after[about] == before[about]
    assert after[edited] != before[edited]


def test_a_template_change_makes_pages_and_search_again(tmp_path: Path) -> None:
    """A template that changes what is searched: every page, and every bundle, is made again."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site = tmp_path / "site"
    build_site(site, extra_settings={"THEME": str(theme)})
    record = theme / "templates" / "record.html"
    record.write_text(record.read_text().replace("<h1>", '<p class="kicker">Record</p>\n<h1>'))
    build_site(site, extra_settings={"THEME": str(theme)})
    clean = tmp_path / "clean"
    build_site(clean, extra_settings={"THEME": str(theme)})
    assert_same_site(site, clean)


def test_a_rebuild_without_changes_writes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(site)
    before = mtimes(site)
    build_site(site)
    after = mtimes(site)
    rewritten = sorted(
        str(p) for p in after if after[p] != before.get(p) and p.parts[0] != "theme"
    )  # Pelican copies the theme's static files on every build
    assert rewritten == []


def test_a_hand_edited_output_file_is_made_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(site)
    home = site / "index.html"
    original = home.read_bytes()
    home.write_text("edited by hand")
    build_site(site)
    assert home.read_bytes() == original


def test_unchanged_files_are_not_parsed_again(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "records.pickle"
    cache = ContentCache(cache_file, fingerprint())
    first = validate_content(content, TODAY, cache)
    cache.save()
    edited = content / "needs" / f"{EDITED_NEED}.yaml"
    edited.write_text(edited.read_text().replace("Roofing, windows", "Roof sheets, windows"))

    parsed: list[str] = []
    load_document = validation.load_document

    def counting(path: str, *args: object, **kwargs: object) -> object:
        parsed.append(Path(path).name)
        return load_document(path, *args, **kwargs)

    monkeypatch.setattr(validation, "load_document", counting)
    again = validate_content(content, TODAY, ContentCache(cache_file, fingerprint()))
    assert parsed == [edited.name]
    assert again.dataset.needs[EDITED_NEED].title != first.dataset.needs[EDITED_NEED].title
    fresh = validate_content(content, TODAY)
    assert again.dataset.needs == fresh.dataset.needs
    assert again.dataset.cities == fresh.dataset.cities
    assert again.problems == fresh.problems


def test_a_cache_of_other_code_is_not_used(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "cache.pickle", "one version")
    cache.put("key", "value")
    cache.save()
    assert ContentCache(tmp_path / "cache.pickle", "one version").get("key") == "value"
    assert ContentCache(tmp_path / "cache.pickle", "another version").get("key") is None
    (tmp_path / "cache.pickle").write_bytes(b"not a pickle")
    assert ContentCache(tmp_path / "cache.pickle", "one version").get("key") is None


def test_languages_rendered_side_by_side_make_the_one_process_site(tmp_path: Path) -> None:
    """Each language in its own forked process (RENDER_PROCESSES) writes the bytes that one
    process writes."""
    apart, together = tmp_path / "apart", tmp_path / "together"
    build_site(apart, extra_settings={"RENDER_PROCESSES": 2})
    build_site(together, extra_settings={"RENDER_PROCESSES": 1})
    assert_same_site(apart, together)


def test_the_search_key_of_a_page_is_what_pagefind_reads_of_it() -> None:
    """A page whose suggestions (a data-pagefind-ignore section) changed keeps its key, so its
    search bundle is not indexed again; a change of its indexed text changes it."""
    page = (
        '<html lang="en"><body><article data-pagefind-body><h1>{title}</h1>'
        "<section data-pagefind-ignore><section><h2>Suggested</h2>{suggested}</section></section>"
        '<img src="x.png" data-pagefind-ignore><p>Water data-pagefind-ignore</p>'
        "</article></body></html>"
    )
    key = search_key(page.format(title="Pumps", suggested="Generators"))
    assert search_key(page.format(title="Pumps", suggested="Boilers")) == key
    assert search_key(page.format(title="Pipes", suggested="Generators")) != key
    assert search_key("<html><body><p>Not indexed</p></body></html>") == ""
