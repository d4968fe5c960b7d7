"""Worksheet tables on a phone: each row a card of labelled fields, the same inputs
as the table a laptop and paper show, so the same saved answers fill both."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import LAPTOP
from helpers import axe_violations, stored_answers
from test_worksheets import open_sheet, wait_saved

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
GOALS = "worksheets/goal-tracking/"
FIRST_TABLE = "[data-ws-table='goal-1-steps']"


def pages_with_tables(site_dir) -> list[str]:
    """Every built page with a table of fields (worksheets and topic pages' "Your
    turn"), the print page aside (it holds them all, and has tests of its own)."""
    paths = []
    for index in sorted(site_dir.rglob("index.html")):
        relative = index.parent.relative_to(site_dir).as_posix()
        if relative != "print_page" and "data-ws-table=" in index.read_text(encoding="utf-8"):
            paths.append(relative + "/")
    return paths


# For every table of fields on the page: its boxes that could scroll sideways (ours
# and the one Material wraps around every table) and do, and every cell that does
# not show its column's heading as its label, above a box that fits in the card.
TABLES_NOT_AS_CARDS = """() => {
  const problems = [];
  for (const field of document.querySelectorAll("[data-ws-table]")) {
    const name = field.dataset.wsTable;
    for (const box of [field.querySelector(".ws-table-scroll"), ...field.querySelectorAll(".md-typeset__scrollwrap")]) {
      if (box.scrollWidth > box.clientWidth + 1) problems.push(`${name}: scrolls sideways (${box.scrollWidth} > ${box.clientWidth})`);
    }
    const headings = [...field.querySelectorAll("thead th")].map((th) => th.textContent);
    const right = field.getBoundingClientRect().right;
    for (const row of field.querySelectorAll("tbody tr")) {
      if (getComputedStyle(row).display !== "block") problems.push(`${name}: a row is not a card`);
      row.querySelectorAll("td").forEach((cell, col) => {
        const label = getComputedStyle(cell, "::before");
        const where = `${name}, ${cell.querySelector("input").getAttribute("aria-label")}`;
        if (getComputedStyle(cell).display !== "block") problems.push(`${where}: not a field of a card`);
        if (!label.content.startsWith(JSON.stringify(headings[col])) || label.display === "none") {
          problems.push(`${where}: label ${label.content}, not ${JSON.stringify(headings[col])}`);
        }
        const input = cell.querySelector("input").getBoundingClientRect();
        if (input.right > right + 1 || input.width < 100) problems.push(`${where}: box ${Math.round(input.width)}px wide`);
      });
    }
  }
  return problems;
}"""

# The table as a table: headings shown, cells in columns, no label of their own.
TABLE_AS_TABLE = """(selector) => {
  const field = document.querySelector(selector);
  const th = field.querySelector("thead th");
  const td = field.querySelector("tbody td");
  return {
    table: getComputedStyle(field.querySelector("table")).display,
    heading: th.getBoundingClientRect().width > 20 && th.checkVisibility(),
    cell: getComputedStyle(td).display,
    label: getComputedStyle(td, "::before").content,
  };
}"""


def test_no_table_scrolls_sideways_on_a_phone_and_every_cell_shows_its_label(page, site_dir):
    paths = pages_with_tables(site_dir)
    assert len(paths) >= 30, paths  # every worksheet with a table, and the topic pages with one
    page.set_viewport_size(PHONE)
    failures = {}
    for path in paths:
        open_sheet(page, path)
        for size in (PHONE, SMALL_PHONE):
            page.set_viewport_size(size)
            problems = page.evaluate(TABLES_NOT_AS_CARDS)
            if page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"):
                problems.append("the page scrolls sideways")
            if problems:
                failures[f"{path} at {size['width']}"] = problems[:5]
        page.set_viewport_size(PHONE)
    assert not failures, failures


def test_an_answer_typed_into_a_card_shows_in_the_table_on_a_laptop_and_survives_reload(page):
    page.set_viewport_size(PHONE)
    open_sheet(page, GOALS)
    table = page.locator(FIRST_TABLE)
    cell = table.get_by_label("Start date, row 2", exact=True)
    assert page.evaluate("(cell) => getComputedStyle(cell.parentElement).display", cell.element_handle()) == "block"
    cell.fill("Monday the 3rd")
    wait_saved(page)
    page.set_viewport_size(LAPTOP)
    shown = page.evaluate(TABLE_AS_TABLE, FIRST_TABLE)
    assert shown == {"table": "table", "heading": True, "cell": "table-cell", "label": "none"}, shown
    expect(cell).to_have_value("Monday the 3rd")
    # Under its heading, in the second row of the table.
    heading = table.locator("thead th").nth(1).bounding_box()
    box = cell.bounding_box()
    assert abs(box["x"] - heading["x"]) < heading["width"] and box["y"] > heading["y"] + heading["height"]
    page.reload()
    expect(page.locator(FIRST_TABLE).get_by_label("Start date, row 2", exact=True)).to_have_value("Monday the 3rd")
    # Storage holds the table as rows of cells, as it always has.
    [sheet] = [value for key, value in stored_answers(page).items() if key.endswith("sheet:goal-tracking")]
    saved = sheet["fields"]["goal-1-steps"]
    assert saved[1][1] == "Monday the 3rd" and all(isinstance(row, list) for row in saved), saved
    page.set_viewport_size(PHONE)
    expect(page.locator(FIRST_TABLE).get_by_label("Start date, row 2", exact=True)).to_have_value("Monday the 3rd")


def test_add_a_row_on_a_phone_adds_a_card_whose_fields_carry_their_labels(page):
    page.set_viewport_size(PHONE)
    open_sheet(page, GOALS)
    table = page.locator(FIRST_TABLE)
    rows = table.locator("tbody tr").count()
    table.get_by_role("button", name="Add a row").click()
    expect(table.locator("tbody tr")).to_have_count(rows + 1)
    step = table.get_by_label(f"Step, row {rows + 1}", exact=True)
    expect(step).to_be_focused()
    step.fill("Call the library")
    wait_saved(page)
    assert page.evaluate(TABLES_NOT_AS_CARDS) == []
    page.reload()
    expect(page.locator(FIRST_TABLE).locator("tbody tr")).to_have_count(rows + 1)
    expect(page.locator(FIRST_TABLE).get_by_label(f"Step, row {rows + 1}", exact=True)).to_have_value("Call the library")
    assert page.evaluate(TABLES_NOT_AS_CARDS) == []


@pytest.mark.parametrize("path", [GOALS, "worksheets/attendance-register/"])
def test_sheets_with_tables_pass_axe_on_a_phone(page, path):
    page.set_viewport_size(PHONE)
    open_sheet(page, path)
    page.locator("[data-ws-table] input").first.fill("An answer")
    wait_saved(page)
    assert axe_violations(page) == []


def test_a_narrow_window_still_prints_a_table(page):
    page.set_viewport_size(PHONE)
    open_sheet(page, GOALS)
    page.locator(FIRST_TABLE).get_by_label("Step, row 1", exact=True).fill("Ask about a class")
    wait_saved(page)
    page.emulate_media(media="print")
    shown = page.evaluate(TABLE_AS_TABLE, FIRST_TABLE)
    assert shown == {"table": "table", "heading": True, "cell": "table-cell", "label": "none"}, shown
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.ws-table thead')).display"
    ) == "table-header-group"
    page.emulate_media(media="screen")
    assert page.evaluate(TABLE_AS_TABLE, FIRST_TABLE)["cell"] == "block"
