"""Present mode at a projector's real size: every slide of every page fits a
1280x720 screen without scrolling, diagrams included (stepped through by STEP_THROUGH
in the sweep of every page, tests/test_real_sizes.py), and a section too long for
one slide goes on to the next, its heading marked "(continued)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PROJECTOR = {"width": 1280, "height": 720}
PRESENT_BUTTON = 'data-imr-action="present"'  # overrides/partials/actions.html
HANDOUT = "modules/02-practical-facts/handout-2e-multiple-diagnoses/"

# Opens present mode on the page as it is and steps through it with the Next
# button, checking each slide as the group would see it. Returns the failures,
# each naming the slide.
STEP_THROUGH = """
async () => {
  const until = async (test) => {
    for (let i = 0; i < 500; i++) {
      const found = test();
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('present mode did not get ready');
  };
  const button = await until(() => {
    const b = document.querySelector('article [data-imr-action=present]');
    return b && (b.hidden || !b.hasAttribute('data-imr-pending')) && b;
  });
  if (button.hidden) return { hidden: true, sections: document.querySelectorAll('article.md-content__inner > h2').length };
  button.click();
  const dialog = await until(() => document.querySelector('.imr-present'));
  const area = dialog.querySelector('.imr-present__slide');
  const next = dialog.querySelector('[data-present=next]');
  const progress = dialog.querySelector('.imr-present__progress');
  const meter = dialog.querySelector('.imr-present__meter span');
  const failures = [];
  const labels = [];
  for (let step = 0; step < 3000; step++) {
    const label = progress.textContent;
    const [, number, total] = label.match(/^\\D*(\\d+)\\D+(\\d+)/) || [];  // "Slide 2 of 9", "Diapositiva 2 de 9"
    const width = parseFloat(meter.style.width);
    if (number && Math.abs(width - (100 * number) / total) > 0.5) failures.push(`${label}: meter at ${width}%`);
    if (area.scrollHeight > area.clientHeight + 1) {
      const start = area.innerText.replace(/\\s+/g, ' ').trim().slice(0, 60);
      failures.push(`${label}: scrolls ${area.scrollHeight - area.clientHeight}px ("${start}")`);
    }
    const box = area.getBoundingClientRect();
    for (const drawing of area.querySelectorAll('figure.imr-diagram, svg.imr-dg')) {
      const r = drawing.getBoundingClientRect();
      if (!r.width && !r.height) continue;  // the phone drawing, not shown at this size
      if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1) {
        failures.push(`${label}: diagram "${drawing.textContent.trim().slice(0, 40)}" is cut off`);
      }
    }
    if (area.querySelector('[id]')) failures.push(`${label}: a slide repeats the page's ids`);
    labels.push(label);
    if (next.disabled) break;
    next.click();
  }
  // The progress line counts slides, and Next goes through each of them in turn.
  const numbers = [...new Set(labels.map((label) => label.split(',')[0]))];
  const total = Number((labels[0].match(/^\\D*\\d+\\D+(\\d+)/) || [])[1]);
  const words = labels[0].match(/^(\\D*)\\d+(\\D+)\\d+/) || [];
  const expected = Array.from({ length: total }, (_, n) => `${words[1]}${n + 1}${words[2]}${total}`);
  if (!total || numbers.join('|') !== expected.join('|')) failures.push(`progress line went ${numbers.join(', ')}`);
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  return { failures, slides: total, states: labels.length };
}
"""


def present_pages(site_dir: Path) -> list[str]:
    """Every built page that carries the Present button, as a path under the site."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        if PRESENT_BUTTON in html.read_text(encoding="utf-8"):
            path = html.parent.relative_to(site_dir).as_posix()
            pages.append("" if path == "." else f"{path}/")
    return pages


@pytest.fixture
def projector(browser, base_url):
    """A page the size of a 1280x720 projector; JavaScript errors in any of its
    context's pages fail the test."""
    context = browser.new_context(base_url=base_url, viewport=PROJECTOR)
    context.set_default_timeout(15_000)
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(f"{error.page.url if error.page else ''}: {error.error}"))
    page = context.new_page()
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def open_present(page):
    """Start present mode on the open page; returns the present-mode dialog."""
    page.get_by_role("button", name="Present").click()
    dialog = page.get_by_role("dialog", name="Presenting:")
    dialog.locator(".imr-present__slide").wait_for()
    return dialog


def slide_state(page) -> dict:
    """The slide on the wall: progress line, heading, list items, overflow."""
    return page.evaluate(
        """() => {
          const area = document.querySelector('.imr-present__slide');
          const heading = area.querySelector('h1, h2');
          return {
            progress: document.querySelector('.imr-present__progress').textContent,
            heading: heading ? heading.textContent.trim() : '',
            items: [...area.querySelectorAll('li')].map((item) => item.textContent),
            overflow: area.scrollHeight - area.clientHeight,
          };
        }"""
    )


def slide_count(state: dict) -> int:
    return int(re.search(r"of (\d+)", state["progress"]).group(1))


def test_most_pages_carry_the_present_button(site_dir):
    """Every page's slides are stepped through at 1280x720 in the sweep of every page
    (tests/test_real_sizes.py, test_every_page_at_the_sizes_people_use), which also
    fails when a page with sections hides its button."""
    assert len(present_pages(site_dir)) > 50


# A section made too long for any slide, in the page as the reader has it: a
# long numbered list, then a long table.
LONG_SECTION = """
() => {
  const heading = document.querySelector('article.md-content__inner > h2');
  const items = Array.from({ length: 30 }, (_, n) => `<li>Numbered item ${n + 1}</li>`).join('');
  const rows = Array.from({ length: 30 }, (_, n) => `<tr><td>Row ${n + 1}</td><td>cell</td></tr>`).join('');
  heading.insertAdjacentHTML('afterend',
    `<ol>${items}</ol><table><thead><tr><th>Column head</th><th>Other</th></tr></thead><tbody>${rows}</tbody></table>`);
  return heading.firstChild.textContent.trim();
}
"""

SECTION_SLIDES = """
(title) => {
  const area = document.querySelector('.imr-present__slide');
  const next = document.querySelector('[data-present=next]');
  const inSection = () => area.querySelector('h2') && area.querySelector('h2').textContent.startsWith(title);
  const slides = [];
  for (let n = 0; n < 100 && !inSection() && !next.disabled; n++) next.click();
  for (let n = 0; n < 100 && inSection(); n++) {
    const list = area.querySelector('ol:not(.imr-prompts)');
    const table = area.querySelector('table');
    slides.push({
      heading: area.querySelector('h2').textContent.trim(),
      overflow: area.scrollHeight - area.clientHeight,
      start: list ? list.start : null,
      items: list ? [...list.children].map((li) => li.textContent) : [],
      head: table ? [...table.tHead.rows[0].cells].map((cell) => cell.textContent).join(' | ') : null,
      rows: table ? [...table.tBodies[0].rows].map((row) => row.cells[0].textContent) : [],
    });
    if (next.disabled) break;
    next.click();
  }
  return slides;
}
"""


def test_a_long_section_goes_on_to_slides_marked_continued(projector):
    projector.goto(HANDOUT)
    title = projector.evaluate(LONG_SECTION)
    open_present(projector)
    slides = projector.evaluate(SECTION_SLIDES, title)
    assert len(slides) >= 3, slides
    assert slides[0]["heading"] == title
    assert all(slide["heading"] == f"{title} (continued)" for slide in slides[1:]), [s["heading"] for s in slides]
    assert all(slide["overflow"] <= 1 for slide in slides), [s["overflow"] for s in slides]
    items = [item for slide in slides for item in slide["items"]]
    assert items == [f"Numbered item {n}" for n in range(1, 31)], "the list is split between slides, each item once"
    for slide in slides:
        if slide["items"]:
            assert slide["items"][0] == f"Numbered item {slide['start']}", "a continued list keeps its numbering"
    rows = [row for slide in slides for row in slide["rows"]]
    assert rows == [f"Row {n}" for n in range(1, 31)], "the table is split between slides, each row once"
    assert {slide["head"] for slide in slides if slide["rows"]} == {"Column head | Other"}, "each part repeats the header"


def test_a_smaller_screen_keeps_the_reader_on_the_same_content(projector):
    projector.goto(HANDOUT)
    title = projector.evaluate(LONG_SECTION)
    open_present(projector)
    for _ in range(40):
        if slide_state(projector)["heading"] == f"{title} (continued)":
            break
        projector.keyboard.press("ArrowRight")
    before = slide_state(projector)
    assert before["heading"] == f"{title} (continued)" and before["items"], before
    projector.set_viewport_size({"width": 1024, "height": 600})  # smaller, never larger than the projector
    try:
        projector.wait_for_function(
            "(label) => document.querySelector('.imr-present__progress').textContent !== label",
            arg=before["progress"],
            timeout=5000,
        )
    except PlaywrightTimeout:
        pytest.fail(f"the slides were not laid out again for a smaller screen (still {before['progress']})")
    after = slide_state(projector)
    assert slide_count(after) > slide_count(before), "a smaller slide area holds less, so there are more slides"
    assert after["overflow"] <= 1
    assert after["heading"] == before["heading"]
    assert before["items"][0] in after["items"], "the reader is still on the item they were at"
