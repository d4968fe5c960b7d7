"""Phone, laptop, projector and paper at the sizes people use: nothing cut, broken or too small.

Windows are the sizes of real screens (390x844 and 360x740 phones, 1280x720 and
1366x768 laptops); none is enlarged to make a finding go away.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import LAPTOP, ROOT
from helpers import axe_violations, choose_edition, open_print_page, switch_projector_view, switch_scheme
from test_present import STEP_THROUGH
from test_privacy import all_page_paths

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

# Words of headings that the browser split over two lines ("Understan" / "ding").
# A break after the hyphen of "check-in" is ordinary typesetting, not a broken word.
BROKEN_HEADING_WORDS = """() => {
  const broken = [];
  for (const heading of document.querySelectorAll("article h1, article h2, article h3")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(`${heading.textContent.trim()} [${word[0]}]`);
      }
    }
  }
  return broken;
}"""

SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


# ---------------------------------------------------------------- Every page, at the sizes people use
# One visit per page: opened at 1280x720, checked and presented, then narrowed to
# 390x844 and 360x740 and checked again. On a sample of every kind of page the same
# visit also runs every WCAG rule in the projector view, at 390x844 and in the dark
# scheme at 1366x768, each switched on with its own button in the header. The sweep is cut into
# shards so that pytest-xdist shares it out among its workers; the print page, the
# whole curriculum on one page, has tests of its own below.

SHARDS = 4
WIDER_LAPTOP = {"width": 1366, "height": 768}
PHONE_390 = {"width": 390, "height": 844}
NEXT_FRAME = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"

# Colours and markup come from one stylesheet per view and do not change with the
# page's width, so every WCAG rule runs in the dark scheme, the projector view and
# at phone width on a sample of every kind of page (diagram pages among them:
# causes-of-mental-illness has the cup, relapse-prevention-plan the traffic light).
SAMPLE_OF_EVERY_KIND = ["", "crisis/", "my-answers/", "modules/", "worksheets/", "program-guide/", "about/",
               "modules/02-practical-facts/handout-2a-schizophrenia/", "modules/03-stress-vulnerability/causes-of-mental-illness/",
               "modules/07-reducing-relapses/relapse-prevention-plan/", "modules/07-reducing-relapses/practitioner-guide/",
               "modules/06-drug-and-alcohol-use/for-supporters/", "worksheets/fidelity-self-check/",
               "worksheets/session-plan/", "worksheets/progress-check/", "worksheets/relapse-prevention-plan/",
               "modules/06-drug-and-alcohol-use/", "modules/09-persistent-symptoms/practitioner-guide/",
               # The Spanish edition's kinds of page (its practitioners' pages are the English ones).
               "es/", "es/crisis/", "es/my-answers/", "es/worksheets/",
               "es/modules/02-practical-facts/handout-2a-schizophrenia/",
               "es/modules/03-stress-vulnerability/causes-of-mental-illness/",
               "es/modules/07-reducing-relapses/relapse-prevention-plan/",
               "es/modules/06-drug-and-alcohol-use/for-supporters/", "es/worksheets/progress-check/",
               "es/worksheets/relapse-prevention-plan/"]

# On every other page, at phone width, axe checks the rules whose findings change
# with width: pointer targets, scrolling regions, the viewport.
PHONE_RULES = ["target-size", "scrollable-region-focusable", "meta-viewport", "css-orientation-lock"]
PRESENT_BUTTON_IN_ARTICLE = "article [data-imr-action=present]"


# The print pages, each the whole curriculum on one page in one language: tested on their own.
PRINT_PAGES = ["print_page/", "es/print_page/"]


def pages_of_shard(site_dir, shard: int) -> list[str]:
    return [path for path in all_page_paths(site_dir) if path not in PRINT_PAGES][shard::SHARDS]


def report(failures: dict) -> str:
    return f"{len(failures)} pages: " + "\n".join(f"{p}: {v}" for p, v in list(failures.items())[:12])


def test_the_shards_cover_every_page_once_and_the_sample_is_of_real_pages(site_dir):
    pages = [path for shard in range(SHARDS) for path in pages_of_shard(site_dir, shard)]
    assert sorted(pages + PRINT_PAGES) == sorted(all_page_paths(site_dir))
    assert set(SAMPLE_OF_EVERY_KIND) - set(pages) == set()


def on_a_laptop(page, *, every_view: bool) -> list[str]:
    """1280x720: every WCAG 2.2 AA rule (the partly scrolled first link of the left
    navigation once failed target size at this size only); then the projector view,
    switched on with the header's button, measured for what must grow with the text
    and, on the sample, checked with every rule."""
    found = axe_violations(page)
    if not page.locator("[data-imr-projector-toggle]").count():
        return found + ["no projector button in the header"]
    switch_projector_view(page, True, settle=every_view)
    sizes = page.evaluate(PROJECTOR_SIZES)
    if sizes and sizes["body"] < 24:
        found.append(f"projector view: body text is {sizes['body']}px")
    found += [f"projector view: {small}" for small in (sizes or {}).get("small", [])]
    if every_view:
        found += [f"projector view: {violation}" for violation in axe_violations(page)]
    # Colours are checked again only on the sample: let them settle there.
    switch_projector_view(page, False, settle=every_view)
    return found


def on_a_projector_in_present_mode(page) -> list[str]:
    """1280x720, the projector's size: present mode steps through every slide
    (tests/test_present.py's STEP_THROUGH) and each must fit without scrolling, its
    diagrams whole. A page with sections must not hide its Present button."""
    if not page.locator(PRESENT_BUTTON_IN_ARTICLE).count():
        return []
    result = page.evaluate(STEP_THROUGH)
    if result.get("hidden"):
        return [f"Present is hidden on a page with {result['sections']} sections"] if result["sections"] else []
    return [f"present mode: {failure}" for failure in result["failures"]]


def at_phone_width(page, viewport: dict, *, axe_rules: list[str] | None, every_rule: bool = False) -> list[str]:
    """No heading word broken over two lines, no sideways scrolling, and axe's
    width-dependent rules (`axe_rules`) or, on the sample, every rule."""
    page.set_viewport_size(viewport)
    page.evaluate(NEXT_FRAME)
    width = viewport["width"]
    found = []
    if every_rule:
        found += [f"at {width}: {violation}" for violation in axe_violations(page)]
    elif axe_rules:
        found += [f"at {width}: {violation}" for violation in axe_violations(page, only_rules=axe_rules)]
    found += [f"broken at {width}: {word}" for word in page.evaluate(BROKEN_HEADING_WORDS)]
    if (overflow := page.evaluate(SIDEWAYS_SCROLL)) > 1:
        found.append(f"scrolls sideways by {overflow}px at {width}")
    return found


def in_the_dark_scheme(page) -> list[str]:
    """1366x768, every WCAG rule in the dark scheme, switched on with the header's
    toggle and off again (the choice is remembered for the next page)."""
    page.set_viewport_size(WIDER_LAPTOP)
    switch_scheme(page, "slate")
    found = [f"dark scheme at 1366: {violation}" for violation in axe_violations(page)]
    switch_scheme(page, "default")
    return found


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_at_the_sizes_people_use(context, site_dir, shard):
    """Every page, one visit each, with no JavaScript error on the way:
    - 1280x720: every WCAG 2.2 AA rule of axe, the projector view's text sizes
      (on_a_laptop), and every slide of present mode (on_a_projector_in_present_mode);
    - 390x844 and 360x740: no heading word broken, no sideways scrolling, axe's
      width-dependent rules (at_phone_width);
    - on a sample of every kind of page, every WCAG rule also in the projector view,
      at 390x844 and in the dark scheme at 1366x768 (in_the_dark_scheme).
    The context records every request to another host (conftest), so this visit is
    also the privacy sweep of every page."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    failures = {}
    for path in pages_of_shard(site_dir, shard):
        every_view = path in SAMPLE_OF_EVERY_KIND
        page.set_viewport_size(LAPTOP)
        page.goto(path)
        found = on_a_laptop(page, every_view=every_view)
        found += on_a_projector_in_present_mode(page)
        found += at_phone_width(page, PHONE_390, axe_rules=PHONE_RULES, every_rule=every_view)
        found += at_phone_width(page, PHONE, axe_rules=None)
        if every_view:
            found += in_the_dark_scheme(page)
        found += [f"JavaScript error: {error}" for error in errors]
        errors.clear()
        if found:
            failures[path or "/"] = found
    assert failures == {}, report(failures)
    assert context.outside_requests == [], f"requests to other hosts: {sorted(set(context.outside_requests))[:20]}"


# The print page holds every page of the site, each already checked at its own
# address with the same stylesheet. Three of axe's rules measure each element's
# colours or spacing, which are those of the page the section comes from, and take
# over a minute together on the print page's 28,000 elements: they check the print
# page's own parts (its cover and contents). Every other rule (ids, labels, names,
# landmarks, ARIA: what putting every page into one can break) checks the whole page.
PRINT_PAGE_OWN_PARTS = {"include": [["#print-site-cover-page"], ["#print-page-toc"]]}
RULES_OF_EACH_ELEMENTS_LOOK = ["color-contrast", "link-in-text-block", "target-size"]


@pytest.mark.parametrize("path", PRINT_PAGES)
def test_the_print_page_passes_axe_and_asks_nothing_of_another_host(context, path):
    """At 1280x720: the print page is what a practitioner opens on a computer to print
    (in Spanish too)."""
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(path)
    assert page.locator("#print-site-page section.print-page").count() > 100, "the whole print page has loaded"
    found = axe_violations(page, rules={rule: {"enabled": False} for rule in RULES_OF_EACH_ELEMENTS_LOOK})
    found += axe_violations(page, context=PRINT_PAGE_OWN_PARTS, only_rules=RULES_OF_EACH_ELEMENTS_LOOK)
    assert found == []
    assert context.outside_requests == [], f"requests to other hosts: {sorted(set(context.outside_requests))[:20]}"


def test_the_sample_checks_find_what_only_the_dark_scheme_or_the_projector_view_breaks(context):
    """The checks can fail: text too faint in one view only is found in that view."""
    page = context.new_page()
    page.goto("about/")
    page.add_style_tag(content="[data-md-color-scheme=slate] article p { color: #333 !important; }"
                               "[data-imr-view=projector] article li { color: #bbb !important; }")
    assert axe_violations(page) == [], "the light scheme, outside the projector view, is untouched"
    assert any("color-contrast" in line for line in in_the_dark_scheme(page))
    page.set_viewport_size(LAPTOP)
    assert any("projector view: color-contrast" in line for line in on_a_laptop(page, every_view=True))
    assert not any("color-contrast" in line for line in on_a_laptop(page, every_view=False)), "not on other pages"


def test_the_broken_word_check_can_fail(context):
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto("modules/")
    page.add_style_tag(content="article h1 { width: 2em; overflow-wrap: anywhere; }")
    assert page.evaluate(BROKEN_HEADING_WORDS)


def test_page_actions_are_big_enough_for_a_thumb(context):
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto("modules/07-reducing-relapses/early-warning-signs/")
    page.wait_for_function("() => !document.querySelector('[data-imr-pending]')")
    sizes = page.eval_on_selector_all(
        ".imr-page-action", "buttons => buttons.map(b => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])"
    )
    assert sizes and all(w >= 44 and h >= 44 for w, h in sizes), sizes


# In the projector view, the computed font sizes of what must grow with the text.
# Null on a page without body text.
PROJECTOR_SIZES = """() => {
  const body = document.querySelector("article p");
  if (!body) return null;
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const shown = (el) => el.getClientRects().length > 0;
  const parts = {
    "note or warning box": "article .admonition:not(.practitioner) > p:not(.admonition-title), article details:not(.practitioner) > p:not(summary)",
    "table cell": "article td, article th",
    "topic line": "article .imr-eyebrow",
    "caption": "article figcaption, article caption",
    "details summary": "article details:not(.practitioner) > summary",
  };
  const small = [];
  for (const [name, selector] of Object.entries(parts)) {
    for (const el of document.querySelectorAll(selector)) {
      if (shown(el) && size(el) < 0.85 * size(body)) small.push(`${name}: ${size(el)}px against ${size(body)}px`);
    }
  }
  return { body: size(body), small: [...new Set(small)] };
}"""


# ---------------------------------------------------------------- Paper

def pdf_page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def print_blank(page, path: str, pdf: Path, paper: str = "Letter") -> Path:
    page.goto(path)  # a fresh browser: nothing saved, so the sheet is blank
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format=paper)
    page.emulate_media(media="screen")
    return pdf


@pytest.mark.parametrize("sheet, most", [
    ("relapse-prevention-plan", 2),
    ("coping-plan", 2),
    ("stress-plan", 2),
    # Each of the 13 items has its evidence and where it came from (review R-A7),
    # and the review's period and records head the sheet.
    ("fidelity-self-check", 3),
])
@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize("lang", ["", "es/"], ids=["en", "es"])
def test_plans_print_blank_on_two_pages_at_most(page, tmp_path, sheet, most, paper, lang):
    """In Spanish too, which runs about a fifth longer (the fidelity self-check stays English)."""
    if lang and sheet == "fidelity-self-check":
        pytest.skip("a practitioners' worksheet: it has no Spanish twin")
    pdf = print_blank(page, f"{lang}worksheets/{sheet}/", tmp_path / f"{sheet}.pdf", paper)
    assert pdf_page_count(pdf) <= most


FAMILY_PAGES = [f"modules/{m.name}/for-supporters/" for m in sorted((ROOT / "docs" / "modules").iterdir())
                if (m / "for-supporters.md").is_file()] + ["for-supporters/"]
FAMILY_PAGES += [f"es/{path}" for path in FAMILY_PAGES]
PAGE_FOOT = re.compile(r"(?:Crisis help|Ayuda en una crisis):.*?(?:Page|Página) \d+", re.DOTALL)


def pdf_sheets(pdf: Path) -> list[str]:
    """Each printed sheet's words, without the foot every sheet carries."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(PAGE_FOOT.sub("", sheet).split()) for sheet in text.split("\f") if sheet.strip()]


@pytest.mark.parametrize("path", FAMILY_PAGES,
                         ids=lambda p: ("es-" if p.startswith("es/") else "")
                         + (p.split("/")[-3] if p.removeprefix("es/").count("/") > 1 else "program"))
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_family_pages_print_on_two_pages_at_most_and_never_end_on_the_crisis_line_alone(page, tmp_path, path, paper):
    """R-P12: a family handout is handed over whole; its last sheet holds more than the crisis line.
    In Spanish too, which runs about a fifth longer."""
    sheets = pdf_sheets(print_blank(page, path, tmp_path / "family.pdf", paper))
    assert len(sheets) <= 2
    crisis = re.compile(r"(If you are worried that the person may not be safe.*?Crisis and safety"
                        r"|Si le preocupa que la persona corra peligro.*?Crisis y seguridad)\.")
    assert any(crisis.search(sheet) for sheet in sheets), "the family page's crisis line did not print"
    for number, sheet in enumerate(sheets, 1):
        assert len(crisis.sub("", sheet).strip()) > 80, f"sheet {number} holds little but the crisis line: {sheet[:200]}"


def test_the_overdose_steps_of_the_module_6_family_page_print_on_one_sheet(page, tmp_path):
    for paper in ("Letter", "A4"):
        sheets = pdf_sheets(print_blank(page, "modules/06-drug-and-alcohol-use/for-supporters/", tmp_path / "m6.pdf", paper))
        sheets = [sheet.lower() for sheet in sheets]
        first, last = "do what the operator tells you", "stay with them until help comes"
        assert [n for n, sheet in enumerate(sheets) if first in sheet] == [n for n, sheet in enumerate(sheets) if last in sheet], paper
        assert any(first in sheet for sheet in sheets), "the check must find the steps"


# The space between the margins of A4, the narrower paper: 210 mm less 2 x 16 mm
# wide, 297 mm less 13 mm and 17 mm high (styles/paper.css @page).
A4_TEXT_WIDTH = {"width": 673, "height": 1009}

TABLES_WIDER_THAN_THE_PAGE = """() => {
  const right = document.querySelector("#print-site-page").getBoundingClientRect().right;
  return [...document.querySelectorAll("#print-site-page table")]
    .filter((table) => table.getClientRects().length && table.getBoundingClientRect().right > right + 1)
    .map((table) => `${table.closest("section[id]").id}: ${Math.round(table.getBoundingClientRect().right - right)}px too wide`);
}"""


def test_every_table_in_the_manual_fits_the_width_of_the_paper(page, tmp_path):
    """Paper cannot scroll sideways: a table wider than the page is cut off at its edge."""
    page.set_viewport_size(A4_TEXT_WIDTH)
    open_print_page(page, "manual")
    page.emulate_media(media="print")
    assert page.evaluate(TABLES_WIDER_THAN_THE_PAGE) == []
    pdf = print_blank(page, "worksheets/goal-tracking/", tmp_path / "goals.pdf", "A4")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    for heading in ["Target date", "Progress", "My next step"]:  # the last columns, cut off first
        assert heading in text, f"the column '{heading}' is on the paper"


def test_a_topic_printed_on_its_own_is_the_participants_copy(page, tmp_path):
    page.goto("modules/02-practical-facts/handout-2a-schizophrenia/")
    assert page.locator(".practitioner").count() > 0, "the test needs a page with a practitioner note"
    page.emulate_media(media="print")
    assert page.locator(".practitioner").first.is_hidden()
    page.pdf(path=str(tmp_path / "2a.pdf"), format="Letter")
    text = subprocess.run(["pdftotext", str(tmp_path / "2a.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "For practitioners" not in text
    assert "Schizophrenia" in text


PRACTITIONER_TARGETS = """() => [...document.querySelectorAll("#print-site-page a[href^='#']")]
  .filter((a) => a.getClientRects().length > 0)
  .map((a) => a.getAttribute("href"))
  .filter((href) => /practitioner-guide|^#program-guide|session-plan|fidelity-self-check|attendance-register|local-services/.test(href))"""


def test_participant_editions_do_not_point_to_practitioner_pages(page):
    """One print page, each edition chosen in turn, looked at as it prints."""
    open_print_page(page, "workbook")
    for edition in ["workbook", "module-02", "module-07", "worksheets"]:
        choose_edition(page, edition)
        page.emulate_media(media="print")
        assert page.evaluate(PRACTITIONER_TARGETS) == [], edition


def test_the_manual_keeps_its_practitioner_notes_and_the_links_to_practitioner_pages(page):
    """The check above can fail: the manual, which keeps practitioner material, has such links."""
    open_print_page(page, "manual")
    page.emulate_media(media="print")
    assert page.locator("#print-site-page .practitioner").first.is_visible()
    assert len(page.evaluate(PRACTITIONER_TARGETS)) > 10


# For each table's scrolling box within a part of the page: is it wider than it
# shows, and its tabindex.
TABLE_BOXES = """(within) => [...document.querySelectorAll(`${within} .md-typeset__scrollwrap`)]
  .map((wrap) => [wrap.scrollWidth > wrap.clientWidth, wrap.getAttribute("tabindex")])"""


def test_a_table_that_grows_too_wide_as_the_window_narrows_can_be_scrolled_by_keyboard(page):
    """A phone turned upright, or a window made narrow, after the page has loaded."""
    page.set_viewport_size(LAPTOP)
    page.goto("modules/06-drug-and-alcohol-use/practitioner-guide/")
    before = page.evaluate(TABLE_BOXES, "article")
    page.set_viewport_size(PHONE_390)
    page.evaluate(NEXT_FRAME)
    after = page.evaluate(TABLE_BOXES, "article")
    grown = [tabindex for (was_wide, _), (wide, tabindex) in zip(before, after) if wide and not was_wide]
    assert grown, "the test needs a table that fits a laptop but not a phone"
    assert set(grown) == {"0"}, grown


# ---------------------------------------------------------------- The print page on screen

PAGE_SECTION = "#print-site-page section.print-page:not(.md-section)"
CONTENT_VISIBILITY = f"() => [...document.querySelectorAll('{PAGE_SECTION}')].map((s) => getComputedStyle(s).contentVisibility)"


def test_the_print_page_lays_out_on_screen_only_the_pages_near_the_window_and_prints_them_all(page):
    """Its 28,000 elements opened in 10 s or more when the browser laid them all out."""
    page.goto("print_page/")
    assert set(page.evaluate(CONTENT_VISIBILITY)) == {"auto"}
    page.emulate_media(media="print")
    assert set(page.evaluate(CONTENT_VISIBILITY)) == {"visible"}


def test_a_wide_table_on_the_print_page_can_be_scrolled_by_keyboard_once_it_comes_near(page):
    """Tables are measured as their page is laid out, so a phone reaching the Module 6
    guide's tables by scrolling or by Tab finds each a stop it can scroll."""
    section = "#modules-06-drug-and-alcohol-use-practitioner-guide"
    page.set_viewport_size(PHONE_390)
    page.goto("print_page/")
    page.locator(section).scroll_into_view_if_needed()
    page.evaluate(NEXT_FRAME)
    boxes = page.evaluate(TABLE_BOXES, section)
    wide = [tabindex for is_wide, tabindex in boxes if is_wide]
    assert wide, "the test needs a table too wide for a phone"
    assert set(wide) == {"0"}, boxes
