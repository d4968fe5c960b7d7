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


# ---------------------------------------------------------------- The second clinical review (R-S1-R-S5)

def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?:])\s+|\n\s*\n|\n\s*(?:[-*]|\d+\.)\s", text) if s.strip()]


def every_page_and_worksheet() -> dict[str, str]:
    """Every page's text with its fields (labels and hints are read too), markup collapsed."""
    return {p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md"))}


SIDE_POSITION = re.compile(r"\bon (?:their|his|her) side\b|recovery position", re.IGNORECASE)


def test_overdose_steps_follow_the_operator_and_turn_only_a_person_who_is_breathing():
    """R-S1: a person who is not breathing needs rescue breaths or CPR as the operator
    directs, not the side position."""
    pages = {path: text for path, text in every_page_and_worksheet().items() if SIDE_POSITION.search(text)}
    assert {"crisis.md", "modules/06-drug-and-alcohol-use/problems-from-use.md",
            "modules/06-drug-and-alcohol-use/for-supporters.md", "worksheets/sobriety-plan.md"} <= set(pages)
    problems = {}
    for path, text in pages.items():
        unconditional = [s for s in sentences(text) if SIDE_POSITION.search(s) and "breathing" not in s.lower()]
        if unconditional:
            problems[path] = f"the side position without 'if they are breathing': {unconditional[0][:120]}"
        elif not re.search(r"\b(operator|dispatcher)\b", text, re.IGNORECASE):
            problems[path] = "no word to do what the emergency operator says"
    assert problems == {}


SAME_DAY = re.compile(
    r"prescriber\b[^.\n]{0,120}?\b(?:the same day|that day|today|at once|right away)\b"
    r"|\b(?:the same day|that day)\b[^.\n]{0,60}?\bprescriber\b",
    re.IGNORECASE,
)
AFTER_HOURS_WITHIN = 700  # characters: the same paragraph or list item, or the next one


def participant_sources() -> dict[str, str]:
    """Participant pages (module pages but the guides, handouts, family pages) and participant worksheets."""
    found = {}
    for module in CURRICULUM["modules"]:
        for path in sorted((DOCS / "modules" / module["slug"]).glob("*.md")):
            if path.name != "practitioner-guide.md":
                found[path.relative_to(DOCS).as_posix()] = path.read_text(encoding="utf-8")
        for sheet in module.get("worksheets") or []:
            found[f"worksheets/{sheet['slug']}.md"] = (DOCS / "worksheets" / f"{sheet['slug']}.md").read_text(encoding="utf-8")
    return {path: re.sub(r"^(!!!|\?\?\?\+?) practitioner.*?\n((?:[ \t]+.*\n|\n)*)", "", text, flags=re.MULTILINE)
            for path, text in found.items()}


def test_every_same_day_medicine_call_is_followed_by_the_after_hours_route():
    """R-S2: a fever on clozapine on a Friday evening must have somewhere to go."""
    found, missing = 0, {}
    for path, text in participant_sources().items():
        for match in SAME_DAY.finditer(text):
            found += 1
            if "after-hours" not in text[match.start(): match.end() + AFTER_HOURS_WITHIN].lower():
                missing.setdefault(path, []).append(text[max(0, match.start() - 40): match.end()].replace("\n", " "))
    assert found >= 6, "the check must meet the same-day calls of Module 5 and its worksheet"
    assert missing == {}


URGENT_SIGNS = [
    "diarrhea", "vomiting", "confusion", "seizure", "faint", "fever", "sore throat", "chills", "chest pain",
    "racing heart", "bowel movements", "belly pain", "stiff", "sweating", "twist", "breathing or swallowing",
    "rash", "blisters", "peeling", "mouth", "swollen glands", "serotonin", "shivering", "twitching",
    "restless", "drool", "lamotrigine", "lithium", "clozapine", "after-hours",
]


def test_the_side_effects_worksheet_carries_every_urgent_sign_its_page_does():
    """R-S3, R-S5: the sheet a person keeps on the fridge is not thinner than the page."""
    page = prose("modules/05-using-medication/side-effects.md")
    sheet = fields_and_prose("worksheets/side-effects-plan.md")
    on_the_page = [sign for sign in URGENT_SIGNS if sign in page]
    assert len(on_the_page) >= 20, on_the_page
    assert [sign for sign in on_the_page if sign not in sheet] == []


def test_the_supporters_pages_speak_to_the_relative_in_their_crisis_line(site_dir):
    """R-P11: on a family page the crisis line is about the person they worry about, or themselves."""
    for module in CURRICULUM["modules"]:
        text = article(site_dir, f"modules/{module['slug']}/for-supporters/")
        line = re.search(r'<p class="imr-crisis-line">(.*?)</p>', text, re.DOTALL)
        assert line, module["slug"]
        assert "worried that the person may not be safe" in line.group(1), module["slug"]
        assert "988" in line.group(1) and "911" in line.group(1)
