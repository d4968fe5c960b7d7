"""Clinical safety: the crisis route and the safety facts reach participants, on screen and on paper.

From the clinical review of December 2026 (shared/reviews): safety facts belong in
the text participants read and print, not only in practitioner notes; every page of
the risk modules links the crisis page; every printed sheet carries the crisis line;
and the program is never described as three to six months long.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tools.reading_level import participant_prose

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CURRICULUM = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
MODULES = {m["number"]: m for m in CURRICULUM["modules"]}
RISK_MODULES = (2, 3, 6, 7, 9)
CRISIS_LINE_ON_PAPER = "call or text 988"


def participant_pages(number: int) -> list[str]:
    """Built paths (relative to the site) of a module's overview, topics and handouts."""
    module = MODULES[number]
    slugs = [t["slug"] for t in module["topics"]] + [h["slug"] for h in module.get("handouts") or []]
    return [f"modules/{module['slug']}/"] + [f"modules/{module['slug']}/{slug}/" for slug in slugs]


def article(site_dir: Path, path: str) -> str:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


# ---------------------------------------------------------------- The crisis route

@pytest.mark.parametrize(
    "path", [p for n in RISK_MODULES for p in participant_pages(n)], ids=lambda p: p.strip("/").split("/", 1)[1]
)
def test_participant_pages_of_the_risk_modules_link_the_crisis_page_in_their_text(site_dir, path):
    text = article(site_dir, path)
    assert re.search(r'href="(\.\./)+crisis/"[^>]*>Crisis and safety<', text), "no link to Crisis and safety in the page text"
    assert "call or text" in text and "988" in text, "the crisis line is not in the page text"


def test_every_participant_worksheet_carries_the_crisis_line(site_dir):
    sheets = [w for m in CURRICULUM["modules"] for w in m.get("worksheets") or []]
    sheets += [w for w in CURRICULUM["program"]["worksheets"] if w.get("for") != "practitioners"]
    missing = [w["slug"] for w in sheets if "imr-crisis-line" not in article(site_dir, f"worksheets/{w['slug']}/")]
    assert missing == []


def test_crisis_link_has_one_wording():
    """The review's C5: the link to the crisis page is always worded "Crisis and safety"."""
    other = re.compile(r"\[(?!Crisis and safety\])[^\]]+\]\((?:\.\./)*crisis\.md\)")
    found = {
        path.relative_to(ROOT).as_posix(): match.group(0)
        for path in DOCS.rglob("*.md")
        if (match := other.search(path.read_text(encoding="utf-8")))
    }
    assert found == {}


class TestCrisisLineOnPaper:
    def print_to_pdf(self, page, path: str, pdf: Path) -> list[str]:
        page.goto(path)
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="Letter")
        page.emulate_media(media="screen")
        return pdf_pages(pdf)

    def test_every_sheet_of_a_printed_topic_carries_the_crisis_line(self, page, tmp_path):
        sheets = self.print_to_pdf(page, "modules/03-stress-vulnerability/causes-of-mental-illness/", tmp_path / "topic.pdf")
        assert len(sheets) >= 2, "the test needs a topic that prints on more than one sheet"
        assert [n for n, text in enumerate(sheets, 1) if CRISIS_LINE_ON_PAPER not in text] == []

    def test_every_sheet_of_a_printed_worksheet_carries_the_crisis_line(self, page, tmp_path):
        sheets = self.print_to_pdf(page, "worksheets/stress-plan/", tmp_path / "sheet.pdf")
        assert [n for n, text in enumerate(sheets, 1) if CRISIS_LINE_ON_PAPER not in text] == []

    def test_the_footer_band_alone_would_not_print(self, page, tmp_path):
        """The check above can fail: without the page rule and the in-text line, paper has no crisis line."""
        page.goto("worksheets/eating-log/")
        page.add_style_tag(content="@page { @bottom-left { content: none; } } .imr-crisis-line { display: none !important; }")
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / "bare.pdf"), format="Letter")
        assert all(CRISIS_LINE_ON_PAPER not in text for text in pdf_pages(tmp_path / "bare.pdf"))


# ---------------------------------------------------------------- Facts in the text participants read

def prose(relative: str) -> str:
    """The participant prose of a page: practitioner notes, fields and markup left out."""
    return " ".join(participant_prose((DOCS / relative).read_text(encoding="utf-8")).split()).lower()


def fields_and_prose(relative: str) -> str:
    """Participant prose plus worksheet labels and hints (which participants read too)."""
    text = (DOCS / relative).read_text(encoding="utf-8")
    text = re.sub(r"^(!!!|\?\?\?\+?) practitioner.*?\n((?:[ \t]+.*\n|\n)*)", "", text, flags=re.MULTILINE)
    return " ".join(text.split()).lower()


SAFETY_FACTS = {
    "modules/06-drug-and-alcohol-use/problems-from-use.md": ["naloxone", "fentanyl", "alone", "on their side", "breathing"],
    "modules/06-drug-and-alcohol-use/sobriety-plan.md": ["seizure", "tolerance|can't handle|cannot handle", "naloxone"],
    "modules/06-drug-and-alcohol-use/pros-and-cons.md": ["seizure", "doctor"],
    "modules/06-drug-and-alcohol-use/new-ways-to-meet-needs.md|modules/06-drug-and-alcohol-use/sobriety-plan.md":
        ["integrated", "smart recovery", "naltrexone|buprenorphine|methadone"],
    "modules/05-using-medication/side-effects.md": ["lithium", "clozapine", "tardive dyskinesia", "fever"],
    "modules/05-using-medication/best-results.md": ["blood test"],
    "modules/05-using-medication/informed-decisions.md": ["shot|injection", "pregnan"],
    "modules/05-using-medication/role-of-medication.md": ["lorazepam|benzodiazepine", "smok"],
    "modules/07-reducing-relapses/relapse-prevention-plan.md": ["suicide"],
    "modules/09-persistent-symptoms/anxiety.md": ["safe"],
    "modules/10-mental-health-system/advocating-for-yourself.md": ["advance directive"],
    "modules/11-healthy-lifestyles/diet-part-1.md|modules/11-healthy-lifestyles/diet-part-2.md|"
    "modules/11-healthy-lifestyles/exercise.md|modules/11-healthy-lifestyles/personal-hygiene.md|"
    "modules/11-healthy-lifestyles/sleep.md": ["smok", "clozapine", "blood sugar"],
    "crisis.md": ["naloxone", "on their side"],
}


@pytest.mark.parametrize("pages", SAFETY_FACTS, ids=lambda p: p.split("|")[0].split("/")[-1])
def test_safety_facts_are_in_the_participant_text(pages):
    text = " ".join(prose(p) for p in pages.split("|"))
    missing = [words for words in SAFETY_FACTS[pages] if not re.search(words, text)]
    assert missing == [], f"not in the participant text (practitioner notes do not count): {missing}"


@pytest.mark.parametrize("sheet", ["sobriety-plan", "pros-and-cons-of-using"])
def test_worksheets_that_plan_a_stop_warn_about_withdrawal(sheet):
    assert "seizure" in fields_and_prose(f"worksheets/{sheet}.md")


@pytest.mark.parametrize("sheet", ["early-warning-signs", "relapse-prevention-plan"])
def test_relapse_worksheets_name_thoughts_of_suicide(sheet):
    assert "suicide" in fields_and_prose(f"worksheets/{sheet}.md")


def test_delusions_are_defined_by_how_fixed_they_are_not_by_being_untrue():
    pages = [p for p in DOCS.rglob("*.md")]
    wrong = re.compile(r"delusions?(?: is| are)? (?:a |an )?[^.]{0,40}\b(?:not true|false belief)", re.IGNORECASE)
    found = [p.relative_to(DOCS).as_posix() for p in pages if wrong.search(participant_prose(p.read_text(encoding="utf-8")))]
    assert found == []


# ---------------------------------------------------------------- Accuracy

def test_no_page_gives_the_program_length_as_three_to_six_months():
    short = re.compile(r"\b(3|three)\s*(?:to|-|–)\s*(6|six)\s*months?\b", re.IGNORECASE)
    found = [
        p.relative_to(ROOT).as_posix()
        for p in [*DOCS.rglob("*.md"), ROOT / "README.md"]
        if short.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_module_guide_links_the_page_on_risk():
    missing = [
        m["number"] for m in CURRICULUM["modules"]
        if "program-guide/when-someone-is-at-risk.md"
        not in (DOCS / "modules" / m["slug"] / "practitioner-guide.md").read_text(encoding="utf-8")
    ]
    assert missing == []
