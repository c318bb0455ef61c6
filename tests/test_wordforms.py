# ruff: noqa: RUF001 (Ukrainian words and their apostrophes are the point of these tests)
"""Search keys (cities4cities/wordforms.py): the forms of a word meet, different words stay
apart, the browser's script gives the same keys as Python, and the rules keep what they were
tuned to on the example data against pymorphy3's dictionary."""

from __future__ import annotations

import collections
import json
import re
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from conftest import ROOT

from cities4cities import wordforms
from cities4cities.wordforms import keys, normalize, sequence

SCRIPT = ROOT / "theme" / "static" / "js" / "wordforms.js"


@pytest.mark.parametrize(
    "forms",
    [
        "Харків Харкова Харкові Харкову Харковом",
        "Київ Києва Києві Києвом",
        "Львів Львова Львові",
        "Миколаїв Миколаєва Миколаєві",
        "Чернігів Чернігова",
        "Ірпінь Ірпеня Ірпені",
        "Відень Відня",
        "Бородянка Бородянці",
        "генератор генератори генератора генераторів генераторами",
        "пожежний пожежні пожежна пожежного пожежних",
        "автомобіль автомобілі автомобіля автомобілів",
        "ноутбук ноутбуки ноутбуків ноутбуками",
        "школа шкіл школи школу школах",
        "насос насоси насосів",
        "будинок будинку будинки будинків",
        "вікно вікна вікон",
        "приміщення приміщень",
        "ліжко ліжка ліжок",
        "м'ясо м’ясо мʼясо М'ЯСО",
        "ґрунт грунт",
        "вентиляція вентиляцiя",  # the second with a Latin i
        "laptop laptops Laptops",
        "battery batteries",
        "house houses",
        "bus buses",
        "München Munchen MÜNCHEN",
        "Kijów Kijow",
        "Wrocław Wroclaw",
    ],
)
def test_the_forms_of_a_word_share_a_key(forms: str) -> None:
    assert len({normalize(form) for form in forms.split()}) == 1, {
        form: normalize(form) for form in forms.split()
    }


@pytest.mark.parametrize(
    "words",
    [
        "пожежа пожежний",  # a fire, a fire engine
        "лікар лікарня ліки",
        "вікно вік",
        "ліс лось",
        "село сіль",
        "рік рука",
        "мед мода",
        "школа шкіра",
        "генератор генерал",
        "насос нас",
        "вода водопостачання",
        "bus business",
        "glass gas",
        "pump pumper",
    ],
)
def test_different_words_keep_different_keys(words: str) -> None:
    found = [normalize(word) for word in words.split()]
    assert len(set(found)) == len(found), dict(zip(words.split(), found, strict=True))


def test_keys_leave_out_small_words_and_keep_each_key_once() -> None:
    assert keys("Ноутбуки для шкіл") == ["ноутбук", "школ"]
    assert keys("laptops for the schools") == ["laptop", "school"]
    assert keys("Генератори, генератор і ще 2 генератори (100 кВт)") == [
        "генератор",
        "2",
        "100",
        "квт",
    ]
    assert sequence("генератор і генератори") == ["генератор", "генератор"]
    assert keys("") == [] and keys("для the") == []


def test_a_text_has_the_keys_of_its_parts_between_spaces() -> None:
    """searchwords.py and glossary.py work chunk by chunk and rely on this."""
    text = "Пожежно-рятувальна команда (Ужгород), м’ясо; LiFePO4 за́мок. Feuerwehr—Löschfahrzeug"
    assert sequence(text) == [key for chunk in text.split() for key in sequence(chunk)]


def test_the_rules_file_is_well_formed() -> None:
    document = wordforms.rules_document()
    assert document["version"] == 1
    assert set(document["steps"]) <= set(document["alphabets"])
    assert set(document["lookalikes"]) <= set(document["alphabets"])
    for letters in document["alphabets"].values():
        assert letters == letters.lower() and len(set(letters)) == len(letters)
    for steps in document["steps"].values():
        for step in steps:
            assert step["min_stem"] >= 1 and step["about"]
            endings = [rule if isinstance(rule, str) else rule[0] for rule in step["rules"]]
            assert len(set(endings)) == len(endings), f"an ending twice in: {step['about']}"
    assert all(len(key) == 1 for key in document["letters"])


# --- the browser's script gives the same keys --------------------------------------------------

HARNESS = """
const vm = require("vm");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const context = { window: {} };
vm.createContext(context);
vm.runInContext(input.script, context);
const forms = context.window.C4C_WORDFORMS;
const answer = (t) => [forms.normalize(t, input.rules), forms.keys(t, input.rules)];
process.stdout.write(JSON.stringify(input.texts.map(answer)));
"""
TRICKY = [
    "вентиляцiя",
    "Кyiv",
    "İstanbul",
    "ẞTRASSE Straße",
    "за́мок",
    "😀тест",
    "x² ½",
    "C++",
    "Ґрунт",
    "ПОЖЕЖНО-РЯТУВАЛЬНА",
    "l’Aquila d'Italia",
    "Ǆemal",
    "",
]


def example_texts() -> list[str]:
    """Every distinct chunk of text in the example data (about 11,000), and the tricky cases."""
    chunks = {
        chunk
        for path in sorted((ROOT / "content").rglob("*.yaml"))
        for chunk in path.read_text(encoding="utf-8").split()
    }
    return sorted(chunks) + TRICKY


def test_the_browser_script_gives_the_keys_python_gives() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the browser script (wordforms.js) was not compared")
    texts = example_texts()
    given = {"script": SCRIPT.read_text(encoding="utf-8"), "rules": wordforms.rules_document()}
    run = subprocess.run(
        [node, "-e", HARNESS],
        input=json.dumps({**given, "texts": texts}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    in_browser = json.loads(run.stdout)
    differ = [
        (text, [normalize(text), keys(text)], answer)
        for text, answer in zip(texts, in_browser, strict=True)
        if [normalize(text), keys(text)] != answer
    ]
    assert not differ, differ[:10]


# --- measured against a dictionary -------------------------------------------------------------


def measure(words: list[str]) -> dict[str, int]:
    """The rules against pymorphy3's lemmas: lemma groups whose forms all share a key, and keys
    shared by words of unrelated lemmas (readings overlapping count as related)."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer(lang="uk")
    readings = {word: analyzer.parse(word) for word in words}
    groups = collections.defaultdict(set)
    for word, parses in readings.items():
        groups[parses[0].normal_form].add(word)
    several = [forms for forms in groups.values() if len(forms) > 1]
    by_key = collections.defaultdict(list)
    for word in words:
        by_key[normalize(word)].append({parse.normal_form for parse in readings[word]})
    false = 0
    for lemma_sets in by_key.values():
        clusters: list[set[str]] = []
        for lemmas in lemma_sets:
            touching = [cluster for cluster in clusters if cluster & lemmas]
            for cluster in touching:
                clusters.remove(cluster)
                lemmas = lemmas | cluster
            clusters.append(lemmas)
        false += len(clusters) > 1
    return {
        "forms": len(words),
        "lemma groups": len(groups),
        "groups of several forms": len(several),
        "fully merged": sum(len({normalize(w) for w in forms}) == 1 for forms in several),
        "keys": len(by_key),
        "false merges": false,
    }


_UKRAINIAN_WORD = re.compile(r"[а-щьюяєіїґ]+(?:'[а-щьюяєіїґ]+)*")


def ukrainian_words() -> list[str]:
    """The distinct Ukrainian words of the example data's texts, lowercased."""
    from conftest import TODAY

    from cities4cities.validation import validate_content

    dataset = validate_content(ROOT / "content", TODAY).dataset
    found: set[str] = set()
    for record in dataset.records():
        for text in _ukrainian_texts(record.document.data):
            found.update(_UKRAINIAN_WORD.findall(text.lower().replace("’", "'")))
    return sorted(found)


def _ukrainian_texts(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "uk" and isinstance(value, str):
                yield value
            else:
                yield from _ukrainian_texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _ukrainian_texts(value)


def test_the_rules_merge_most_forms_and_few_words() -> None:
    """Tuned on the example data (HACKING.md, Search words): about 83% of the lemma groups of
    several forms are merged whole, and about 4% of the keys are shared by unrelated lemmas
    (most of them a word and its derivative: аварійно and аварійний, житло and житловий)."""
    found = measure(ukrainian_words())
    assert found["fully merged"] >= 0.8 * found["groups of several forms"], found
    assert found["false merges"] <= 0.05 * found["keys"], found
