"""The practitioner's session kit: sessions at a glance, sample dialogues, pages for
supporters, "Check what you learned", the fidelity self-check, the session plan as a
progress note and the attendance register."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from helpers import axe_violations, choose_edition, fill_every_field, open_print_page

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "hooks"))
import session_kit  # noqa: E402  (a hook module: plain functions, importable)

CURRICULUM = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
MODULES = CURRICULUM["modules"]
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def guide(module: dict) -> str:
    return (DOCS / "modules" / module["slug"] / "practitioner-guide.md").read_text(encoding="utf-8")


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n", 2)[1])


def stated_session_range(text: str) -> tuple[int, int]:
    """The range the guide's "How many sessions it usually takes" section states first."""
    section = text.split("## How many sessions it usually takes", 1)[1].split("\n## ", 1)[0].lower()
    number = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"
    found = re.search(number + r"(?:\s*(?:to|-|–|or)\s*" + number + r")?\s+(?:weekly\s+)?sessions", section)
    assert found, "the section gives no number of sessions"
    low, high = found.group(1), found.group(2) or found.group(1)
    return tuple(int(n) if n.isdigit() else NUMBER_WORDS[n] for n in (low, high))


# ---------------------------------------------------------------- Every module

@pytest.mark.parametrize("module", MODULES, ids=lambda m: m["slug"])
def test_guide_has_its_sessions_at_a_glance_and_they_match_its_session_count(module, site_dir):
    text = guide(module)
    sessions = front_matter(text).get("sessions") or []
    low, high = stated_session_range(text)
    assert low <= len(sessions) <= high, f"{len(sessions)} sessions listed, the guide says {low} to {high}"
    html = (site_dir / "modules" / module["slug"] / "practitioner-guide" / "index.html").read_text(encoding="utf-8")
    glance = html.split('id="session-at-a-glance"', 1)[1].split("<h2", 1)[0]
    assert f"usually takes {len(sessions)} sessions" in glance
    assert glance.count("<tr>") == len(sessions) + 1, "one row per session"
    assert re.search(r"socialize.*?\d+–\d+ / \d+–\d+", glance, re.IGNORECASE | re.DOTALL), "no minutes"
    assert f"Module {module['number']} handout packet" in glance, "no pointer to the handout packet"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m["slug"])
def test_every_session_at_a_glance_shows_its_key_question_and_what_to_prepare(module, site_dir):
    """R-P5: a facilitator with ten minutes finds the question and the materials in the glance."""
    html = (site_dir / "modules" / module["slug"] / "practitioner-guide" / "index.html").read_text(encoding="utf-8")
    table = html.split('id="session-at-a-glance"', 1)[1].split("</table>", 1)[0]
    headings = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.DOTALL)]
    question, prepare = headings.index("Key question"), headings.index("Prepare ahead")
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)[1:]
    assert rows
    for number, row in enumerate(rows, 1):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)]
        assert len(cells[question]) > 10, f"session {number} has no key question"
        assert len(cells[prepare]) > 10, f"session {number} has nothing to prepare"


def test_a_session_without_a_key_question_stops_the_build(tmp_path):
    session = {"topics": [], "review": "r", "teach": "t", "practice": "p", "home": "h", "prepare": "x"}
    with pytest.raises(Exception, match="question"):
        session_kit.curriculum.require_keys(session, session_kit.REQUIRED_SESSION_KEYS, "guide: session 1")


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m["slug"])
def test_module_has_two_dialogues_and_a_page_for_supporters(module, site_dir):
    html = (site_dir / "modules" / module["slug"] / "practitioner-guide" / "index.html").read_text(encoding="utf-8")
    dialogues = re.findall(r'<figure class="imr-dialogue">.*?</figure>', html, re.DOTALL)
    assert len(dialogues) >= 2
    for dialogue in dialogues:
        assert "Technique:" in dialogue and "Practitioner:" in dialogue
    supporters = DOCS / "modules" / module["slug"] / "for-supporters.md"
    assert supporters.is_file()
    words = len(re.sub(r"\A---.*?---", "", supporters.read_text(encoding="utf-8"), flags=re.DOTALL).split())
    assert 250 <= words <= 600, f"{words} words: a supporters page fits on one printed page"


@pytest.mark.parametrize(
    "path", [DOCS / "modules" / m["slug"] / f"{t['slug']}.md" for m in MODULES for t in m["topics"]],
    ids=lambda p: p.stem,
)
def test_topic_page_checks_what_was_learned_with_model_answers(path):
    text = path.read_text(encoding="utf-8")
    section = text.split("## Check what you learned", 1)
    assert len(section) == 2, "no 'Check what you learned' section"
    body = section[1].split("\n## ", 1)[0]
    questions = re.findall(r"^- \w+: check-\d+", body, re.MULTILINE)
    assert 2 <= len(questions) <= 4
    assert re.search(r'^\?\?\? \w+ "Model answers?"', body, re.MULTILINE), "no model answer to open"


def test_dialogues_belong_to_practitioner_pages_only():
    with pytest.raises(Exception, match="only"):
        session_kit.on_page_markdown(
            "```dialogue\ntitle: x\ntechnique: y\nturns:\n  - practitioner: a\n  - participant: b\n```\n",
            page=_Page("modules/01-recovery-strategies/first-step.md"), config=_Config(), files=None,
        )


def test_a_dialogue_with_an_unknown_speaker_stops_the_build():
    with pytest.raises(Exception, match="speaker"):
        session_kit.dialogue_html("title: x\ntechnique: y\nturns:\n  - doctor: a\n  - participant: b\n", "guide.md:3")


class _File:
    def __init__(self, uri):
        self.src_uri = uri
        self.src_path = uri


class _Page:
    def __init__(self, uri):
        self.file = _File(uri)
        self.meta = {}
        self.url = uri.removesuffix(".md") + "/"


class _Config(dict):
    config_file_path = str(ROOT / "mkdocs.yml")


def test_session_steps_come_from_one_source(site_dir):
    """The session-shape page's table and diagram and the session plan's checklist all list the same steps."""
    steps = [s["step"] for s in CURRICULUM["program"]["session"]["steps"]]
    shape = (site_dir / "program-guide" / "session-shape" / "index.html").read_text(encoding="utf-8")
    plan = (site_dir / "worksheets" / "session-plan" / "index.html").read_text(encoding="utf-8")
    for step in steps:
        assert step in shape and f'value="{step}"' in plan
    assert "imr-dg" in shape.split('id="the-steps-and-how-long-they-take"', 1)[1], "no timeline diagram"


# ---------------------------------------------------------------- In the browser

def ready(page, path):
    page.goto(path)
    expect(page.locator("[data-ws-sheet][data-ws-bound]").first).to_be_visible()


@pytest.mark.browser
def test_check_what_you_learned_answers_survive_reload(page):
    ready(page, "modules/07-reducing-relapses/triggers/")
    page.locator("[data-ws-field='check-1']").first.fill("Not enough sleep")
    expect(page.locator(".ws-status[role=status]").last).to_contain_text("Saved")
    page.reload()
    expect(page.locator("[data-ws-bound]").first).to_be_visible()
    expect(page.locator("[data-ws-field='check-1']").first).to_have_value("Not enough sleep")
    answer = page.locator("details", has_text="Model answer")
    expect(answer).to_be_visible()
    expect(answer).not_to_have_attribute("open", "")


@pytest.mark.browser
def test_rating_every_fidelity_item_four_shows_a_mean_of_four_and_high(page):
    ready(page, "worksheets/fidelity-self-check/")
    ratings = page.locator(".ws-rating")
    assert ratings.count() == 13
    labels = [ratings.nth(i).locator("legend").inner_text() for i in range(13)]
    assert [int(label.split(".")[0]) for label in labels] == list(range(1, 14)), "items in the scale's order"
    for index in range(13):
        ratings.nth(index).locator(".ws-point").nth(3).click()
    expect(page.locator("[data-ws-score] output")).to_contain_text("Mean 4.0: high fidelity")
    ratings.nth(0).locator(".ws-point").nth(0).click()
    ratings.nth(1).locator(".ws-point").nth(0).click()
    expect(page.locator("[data-ws-score] output")).to_contain_text("Mean 3.5: moderate fidelity")


@pytest.mark.browser
def test_the_fidelity_band_shows_only_once_all_13_items_are_rated(page):
    """R-A1: a mean of a few items is not a verdict on the program."""
    ready(page, "worksheets/fidelity-self-check/")
    ratings = page.locator(".ws-rating")
    score = page.locator("[data-ws-score] output")
    for index in range(12):
        ratings.nth(index).locator(".ws-point").nth(4).click()
        expect(score).to_contain_text(f"({index + 1} of 13 items rated)")
        expect(score).to_contain_text("Mean so far 5.0")
        expect(score).not_to_contain_text("fidelity")
    ratings.nth(12).locator(".ws-point").nth(4).click()
    expect(score).to_contain_text("65 out of 65 (13 of 13 items rated). Mean 5.0: high fidelity")
    ratings.nth(0).locator(".ws-point").nth(0).click()
    expect(score).to_contain_text("61 out of 65 (13 of 13 items rated). Mean 4.7: high fidelity")


@pytest.mark.browser
def test_a_blank_fidelity_self_check_prints_lines_for_the_total_the_mean_and_the_band(page):
    ready(page, "worksheets/fidelity-self-check/")
    lines = page.locator("[data-ws-score] .ws-score__lines")
    expect(lines).to_be_hidden()
    page.emulate_media(media="print")
    expect(lines).to_be_visible()
    expect(lines).to_have_text(re.compile(r"Total\s*÷ 13 = mean\s*Band"))
    expect(page.locator("[data-ws-score] output")).to_be_hidden()
    page.emulate_media(media="screen")
    page.locator(".ws-rating").first.locator(".ws-point").nth(2).click()
    page.emulate_media(media="print")
    expect(lines).to_be_hidden()
    expect(page.locator("[data-ws-score] output")).to_contain_text("Mean so far 3.0")
    page.emulate_media(media="screen")


@pytest.mark.browser
def test_each_saved_fidelity_review_is_kept_with_its_mean_and_prints_only_when_there_is_one(page):
    ready(page, "worksheets/fidelity-self-check/")
    reviews = page.locator("[data-ws-history]")
    page.emulate_media(media="print")
    expect(reviews).to_be_hidden()
    page.emulate_media(media="screen")
    ratings = page.locator(".ws-rating")
    for date, lowered in (("2026-06-01", 2), ("2026-12-01", 0)):
        page.get_by_label("Date of review").fill(date)
        for index in range(13):
            ratings.nth(index).locator(".ws-point").nth(3).click()
        for index in range(lowered):
            ratings.nth(index).locator(".ws-point").nth(0).click()
        page.get_by_role("button", name="Save today's review").click()
    rows = reviews.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("td").nth(1)).to_have_text("3.5")
    expect(rows.last.locator("td").nth(1)).to_have_text("4.0")
    headings = reviews.locator("thead th").all_inner_texts()
    assert headings == ["Date", "Mean"] + [f"Item {n}" for n in range(1, 14)]
    expect(reviews.get_by_role("img")).to_have_attribute("aria-label", re.compile(r"^Mean rating over time: 2026-06-01, 3.5; 2026-12-01, 4.0"))
    page.reload()
    expect(page.locator("[data-ws-history] tbody tr")).to_have_count(2)
    page.set_viewport_size({"width": 390, "height": 844})
    assert axe_violations(page, context={"include": [["[data-ws-history]"]]}) == [], "a phone scrolls the wide table"
    page.emulate_media(media="print")
    expect(page.locator("[data-ws-history] table")).to_be_visible()
    expect(page.locator("[data-ws-history] .ws-button")).to_be_hidden()


@pytest.mark.browser
def test_copy_as_text_puts_the_progress_note_on_the_clipboard(context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    ready(page, "worksheets/session-plan/")
    page.get_by_label("Participant or group").fill("Tuesday group")
    page.get_by_label("Who attended").fill("A.B., C.D., E.F.")
    page.get_by_role("checkbox", name=re.compile("^Educational")).check()
    page.get_by_label("Home practice agreed").fill("Slow breathing twice a day")
    page.get_by_role("button", name="Copy as text").click()
    expect(page.get_by_role("status").last).to_contain_text("Copied")
    note = page.evaluate("() => navigator.clipboard.readText()")
    assert note.startswith("Session plan and progress note")
    assert "Participant or group: Tuesday group" in note
    assert "Who attended: A.B., C.D., E.F." in note
    assert "Techniques used: Educational" in note
    assert "Home practice agreed: Slow breathing twice a day" in note
    assert "Teaching points" not in note, "empty fields are left out"


@pytest.mark.browser
def test_attendance_register_survives_reload_and_asks_for_initials(page):
    ready(page, "worksheets/attendance-register/")
    expect(page.locator("article")).to_contain_text("first names or initials")
    cell = page.locator("[data-ws-field='attendance'] input, [data-ws-field='attendance']").first
    cell.fill("A.B.")
    expect(page.locator(".ws-status[role=status]").last).to_contain_text("Saved")
    page.reload()
    expect(page.locator("[data-ws-bound]").first).to_be_visible()
    expect(page.locator("[data-ws-field='attendance']").first).to_have_value("A.B.")


@pytest.mark.browser
def test_supporters_pages_print_in_the_workbook_and_their_packet_not_in_others(page):
    open_print_page(page, "workbook")
    for module in MODULES:
        expect(page.locator(f"section#modules-{module['slug']}-for-supporters")).to_be_visible()
    choose_edition(page, "module-06")
    expect(page.locator("section#modules-06-drug-and-alcohol-use-for-supporters")).to_be_visible()
    expect(page.locator("section#modules-05-using-medication-for-supporters")).to_be_hidden()
    choose_edition(page, "worksheets")
    expect(page.locator("section#modules-06-drug-and-alcohol-use-for-supporters")).to_be_hidden()


# ---------------------------------------------------------------- Hard moments in a group (R-P1, R-P2)

def dialogue_titles(site_dir, path: str) -> list[str]:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<figcaption class="imr-dialogue__caption"><strong>(.*?)</strong>', html)]


@pytest.mark.parametrize("guide, moment", [
    ("modules/06-drug-and-alcohol-use/practitioner-guide", "intoxicated"),
    ("modules/09-persistent-symptoms/practitioner-guide", "loud"),
])
def test_the_hard_moments_likely_in_a_group_have_a_group_script(site_dir, guide, moment):
    titles = dialogue_titles(site_dir, guide)
    group = [t for t in titles if "group" in t.lower() and moment in t.lower()]
    one_to_one = [t for t in titles if "group" not in t.lower()]
    assert group, f"no group script for '{moment}' among {titles}"
    assert one_to_one, "the one-to-one script stays"


def test_the_risk_page_says_what_to_do_when_a_member_arrives_intoxicated_in_a_group(site_dir):
    html = (site_dir / "program-guide" / "when-someone-is-at-risk" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="if-a-member-arrives-intoxicated-in-a-group"', 1)[1].split("<h2", 1)[0]
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split()).lower()
    for needed in ("co-facilitator", "alone", "driv", "catch-up", "welcome back"):
        assert needed in text, f"the group steps do not cover '{needed}'"
    running = (site_dir / "program-guide" / "running-groups" / "index.html").read_text(encoding="utf-8")
    assert "after using" in running.lower(), "no ground rule on coming to group after using"


def test_module_9_names_two_group_hard_moments(site_dir):
    html = (site_dir / "modules" / "09-persistent-symptoms" / "practitioner-guide" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="hard-moments-in-a-group"', 1)[1].split("<h2", 1)[0].lower()
    assert "paranoid" in section and "suspicious" in section


# ---------------------------------------------------------------- Records a clinic can file (R-P3, R-P4)

PROGRESS_NOTE_LABELS = [
    "Date of session", "Start time", "End time", "Format", "Place", "Number present", "Who attended",
    "Goal or objective from the treatment plan", "Techniques used", "Response and progress", "Risk screened",
    "Action taken", "Next steps", "Each member (groups)", "Practitioner name", "Credentials", "Signature", "Date signed",
]


def test_the_progress_note_has_every_field_a_clinic_files(site_dir):
    html = (site_dir / "worksheets" / "session-plan" / "index.html").read_text(encoding="utf-8")
    labels = {re.sub(r"<[^>]+>", "", l).strip() for l in re.findall(r'class="ws-label"[^>]*>(.*?)</', html)}
    assert [label for label in PROGRESS_NOTE_LABELS if label not in labels] == []
    for option in ("Individual", "Group", "Telehealth", "Motivational", "Educational", "Cognitive-behavioral"):
        assert f'value="{option}"' in html
    for column in ("Member (initials)", "Attended", "Participation", "Home practice", "Goal step"):
        assert f">{column}</th>" in html
    assert "when-someone-is-at-risk/" in html, "the risk check links the page on risk"


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_progress_note_prints_on_one_sheet_of_its_own(page, tmp_path, paper):
    ready(page, "worksheets/session-plan/")
    page.emulate_media(media="print")
    page.pdf(path=str(tmp_path / "note.pdf"), format=paper)
    text = subprocess.run(["pdftotext", str(tmp_path / "note.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    sheets = [" ".join(s.split()) for s in text.split("\f") if s.strip()]
    assert len(sheets) == 2, "the plan on one sheet, the note on the next"
    assert "Start time" not in sheets[0]
    assert sheets[1].startswith("After the session") and "Date signed" in sheets[1]


@pytest.mark.browser
def test_copy_as_text_gives_every_filled_field_of_the_note_with_its_label(context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    ready(page, "worksheets/session-plan/")
    fill_every_field(page)
    page.get_by_role("button", name="Copy as text").click()
    expect(page.get_by_role("status").last).to_contain_text("clear this worksheet")
    note = page.evaluate("() => navigator.clipboard.readText()")
    missing = [label for label in PROGRESS_NOTE_LABELS if not re.search(rf"^{re.escape(label)}:", note, re.MULTILINE)]
    assert missing == []
    assert re.search(r"^- Member \(initials\): .+; Attended: ", note, re.MULTILINE), "a line per member"


REGISTER_COLUMNS = [
    "Member", "Start date", "Exit date and reason", "Sessions attended", "Reached 6 months of weekly sessions (yes or no)",
    "Number present", "Handouts given", "Canceled or made up one-to-one",
]


def test_the_attendance_register_is_evidence_for_the_fidelity_items(site_dir):
    html = (site_dir / "worksheets" / "attendance-register" / "index.html").read_text(encoding="utf-8")
    headers = {re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r'<th scope="col">(.*?)</th>', html)}
    assert [column for column in REGISTER_COLUMNS if column not in headers] == []
    assert re.search(r'data-ws-table="module-grid"', html), "a member by module grid"
    assert "Signature" in html or "signature" in html
    attendance_rows = re.search(r'data-ws-table="sessions".*?</table>', html, re.DOTALL).group(0).count("<tr")
    assert attendance_rows - 1 >= 13, "a quarter of weekly sessions to a sheet, blocks kept"
    for page in ("program-guide", "program-guide/program-quality", "worksheets/fidelity-self-check"):
        text = (site_dir / page / "index.html").read_text(encoding="utf-8")
        assert "attendance-register/" in text or "attendance register" in text.lower(), page


@pytest.mark.browser
@pytest.mark.parametrize("sheet, most", [("attendance-register", 3), ("observation-checklist", 2), ("supervision-log", 2)])
def test_the_record_sheets_print_blank_within_their_pages(page, tmp_path, sheet, most):
    ready(page, f"worksheets/{sheet}/")
    page.emulate_media(media="print")
    for paper in ("Letter", "A4"):
        page.pdf(path=str(tmp_path / "sheet.pdf"), format=paper)
        info = subprocess.run(["pdfinfo", str(tmp_path / "sheet.pdf")], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= most, paper
