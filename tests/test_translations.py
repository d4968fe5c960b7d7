"""The Spanish edition kept in step with the English: every participant page has a
twin that says the same (structure, facts' places, crisis lines), written from the
English page as it stands now, in plain Spanish, with our interface words in Spanish
too; the Spanish configuration repeats the English one's lists.

Browser behaviour of the Spanish pages (selector, shared answers, search, print) is
in tests/test_spanish_site.py; the whole-site sweeps (axe, the Nu checker, headings
on phones, present-mode slides, privacy) visit every Spanish page with the English ones.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import jinja2
import pytest
import yaml

import twins
from conftest import ROOT
from tools import translations
from tools.build_site import translations as translation_configs

LANG = "es"
SPANISH_DOCS = ROOT / "i18n" / LANG / "docs"
ENGLISH_PAGES = translations.english_participant_pages()
SPANISH_PAGES = sorted(SPANISH_DOCS.rglob("*.md"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ---------------------------------------------------------------- Twins, fresh and whole

def test_every_english_participant_page_has_a_spanish_twin_written_from_its_current_version():
    """`make stale-translations` lists these pages with what changed in the English."""
    stale = translations.stale_pages(LANG)
    assert stale == [], (
        f"{len(stale)} Spanish pages are missing or older than their English page (run `make stale-translations`):\n"
        + "\n".join(f"{rel(t)}: {why}" for _, t, why in stale[:20])
    )


def test_every_spanish_page_has_an_english_twin_and_nothing_else_is_translated():
    english = {rel(twins.translation_path(p, LANG)) for p in ENGLISH_PAGES}
    assert {rel(p) for p in SPANISH_PAGES} == english


def test_the_freshness_check_fails_when_an_english_page_is_edited_and_its_twin_is_not(tmp_path, monkeypatch):
    docs, i18n = tmp_path / "docs", tmp_path / "i18n"
    (docs / "worksheets").mkdir(parents=True)
    (i18n / LANG / "docs" / "worksheets").mkdir(parents=True)
    english = docs / "worksheets" / "sheet.md"
    spanish = i18n / LANG / "docs" / "worksheets" / "sheet.md"
    english.write_text("# My sheet\n\nWrite it down.\n", encoding="utf-8")
    spanish.write_text("---\ndescription: Una hoja.\n---\n\n# Mi hoja\n\nEscríbalo.\n", encoding="utf-8")
    monkeypatch.setattr(twins, "ENGLISH_DOCS", docs)
    monkeypatch.setattr(twins, "I18N", i18n)
    twins.stamp(spanish, LANG)
    assert twins.is_fresh(spanish, LANG)
    english.write_text("# My sheet\n\nWrite it down, then sign it.\n", encoding="utf-8")
    assert not twins.is_fresh(spanish, LANG)
    monkeypatch.setattr(translations, "english_participant_pages", lambda: [english])
    assert [why for _, _, why in translations.stale_pages(LANG)] == ["the English page has changed since"]


@pytest.mark.parametrize("spanish", SPANISH_PAGES, ids=rel)
def test_each_spanish_page_keeps_its_english_twins_structure(spanish):
    """Headings, links, admonitions, fields and their names and options, diagrams,
    tables, crisis and agency markers, [US] passages and front matter keys, one for one."""
    english = twins.english_path(spanish, LANG)
    problems = twins.differences(english.read_text(encoding="utf-8"), spanish.read_text(encoding="utf-8"))
    assert problems == [], "\n".join(problems)


STRUCTURE_BREAKS = {
    "a heading dropped": ("## Key points", "Key points"),
    "a field renamed": ("- short: goal", "- short: meta"),
    "a link retargeted": ("(../crisis.md)", "(../about.md)"),
    "an option dropped": ("options: [Yes, No, Not sure]", "options: [Yes, No]"),
    "the crisis line's marker dropped": ("<!-- crisis-line -->", ""),
    "a US passage unmarked": ("[US]Call 988.[/US]", "Call 988."),
}
PAGE = """---
description: A page.
---

# A page

See [Crisis and safety](../crisis.md).

[US]Call 988.[/US]

<!-- crisis-line -->

```fields
- short: goal
  label: My goal
- choice: sure
  label: Sure?
  options: [Yes, No, Not sure]
```

## Key points

- One.
"""


@pytest.mark.parametrize("change", STRUCTURE_BREAKS, ids=list(STRUCTURE_BREAKS))
def test_the_structure_check_finds_each_kind_of_difference(change):
    old, new = STRUCTURE_BREAKS[change]
    assert twins.differences(PAGE, PAGE) == []
    assert twins.differences(PAGE, PAGE.replace(old, new)) != []


# ---------------------------------------------------------------- Plain Spanish

def test_spanish_pages_are_plain_spanish_by_the_fernandez_huerta_score():
    """STYLE-es.md: a median of 70 or more ("bastante fácil"), no page below 60."""
    scores = {rel(p): translations.reading_ease(p.read_text(encoding="utf-8"), LANG) for p in SPANISH_PAGES}
    too_hard = {page: round(score) for page, score in scores.items() if score < translations.LOWEST_READING_EASE}
    assert too_hard == {}
    assert statistics.median(scores.values()) >= translations.MEDIAN_READING_EASE


def test_the_reading_ease_check_can_fail():
    dense = ("La administración concomitante de antipsicóticos atípicos y estabilizadores del estado de ánimo "
             "requiere monitorización farmacocinética individualizada y evaluación interdisciplinaria continuada.")
    assert translations.reading_ease(dense, LANG) < translations.LOWEST_READING_EASE
    assert translations.reading_ease("Usted puede pedir ayuda. Hable con su equipo.", LANG) > 70


# Words STYLE-es.md says never to use in the site's own voice.
UNWANTED_ES = {
    r"\besquizofr[ée]nic[oa]s?\b": "una persona con esquizofrenia",
    r"\b(adict[oa]s?|drogadict[oa]s?)\b": "una persona que consume alcohol o drogas",
    r"\babuso de (sustancias|drogas|alcohol)\b": "consumo de sustancias",
    r"\bcometi[óo] suicidio\b": "murió por suicidio",
    r"\b(in)?cumplimiento\b": "tomar los medicamentos como se los recetaron",
    r"\benferm[oa]s? mentales?\b": "una persona que vive con una enfermedad mental",
}
QUOTED = re.compile(r"[“\"«][^”\"»\n]{1,60}[”\"»]")  # a word in quotes is being discussed, not used


@pytest.mark.parametrize("spanish", SPANISH_PAGES, ids=rel)
def test_spanish_page_uses_person_first_words(spanish):
    prose = QUOTED.sub("", spanish.read_text(encoding="utf-8"))
    for pattern, instead in UNWANTED_ES.items():
        match = re.search(pattern, prose, re.IGNORECASE)
        assert not match, f"'{match.group(0)}': write '{instead}'"


# ---------------------------------------------------------------- Interface words and configuration

def test_every_interface_message_has_its_spanish_wording():
    """Hooks, templates and scripts: `tools/translations.py messages` lists what is missing."""
    assert translations.missing_messages(LANG) == []


def test_spanish_interface_words_keep_their_placeholders():
    table = yaml.safe_load((ROOT / "i18n" / LANG / "strings.yml").read_text(encoding="utf-8"))
    placeholders = re.compile(r"\{\w+\}")
    wrong = {m: w for m, w in table.items() if sorted(placeholders.findall(m)) != sorted(placeholders.findall(w))}
    assert wrong == {}


TEMPLATES = sorted((ROOT / "i18n" / LANG / "overrides" / "curriculum").glob("*.md"))


def jinja_tags(text: str) -> list[str]:
    return [" ".join(m.group(0).split()) for m in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", text, re.DOTALL)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_each_spanish_template_keeps_the_english_templates_tags(template):
    english = ROOT / "overrides" / "curriculum" / template.name
    assert jinja_tags(template.read_text(encoding="utf-8")) == jinja_tags(english.read_text(encoding="utf-8"))
    jinja2.Environment().parse(template.read_text(encoding="utf-8"))


def load_config(path: Path) -> dict:
    from mkdocs.utils.yaml import yaml_load

    with open(path, encoding="utf-8") as file:
        return yaml_load(file)


def plugin_names(config: dict) -> list[str]:
    return [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]


@pytest.mark.parametrize("lang, path", translation_configs(), ids=lambda v: str(v))
def test_a_translations_configuration_repeats_the_english_lists_it_replaces(lang, path):
    """MkDocs's INHERIT replaces lists: a translation's plugins (and their options), nav
    and language selector are whole copies of mkdocs.yml's, in its own language."""
    main = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    child = yaml.safe_load(path.read_text(encoding="utf-8").replace("!ENV", ""))
    assert child["INHERIT"] == "mkdocs.yml"
    assert child["theme"]["language"] == lang and child["docs_dir"] == f"i18n/{lang}/docs"
    assert child["site_dir"] == f"site/{lang}"
    assert plugin_names(child) == plugin_names(main)
    for ours, theirs in zip(child["plugins"], main["plugins"]):
        if isinstance(theirs, dict):
            name = next(iter(theirs))
            assert set(ours[name]) == set(theirs[name]), f"{name}'s options differ"
    assert child["plugins"][0]["search"]["lang"] == lang
    for key in ("hooks", "extra_css", "extra_javascript", "markdown_extensions"):
        assert key not in child, f"{key} must come from mkdocs.yml whole"
    assert "features" not in child["theme"], "theme.features must come from mkdocs.yml whole"
    assert [a["lang"] for a in child["extra"]["alternate"]] == [a["lang"] for a in main["extra"]["alternate"]]
    targets = lambda nav: [next(iter(e.values())) if isinstance(e, dict) else e for e in nav]  # noqa: E731
    english = [t if isinstance(t, str) else "program-guide/" for t in targets(main["nav"])]
    assert [t.replace("imr-english:program-guide/index.md", "program-guide/") for t in targets(child["nav"])] == english
