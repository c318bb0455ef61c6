"""A pledge, from "I can help" on a need's page to a pull request: on a phone-sized window the
need's page offers an e-mail to its office and the pledge form, which opens with the need
filled in and writes a valid pledge; the issue forms read its answers back into the same file;
and approving a checked pledge issue writes the file the pull request carries."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, ROOT, TODAY
from playwright.sync_api import Browser
from test_approval import Repository
from test_browser import _violation_report
from test_submit import NOON, Outside, send, shown_file

from cities4cities.contribute.answers import read_record
from cities4cities.contribute.issues import answers_body, parse_issue
from cities4cities.contribute.newrecord import to_yaml
from cities4cities.validation import validate_content

ISSUES = FIXTURES / "issues"
PHONE = {"width": 390, "height": 844}
NEED = "ua-kherson-beds-for-shelters"


class PledgeRepository(Repository):
    """The submission workflow's checkout, for an issue opened with the pledge form."""

    def event(self, action: str, body: str) -> Path:
        path = self.temp / "event.json"
        labels = [{"name": "submission"}, {"name": "pledge"}]
        issue = {"number": 14, "body": body, "labels": labels}
        path.write_text(json.dumps({"action": action, "issue": issue}), encoding="utf-8")
        return path


@pytest.mark.parametrize("fixture", ["pledge-ukrainian", "pledge-by-number"])
def test_approving_a_checked_pledge_writes_the_file_of_the_pull_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    repo = PledgeRepository(tmp_path)
    body = (ISSUES / f"{fixture}.md").read_text(encoding="utf-8")
    assert repo.check("opened", body) == 0
    assert repo.approve(body) == 0 and repo.comments == []
    first, _, expected = (ISSUES / f"{fixture}.yaml").read_text(encoding="utf-8").partition("\n")
    written = repo.root / first.removeprefix("# expect: ")
    assert written.parent == repo.content / "pledges"
    assert written.read_text(encoding="utf-8") == expected
    pull_request = (repo.temp / "pr-body.md").read_text(encoding="utf-8")
    assert pull_request.rstrip().endswith("2 offers, 1 pledge, 1 partnership: no errors")


@pytest.mark.parametrize("language", ["en", "uk"])
def test_i_can_help_on_a_phone_ends_in_a_valid_pledge(
    browser: Browser, server: str, language: str
) -> None:
    prefix = "" if language == "en" else "/uk"
    outside = Outside()
    context = browser.new_context(base_url=server, viewport=PHONE)
    context.route(lambda url: not url.startswith(f"{server}/"), outside)
    page = context.new_page()
    page.clock.set_fixed_time(NOON)
    try:
        page.goto(f"{prefix}/needs/{NEED}/")
        # Nothing wider than the phone: the table of items scrolls on its own if it must.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        violations = Axe().run(page).response["violations"]  # the counts, bars and pledges
        assert not violations, _violation_report(page.url, violations)
        write, pledge = page.locator(".help-ways a.button").all()
        write.scroll_into_view_if_needed()
        assert write.is_visible() and pledge.is_visible()
        mail = urlsplit(write.get_attribute("href"))
        assert mail.path == "housing@kherson-city.example"
        assert parse_qs(mail.query)["subject"][0].startswith("Можемо допомогти: ")

        pledge.click()
        page.wait_for_url(f"**{prefix}/submit/?kind=pledge&need={NEED}")
        form = page.locator("#form-pledge")
        form.wait_for(state="visible")
        assert page.locator("#kind-pledge").is_checked()
        assert not page.locator("#form-need").is_visible()
        assert form.locator("#pledge-need").input_value() == NEED
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        form.locator("#pledge-city").select_option("pl-krakow")
        form.locator("[data-add-row=items]").click()
        row = form.locator("[data-rows=items] > li").nth(0)
        row.locator("[data-key=item]").fill("Матрац з вологостійким чохлом")
        row.locator("[data-key=quantity]").fill("150")
        form.locator("[data-add-row=items]").click()
        row = form.locator("[data-rows=items] > li").nth(1)
        row.locator("[data-key=item]").fill("1")  # the beds, by their number
        row.locator("[data-key=quantity]").fill("0")  # a mistake first ...
        form.locator("#pledge-expected").fill("2026-12-20")
        form.locator("details.more > summary").click()  # the note is among "More details"
        form.locator("#pledge-note-en").fill("Mattresses from the city's crisis stock.")
        form.locator("#pledge-contact-organisation-en").fill("International Cooperation Office")
        form.locator("#pledge-contact-email").fill("international@krakow-city.example")
        form.locator("input[name=contact-languages][value=pl]").check()
        form.locator("input[name=contact-languages][value=en]").check()
        form.locator("[data-confirm]").check()
        form.locator("button[type=submit]").click()
        assert form.locator(".field-error").count() == 1  # ... which the form explains
        assert outside.urls == []
        row.locator("[data-key=quantity]").fill("1")  # ... then corrected: no error left
        query = send(page, outside, "pledge")
        shown = shown_file(page)
    finally:
        context.close()

    assert query["template"] == "pledge.yml"
    assert query["need"] == NEED and query["city"] == "pl-krakow"
    assert query["items"] == "- Матрац з вологостійким чохлом | 150\n- 1 | 1"
    assert query["reply-language"] == language
    # The page shows the file the issue forms make of the link's answers ...
    assert shown == shown_file_of(query, language)
    path, text = shown
    assert path == f"content/pledges/pl-krakow-{NEED}.yaml"
    # ... and it is valid with every record of the example site, the need included.
    extra = {path.removeprefix("content/"): text.encode()}
    result = validate_content(ROOT / "content", TODAY, extra=extra)
    mine = [p for p in result.problems if p.path.endswith(path.removeprefix("content/"))]
    assert mine == [], "\n".join(map(str, mine)) + "\n" + text
    assert result.dataset.pledges[f"pl-krakow-{NEED}"].items[0].quantity == 150


def shown_file_of(query: dict[str, str], language: str) -> tuple[str, str]:
    """The file the issue forms make of the link's answers (the page showed the same)."""
    submission = parse_issue(answers_body("pledge", query, language=language), ["pledge"])
    record, complaints = read_record("pledge", submission.answers, TODAY)
    assert complaints == []
    return f"content/pledges/pl-krakow-{record['need']}.yaml", to_yaml("pledge", record)
