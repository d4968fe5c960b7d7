"""Content rules from the house style that a machine can check."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import yaml

from tools.reading_level import grade

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CURRICULUM = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
PUBLISHED = [m for m in CURRICULUM["modules"] if (DOCS / "modules" / m["slug"]).is_dir()]

TOPIC_PAGES = [DOCS / "modules" / m["slug"] / f"{t['slug']}.md" for m in PUBLISHED for t in m["topics"]]
HANDOUTS = [DOCS / "modules" / m["slug"] / f"{h['slug']}.md" for m in PUBLISHED for h in m.get("handouts") or []]
OVERVIEWS = [DOCS / "modules" / m["slug"] / "index.md" for m in PUBLISHED]
PARTICIPANT_PAGES = TOPIC_PAGES + HANDOUTS + OVERVIEWS
ALL_PAGES = sorted(DOCS.rglob("*.md"))

# Words the house style replaces (person-first, non-blaming language).
UNWANTED = {
    r"\bschizophrenics?\b": "a person who has schizophrenia",
    r"\bnon-?complian(t|ce)\b": "not taking medication as prescribed",
    r"\baddicts?\b": "a person who uses substances",
    r"\bcommit(ted|s)? suicide\b": "died by suicide",
    r"(?<!institute on )\b(substance|drug|alcohol) abuse\b(?! and mental health services)": "substance use",
    r"\bthe mentally ill\b": "people with a mental illness",
}
PLACEHOLDERS = r"\b(TODO|TBD|FIXME|lorem ipsum|coming soon|placeholder)\b"


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", TOPIC_PAGES, ids=rel)
def test_topic_page_has_the_house_structure(path):
    text = path.read_text(encoding="utf-8")
    for heading in ("## Your turn", "## Key points", "## Try this week"):
        assert re.search(rf"^{re.escape(heading)}\s*$", text, re.MULTILINE), f"missing '{heading}'"
    assert "```fields" in text, "the 'Your turn' section has no questions to answer"
    assert re.search(r"^description: .+", text, re.MULTILINE), "no description in the front matter"


def test_participant_pages_read_at_grade_eight_or_below():
    grades = {rel(p): grade(p) for p in PARTICIPANT_PAGES}
    too_hard = {page: g for page, g in grades.items() if g > 10}
    assert statistics.median(grades.values()) <= 8
    assert too_hard == {}


@pytest.mark.parametrize("path", ALL_PAGES, ids=rel)
def test_page_uses_person_first_language_and_has_no_placeholders(path):
    text = path.read_text(encoding="utf-8")
    prose = re.sub(r'"[^"\n]{1,40}"', "", text)  # a word in quotes is being discussed, not used
    for pattern, instead in UNWANTED.items():
        match = re.search(pattern, prose, re.IGNORECASE)
        assert not match, f"'{match.group(0)}': write '{instead}'"
    placeholder = re.search(PLACEHOLDERS, text, re.IGNORECASE)
    assert not placeholder, f"unfinished text: '{placeholder.group(0)}'"


def test_every_published_module_has_a_worksheet():
    for module in PUBLISHED:
        assert module.get("worksheets"), f"Module {module['number']} has no worksheet"


def test_every_worksheet_is_linked_from_a_topic_page_and_the_index(site_dir):
    index = (site_dir / "worksheets" / "index.html").read_text(encoding="utf-8")
    for module in PUBLISHED:
        for worksheet in module.get("worksheets") or []:
            assert f'href="{worksheet["slug"]}/"' in index, f"{worksheet['slug']} is not on the worksheet index"
            linked_from = [
                topic for topic in worksheet["topics"]
                if f'worksheets/{worksheet["slug"]}/' in
                (site_dir / "modules" / module["slug"] / topic / "index.html").read_text(encoding="utf-8")
            ]
            assert linked_from, f"no topic page links {worksheet['slug']}"


def test_practitioner_guides_cover_the_house_outline():
    for module in PUBLISHED:
        text = (DOCS / "modules" / module["slug"] / "practitioner-guide.md").read_text(encoding="utf-8").lower()
        for needed in ("goal", "session", "home practice", "group", "individual", "family", "worksheet"):
            assert needed in text, f"Module {module['number']} guide never mentions {needed}"


FAMILY_PAGES = sorted(DOCS.glob("modules/*/for-supporters.md"))
SUBSTANCE_USE_FAMILY_GROUPS = re.compile(r"\b(Al-Anon|Nar-Anon|SMART Recovery Family|CRAFT)\b")


@pytest.mark.parametrize("path", FAMILY_PAGES, ids=lambda p: p.parent.name)
def test_family_pages_offer_resources_that_fit_every_family(path):
    """R-P10: substance-use family groups belong on Module 6; every page offers family education."""
    text = path.read_text(encoding="utf-8")
    assert "family education group" in text
    if not path.parent.name.startswith("06-"):
        found = SUBSTANCE_USE_FAMILY_GROUPS.search(text)
        assert not found, f"'{found.group(0)}': link the Module 6 family page instead"
    else:
        assert len(set(SUBSTANCE_USE_FAMILY_GROUPS.findall(text))) == 4, "Module 6 keeps the full list"
