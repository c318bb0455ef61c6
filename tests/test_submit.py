"""The /submit/ page in headless Chromium: a city officer fills the form; the prefilled GitHub
issue link carries the answers (caught on its way out: no request leaves 127.0.0.1), the issue
forms read them back into the same file, and the YAML the page shows passes the validator
unchanged. Without JavaScript the page still explains both ways and shows the templates."""

# ruff: noqa: RUF001 (Ukrainian text typed into the form)

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, TODAY
from playwright.sync_api import Browser, Locator, Page, Route
from test_browser import _violation_report

from cities4cities.contribute.answers import read_record
from cities4cities.contribute.formfields import form_fields
from cities4cities.contribute.issues import answers_body, parse_issue
from cities4cities.contribute.newrecord import to_yaml
from cities4cities.messages import gettext_for
from cities4cities.validation import validate_content
from cities4cities.vocabulary import LANGUAGES, MAX_ID_LENGTH

REPOSITORY = "cities4cities/cities4cities"  # pelicanconf.REPOSITORY
NOON = datetime(2026, 11, 26, 12, tzinfo=UTC)  # the test day (conftest.TODAY), in the browser


class Outside:
    """Requests the page tried to send to other hosts: recorded, then refused."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, route: Route) -> None:
        self.urls.append(route.request.url)
        route.abort()


@pytest.fixture
def outside() -> Outside:
    return Outside()


@pytest.fixture
def page(browser: Browser, server: str, outside: Outside) -> Iterator[Page]:
    context = browser.new_context(base_url=server)
    context.route(lambda url: not url.startswith(f"{server}/"), outside)
    page = context.new_page()
    page.clock.set_fixed_time(NOON)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"the page's script failed: {errors}"


def test_the_script_reads_every_setting_the_page_gives_it(site: Path) -> None:
    """The settings come from the vocabulary, and none is handed to the script in vain."""
    html = (site / "submit" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'id="submit-config">(.*?)</script>', html, re.DOTALL)[1])
    assert config["languages"] == list(LANGUAGES)
    assert config["maxIdLength"] == MAX_ID_LENGTH
    script = (ROOT / "theme" / "static" / "js" / "submit.js").read_text(encoding="utf-8")
    assert set(re.findall(r"\bconfig\.(\w+)", script)) == set(config)
    assert set(re.findall(r"\bM\.(\w+)", script)) == set(config["messages"])


def open_more(form: Locator) -> None:
    """Unfold "More details", as a reader does, unless it is open."""
    if not form.locator("details.more").evaluate("details => details.open"):
        form.locator("details.more > summary").click()


def fill_need(page: Page) -> None:
    form = page.locator("#form-need")
    form.locator("#need-city").select_option("ua-sumy")
    form.locator("#need-title-en").fill("Water pumps for the Pivnichna station")
    form.locator("#need-title-uk").fill("Насоси для станції «Північна»")
    form.locator("#need-description-uk").fill(
        "Станція працює на одному насосі з трьох.\n\nПотрібні **два** насоси | 50 м³/год."
    )
    form.locator("input[name=sectors][value=water-sanitation]").check()
    form.locator("input[name=sectors][value=energy]").check()
    form.locator("input[name=kinds][value=equipment]").check()
    open_more(form)  # links, the contact's role and phone are in it
    form.locator("[data-add-row=items]").click()
    row = form.locator("[data-rows=items] > li").nth(0)
    row.locator("[data-key='name.en']").fill("Submersible pump, 50 m³/h")
    row.locator("[data-key='name.uk']").fill("Занурювальний насос")
    row.locator("[data-key=quantity]").fill("2")
    row.locator("[data-key=unit]").select_option("piece")
    row.locator("[data-key=received]").fill("0")
    form.locator("[data-add-row=links]").click()
    link = form.locator("[data-rows=links] > li").nth(0)
    link.locator("[data-key='title.en']").fill("Vodokanal | Sumy")
    link.locator("[data-key='title.uk']").fill("Водоканал Сум")
    link.locator("[data-key=url]").fill("https://vodokanal.sumy.example/")
    form.locator("#need-urgency").select_option("critical")
    form.locator("#need-contact-organisation-uk").fill("КП «Міськводоканал»")
    form.locator("#need-contact-email").fill("vodokanal@sumy-city.example")
    form.locator("#need-contact-phone").fill("+380542000111")
    form.locator("input[name=contact-languages][value=uk]").check()
    form.locator("input[name=contact-languages][value=en]").check()
    form.locator("[data-confirm]").check()


def send(page: Page, outside: Outside, kind: str) -> dict[str, str]:
    """Press the form's button; the query of the GitHub link it opened."""
    page.locator(f"#form-{kind} button[type=submit]").click()
    page.locator("#result").wait_for(state="visible")
    link = page.locator("#issue-link").get_attribute("href")
    page.wait_for_timeout(200)
    assert link in outside.urls, f"the issue page was not opened: {outside.urls}"
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "github.com",
        f"/{REPOSITORY}/issues/new",
    )
    return dict(parse_qsl(parts.query, keep_blank_values=True))


def shown_file(page: Page) -> tuple[str, str]:
    return page.locator("#result-path").text_content(), page.locator("#result-yaml").text_content()


@pytest.mark.parametrize("language", ["en", "uk"])
def test_need_form_opens_a_prefilled_issue_and_shows_a_valid_file(
    page: Page, outside: Outside, content: Path, language: str
) -> None:
    page.goto("/submit/" if language == "en" else "/uk/submit/")
    fill_need(page)
    query = send(page, outside, "need")

    assert query["template"] == "need.yml"
    titles = {  # in the form's language, prefix and title
        "en": "Need: Water pumps for the Pivnichna station",
        "uk": "Потреба: Насоси для станції «Північна»",
    }
    assert query["title"] == titles[language]
    assert query["reply-language"] == language
    assert query["city"] == "ua-sumy"
    assert query["title-uk"] == "Насоси для станції «Північна»"
    assert query["sectors"] == "water-sanitation, energy"  # in the order chosen
    assert query["items"] == "- Submersible pump, 50 m³/h | Занурювальний насос | 2 | piece | 0"
    assert query["links"] == "- Vodokanal / Sumy | Водоканал Сум | https://vodokanal.sumy.example/"
    assert query["contact-languages"] == "uk, en"
    assert query["status"] == "open" and query["urgency"] == "critical"

    path, text = shown_file(page)
    assert path == "content/needs/ua-sumy-water-pumps-for-the-pivnichna-station.yaml"
    # The file passes the validator as shown ...
    result = validate_content(content, TODAY, extra={path.removeprefix("content/"): text.encode()})
    assert result.problems == [], "\n".join(map(str, result.problems)) + "\n" + text
    # ... and the issue forms read the link's answers back into the very same file.
    submission = parse_issue(answers_body("need", query, language=language), ["need"])
    record, complaints = read_record("need", submission.answers, TODAY)
    assert complaints == []
    assert to_yaml("need", record) == text

    download = page.locator("#download-yaml")
    assert download.get_attribute("download") == Path(path).name
    assert download.get_attribute("href").startswith("blob:")
    new_file = urlsplit(page.locator("#new-file-link").get_attribute("href"))
    assert new_file.path == f"/{REPOSITORY}/new/main/content/needs"
    assert dict(parse_qsl(new_file.query))["value"] == text
    assert all(url.startswith("https://github.com/") for url in outside.urls), outside.urls


def test_city_form_writes_a_valid_city(page: Page, outside: Outside, content: Path) -> None:
    page.goto("/uk/submit/")
    page.locator("#kind-city").check()
    form = page.locator("#form-city")
    assert form.is_visible() and not page.locator("#form-need").is_visible()
    form.locator("details.more > summary").click()  # KATOTTG, population, e-mail domains
    form.locator("#city-name-en").fill("Chernihiv")
    form.locator("#city-name-uk").fill("Чернігів")
    form.locator("#city-country").select_option("UA")
    form.locator("#city-region").fill("UA-74")
    form.locator("#city-katottg").fill("UA74100390000073425")
    form.locator("#city-population").fill("285 000")
    form.locator("#city-location-lat").fill("51,4982")
    form.locator("#city-location-lon").fill("31.2893")
    form.locator("#city-contact-organisation-uk").fill("Управління міжнародного співробітництва")
    form.locator("#city-contact-email").fill("international@chernihiv.example")
    form.locator("input[name=contact-languages][value=uk]").check()
    form.locator("#city-email-domains").fill("chernihiv.example")
    form.locator("input[name=seeking-partnership-priorities][value=energy]").check()
    form.locator("[data-confirm]").check()
    query = send(page, outside, "city")
    assert query["template"] == "city.yml" and query["name-uk"] == "Чернігів"
    path, text = shown_file(page)
    assert path == "content/cities/ua-chernihiv-2.yaml"  # ua-chernihiv is taken on the site
    result = validate_content(content, TODAY, extra={"cities/ua-chernihiv.yaml": text.encode()})
    assert result.problems == [], "\n".join(map(str, result.problems)) + "\n" + text
    assert "population: 285000\n" in text and "lat: 51.4982\n" in text


def test_bad_answers_are_explained_and_nothing_is_sent(page: Page, outside: Outside) -> None:
    page.goto("/submit/")
    form = page.locator("#form-need")
    form.locator("#need-city").select_option("ua-sumy")
    form.locator("#need-contact-email").fill("nope")
    more = form.locator("details.more")
    more.locator("summary").click()
    more.locator("#need-contact-phone").fill("0542 000 111")
    more.locator("summary").click()  # folded again: its error opens it
    assert not more.evaluate("details => details.open")
    for sector in ("energy", "health", "food", "education"):
        form.locator(f"input[name=sectors][value={sector}]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_timeout(200)
    assert outside.urls == []
    assert page.locator("#result").is_hidden()
    assert form.locator(".error-summary").is_visible()
    errors = form.locator(".field-error").all_text_contents()
    assert '"nope" is not an e-mail address, such as partnerships@city.gov.ua' in errors
    assert "choose at most 3; keep the most important" in errors
    assert "write this in at least one language: in English or in Ukrainian" in errors
    assert "this question is required; please answer it" in errors  # urgency
    assert more.evaluate("details => details.open")
    assert more.locator("#need-contact-phone").get_attribute("aria-invalid") == "true"
    email = form.locator("#need-contact-email")
    assert email.get_attribute("aria-invalid") == "true"
    assert "need-contact-email-error" in email.get_attribute("aria-describedby")
    summary = form.locator(".error-summary a").all_inner_texts()
    assert len(summary) == len(errors)  # one line per question in error, in the form's order
    assert summary[-2].startswith("Contact: Phone: ")  # in "More details", before the tick box


def test_answers_too_long_for_the_link_are_pasted_into_one_field_and_nothing_is_lost(
    page: Page, outside: Outside, content: Path
) -> None:
    """A Cyrillic letter costs six characters in an address: a long Ukrainian description
    cannot travel in the link. The page says so and copies it, under its label in the issue,
    for pasting into the issue's last field; the issue's reading gives the very same file."""
    page.goto("/uk/submit/")
    fill_need(page)
    long_text = ("Дуже довгий опис потреби. " * 150).strip()[:3990]
    page.locator("#need-description-uk").fill(long_text)
    query = send(page, outside, "need")
    link = page.locator("#issue-link").get_attribute("href")
    assert len(link) <= 8000
    assert "description-uk" not in query and query["title-en"]
    box = page.locator("#left-out")
    assert box.is_visible()
    assert (
        "Відповіді, що не вмістилися в посилання"
        in box.locator("[data-left-out-text]").inner_text()
    )
    pasted = page.locator("#left-out-answers").input_value()
    assert pasted == "### Description (in Ukrainian) · Опис (українською)\n\n" + long_text
    page.locator("#copy-left-out").click()  # copied, or said how to copy by hand
    page.wait_for_function("document.getElementById('copy-left-out-status').textContent !== ''")

    path, text = shown_file(page)
    extra = {path.removeprefix("content/"): text.encode()}
    assert validate_content(content, TODAY, extra=extra).problems == []
    # The issue GitHub writes: the link's answers, and the paste in the last field.
    body = answers_body("need", query, language="uk", pasted=pasted)
    submission = parse_issue(body, ["need"])
    record, complaints = read_record("need", submission.answers, TODAY)
    assert complaints == []
    assert to_yaml("need", record) == text


@pytest.mark.parametrize("url", ["/submit/", "/uk/submit/"])
def test_submit_page_is_accessible(page: Page, outside: Outside, url: str) -> None:
    page.goto(url)
    violations = Axe().run(page).response["violations"]
    assert not violations, _violation_report(url, violations)
    page.locator("#form-need button[type=submit]").click()  # every question in error
    page.locator("#form-need details.more > summary").click()
    violations = Axe().run(page).response["violations"]
    assert not violations, _violation_report(url + " (with errors)", violations)
    fill_need(page)
    send(page, outside, "need")
    violations = Axe().run(page).response["violations"]
    assert not violations, _violation_report(url + " (with the result)", violations)


def test_without_javascript_the_page_explains_both_ways(browser: Browser, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/submit/")
        assert page.locator("#submit-form").is_hidden()
        assert page.locator("#two-ways").is_visible()
        notice = page.locator("noscript p.notice")
        assert notice.is_visible(), page.content()[:3000]
        assert notice.inner_text().startswith("The form needs JavaScript")
        templates = page.locator("details.template")
        assert templates.count() == 5  # need, offer, pledge, city, partnership
        templates.nth(0).locator("summary").click()
        assert "# content/needs/<city-id>-<a-few-words>.yaml" in templates.nth(0).inner_text()
    finally:
        context.close()


def test_an_empty_offer_in_ukrainian_is_summed_up_at_the_top_with_links_to_each_question(
    page: Page, outside: Outside
) -> None:
    """The GOV.UK error summary: a box at the top of the form that takes the focus, a link to
    each question in error in the form's order, each also explained next to its question;
    all in the page's language."""
    page.goto("/uk/submit/")
    page.locator("#kind-offer").check()
    form = page.locator("#form-offer")
    form.locator("button[type=submit]").click()
    summary = form.locator(".error-summary")
    summary.wait_for(state="visible")
    assert outside.urls == []
    assert form.evaluate("form => form.firstElementChild.id") == "offer-errors"
    assert page.evaluate("document.activeElement.id") == "offer-errors"
    assert summary.locator("h2").inner_text() == "Є помилка"
    assert page.title().startswith("Помилка: ")
    links = summary.locator("a")
    texts = links.all_inner_texts()
    # city, title, description, sectors, kinds, delivery, organisation, e-mail, languages
    # and the tick box; review_by has a day already, status a default
    assert len(texts) == 10 == form.locator(".field-error").count()
    assert not re.search("[A-Za-z]", " ".join(texts)), texts  # Ukrainian throughout
    assert [t.partition(":")[0] for t in texts[:3]] == ["Місто", "Заголовок", "Опис"]
    for index, text in enumerate(texts):
        link = links.nth(index)
        target = link.get_attribute("href").removeprefix("#")
        link.click()
        focused = page.evaluate(
            """id => {
              const target = document.getElementById(id), active = document.activeElement;
              const box = target.closest('fieldset.choices, .field');
              return {inside: target === active || target.contains(active),
                      field: /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName),
                      note: box.querySelector('.field-error').textContent};
            }""",
            target,
        )
        assert focused["inside"] and focused["field"], (text, target)
        assert text.endswith(": " + focused["note"])  # the same words next to the question
    # Corrected, the summary goes, and so does the title's "Error".
    page.goto("/uk/submit/?kind=offer")
    assert page.title().startswith("Опублікуйте")


def questions(form: Tag) -> list[str]:
    """A form's questions as a reader meets them: a box each, a group of tick boxes one."""
    found = []
    for control in form.select("input, select, textarea"):
        if control.find_parent("template") or control.has_attr("data-confirm"):
            continue
        choices = control.find_parent("fieldset", class_="choices")
        key = choices["data-key"] if choices else control["data-key"]
        if not found or found[-1] != key or not choices:
            found.append(key)
    found += [f["data-key"] for f in form.select("fieldset.rows")]
    return found


@pytest.mark.parametrize("kind", ["need", "offer", "pledge", "city"])
def test_a_form_asks_what_most_records_need_and_folds_the_rest(site: Path, kind: str) -> None:
    """Up to 15 questions before "More details" (a <details>, folded, that opens without
    JavaScript); every question the schema requires is among them."""
    soup = BeautifulSoup(
        (site / "submit" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    form = soup.select_one(f"#form-{kind}")
    more = form.select_one("details.more")
    assert more is not None and not more.has_attr("open")
    asked = questions(form)
    inside = set(questions(more))
    first = [key for key in asked if key not in inside]
    assert len(first) <= 15, first
    required = {f.key for f in form_fields(kind) if f.required or f.text_required}
    assert required - {f.key for f in form_fields(kind) if "default" in f.schema} <= set(first)
    assert inside and inside <= {f.key for f in form_fields(kind) if not f.first}
    if kind != "city":  # most needs, offers and pledges list their items
        assert "items" in first


@pytest.mark.parametrize("language", LANGUAGES)
def test_optional_is_said_of_optional_questions_only(site: Path, language: str) -> None:
    """ "(optional)" on a question that may be left empty, on every one of them, and never on
    the language boxes of a text (one of which is needed: its hint says so)."""
    page = site / ("" if language == "en" else language) / "submit" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    word = "(optional)" if language == "en" else "(необов’язково)"
    for kind in ("need", "offer", "pledge", "city"):
        form = soup.select_one(f"#form-{kind}")
        marked = set()
        for mark in form.find_all(class_="optional"):  # select() skips <template>s
            assert str(mark.string) == word  # get_text() skips what <template> holds
            owner = mark.parent
            if owner.name == "label":
                marked.add(form.find(id=owner["for"])["data-key"])
            else:  # a legend
                fieldset = owner.parent
                marked.add(fieldset.get("data-key") or fieldset["data-text"])
        expected = set()
        for f in form_fields(kind):
            if f.language and not f.text_required:
                expected.add(f.text_key)
            elif not f.language and not f.required:
                expected.add(f.key)
            expected |= {c.key for c in f.columns if not c.language and not c.required}
        assert marked == expected, kind
        for text in form.select("fieldset.texts"):  # one language of two: the hint says so
            either = text.select_one("p.hint[id$=-languages]")
            assert (either is None) == bool(text.select_one("legend .optional"))
            if either:
                assert either["id"] in text["aria-describedby"].split()


def visible_words(page: Page) -> str:
    """The text a reader sees in the form section, with its labels' attributes."""
    return page.evaluate(
        """() => {
          const section = document.getElementById('submit-form');
          const parts = [section.innerText];
          section.querySelectorAll('[title], [aria-label], [placeholder]').forEach(el => {
            parts.push(el.title, el.getAttribute('aria-label'), el.placeholder);
          });
          return parts.join(' ');
        }"""
    ).replace("partnerships@city.gov.ua", "")  # the example address, in either language


ENGLISH = re.compile(
    r"\b(the|and|of|for|with|your|write|choose|optional|example|city|e\.g)\b", re.I
)


def open_everything(page: Page, kind: str) -> None:
    page.locator(f"#kind-{kind}").check()
    form = page.locator(f"#form-{kind}")
    form.locator("details.more > summary").click()
    for button in form.locator("[data-add-row]").all():
        button.click()


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_fits_a_phone_and_speaks_the_pages_language(
    page: Page, language: str, width: int
) -> None:
    """Every form, "More details" open, a line added to each list and every error shown: no
    sideways scrolling at 320 and 390 px; on /uk/submit/ no English word in sight."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/submit/" if language == "en" else "/uk/submit/")
    page.locator("#need-city option[value=ua-sumy]").wait_for(state="attached")
    for kind in ("need", "offer", "pledge", "city"):
        open_everything(page, kind)
        page.locator(f"#form-{kind} button[type=submit]").click()
        page.locator(f"#{kind}-errors").wait_for(state="visible")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, kind
        if language == "uk":
            words = visible_words(page)
            assert not ENGLISH.findall(words), ENGLISH.findall(words)
            if kind != "city":  # the cities' names, loaded, in the page's language
                assert "Чернігів (ua-chernihiv)" in page.locator(f"#{kind}-city").inner_text()


def test_the_page_does_not_grow_with_the_data(site: Path) -> None:
    """The cities to choose from and the ids taken are files the script loads; the page
    carries no list of records, so it keeps its size at any number of them."""
    html = (site / "submit" / "index.html").read_text(encoding="utf-8")
    ids = json.loads((site / "submit" / "ids.json").read_text(encoding="utf-8"))
    folders = ("cities", "needs", "offers", "pledges", "partnerships")
    assert ids == sorted(p.stem for f in folders for p in (ROOT / "content" / f).glob("*.yaml"))
    named = {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", html)}
    assert len(named) <= 5, named  # the examples of the hints, not a list
    for language in LANGUAGES:
        folder = site if language == LANGUAGES[0] else site / language
        cities = json.loads((folder / "submit" / "cities.json").read_text(encoding="utf-8"))
        assert len(cities) == len(list((ROOT / "content" / "cities").glob("*.yaml")))
    assert len(gzip.compress(html.encode())) < 30_000


# What a hint for city staff never needs: the words of the files and of the schemas.
FILE_WORDS = re.compile(
    r"\{en:|YAML|\.yaml|file name|YYYY|\bids?\b|ISO|E\.164|Markdown|schema"
    r"|ідентифікатор|назв\w* файлу|РРРР",
    re.IGNORECASE,
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hints_are_written_for_city_staff(language: str) -> None:
    """Every question's hint, in either language, says what to write without the words of
    the files (the schemas' descriptions, written for people editing files, have them)."""
    gettext = gettext_for(language)
    for kind in ("need", "offer", "pledge", "city", "partnership"):
        for f in form_fields(kind):
            for question in (f, *f.columns):
                hint = gettext(question.hint)
                assert not FILE_WORDS.search(hint), f"{kind} {question.key}: {hint}"
                if language != "en":
                    assert hint != question.hint or not hint, f"{kind} {question.key}"
    assert FILE_WORDS.search(gettext(form_fields("offer")[0].description))  # it can fail


def test_a_link_prefills_the_city_once_the_cities_have_loaded(page: Page) -> None:
    """The cities come from submit/cities.json after the page: a city given in the link is
    chosen when they arrive."""
    page.goto("/uk/submit/?kind=pledge&need=ua-kherson-beds-for-shelters&city=pl-krakow")
    form = page.locator("#form-pledge")
    form.wait_for(state="visible")
    page.wait_for_function("document.getElementById('pledge-city').value === 'pl-krakow'")
    assert form.locator("#pledge-need").input_value() == "ua-kherson-beds-for-shelters"
    assert form.locator("#pledge-city option:checked").inner_text() == "Краків (pl-krakow)"
