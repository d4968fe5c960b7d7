"""Worksheets keep every answer: autosave, restore, two tabs, backup, erase, print."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from playwright.sync_api import expect

from helpers import FIELD_KINDS, field_kinds, fill_every_field, snapshot, stored_answers, worksheet_slugs

pytestmark = pytest.mark.browser

ALL_KINDS = set(FIELD_KINDS)
SHEET = "recovery-goal"
SHEET_URL = f"worksheets/{SHEET}/"
WORKSHEET_SHARDS = 3

# Fields that no label names: neither a <label>, nor aria-label, nor an
# aria-labelledby pointing at text shown on the page.
UNLABELED_FIELDS = """() => [...document.querySelectorAll('[data-ws-field]')]
  .filter((el) => el.dataset.wsHistory === undefined)
  .filter((el) => {
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label');
    const by = el.getAttribute('aria-labelledby');
    const label = by && document.getElementById(by);
    return !named && !(label && label.textContent.trim() && label.offsetParent !== null);
  })
  .map((el) => el.dataset.wsField)"""


def open_sheet(page, url=SHEET_URL):
    """Open a page with fields and wait until typing in them is saved."""
    page.goto(url)
    expect(page.locator("[data-ws-sheet][data-ws-bound]").first).to_be_visible()
    return page


def wait_saved(page):
    expect(page.locator(".ws-status[role=status]").last).to_contain_text("Saved")


def first_text_field(page):
    return page.locator("[data-ws-sheet] textarea").first


# A text answer on paper: its box shows it all, or the box is hidden and the
# print copy in its place (a mirror, or a table cell's printed value) shows it.
ANSWERS_CUT_OFF_ON_PAPER = """() => {
  const cut = [];
  for (const box of document.querySelectorAll("[data-ws-sheet] input[type=text], [data-ws-sheet] textarea")) {
    if (!box.value) continue;
    const where = `${box.dataset.wsField} (${box.getAttribute("aria-label") || box.id})`;
    if (box.checkVisibility()) {
      if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) cut.push(where);
      continue;
    }
    const cell = box.closest("td[data-ws-print-value]");
    const mirror = cell || (box.closest(".ws-other") || box.closest(".ws-field")).querySelector("[data-ws-mirror]");
    const printed = !mirror || !mirror.checkVisibility() ? ""
      : cell ? getComputedStyle(cell, "::after").content : mirror.textContent;
    if (!printed.includes(box.value)) cut.push(where);
  }
  return cut;
}"""


class TestAutosave:
    @pytest.mark.parametrize("shard", range(WORKSHEET_SHARDS))
    def test_every_field_of_every_worksheet_has_a_label_and_its_answer_survives_reload(self, page, shard):
        """A person fills in every field, reloads, and finds every answer back; each
        field is named by a label shown on the page (or aria-label). The worksheets
        are shared out among shards so that pytest-xdist's workers split them."""
        failures: dict[str, list[str]] = {}
        for slug in worksheet_slugs()[shard::WORKSHEET_SHARDS]:
            open_sheet(page, f"worksheets/{slug}/")
            if unlabeled := page.evaluate(UNLABELED_FIELDS):
                failures.setdefault(slug, []).append(f"fields without a label: {unlabeled}")
            fill_every_field(page)
            wait_saved(page)
            before = snapshot(page)
            page.reload()
            expect(page.locator("[data-ws-sheet][data-ws-bound]").first).to_be_visible()
            if (after := snapshot(page)) != before:
                failures.setdefault(slug, []).append(f"not restored: {[field for field in before if field not in after][:5]}")
            page.emulate_media(media="print")
            if cut := page.evaluate(ANSWERS_CUT_OFF_ON_PAPER):
                failures.setdefault(slug, []).append(f"answers cut off on paper: {cut[:5]}")
            page.emulate_media(media="screen")
        assert failures == {}

    def test_worksheets_cover_every_field_kind(self, site_dir):
        kinds: set[str] = set()
        for slug in worksheet_slugs():
            kinds |= field_kinds((site_dir / "worksheets" / slug / "index.html").read_text(encoding="utf-8"))
        assert kinds == ALL_KINDS, f"field kinds no worksheet uses, so no test exercises: {ALL_KINDS - kinds}"

    def test_typing_by_label_survives_reload(self, page):
        """The same, the way a person does it: find each field by its label and type."""
        open_sheet(page)
        page.get_by_label("Date", exact=True).first.fill("2026-11-21")
        first_text_field(page).fill("Join the walking group")
        page.locator(".ws-rating .ws-point").nth(8).click()
        wait_saved(page)
        page.reload()
        expect(page.get_by_label("Date", exact=True).first).to_have_value("2026-11-21")
        expect(first_text_field(page)).to_have_value("Join the walking group")
        expect(page.locator(".ws-rating input").nth(8)).to_be_checked()

    def test_saved_status_is_polite(self, page):
        open_sheet(page)
        first_text_field(page).fill("Find a part-time job")
        status = page.locator(".ws-status[role=status]").last
        expect(status).to_contain_text("Saved on this device")
        expect(status).to_have_attribute("role", "status")

    def test_last_keystrokes_survive_instant_navigation(self, page):
        """Typing then leaving at once through a link (no reload, no pagehide) loses nothing."""
        open_sheet(page)
        first_text_field(page).fill("Typed just before leaving")
        page.get_by_role("link", name="Crisis and safety").first.click()
        page.wait_for_url("**/crisis/")
        page.go_back()
        expect(first_text_field(page)).to_have_value("Typed just before leaving")

    def test_answers_come_back_after_instant_navigation(self, page):
        open_sheet(page)
        first_text_field(page).fill("Walk to the library on Tuesday")
        wait_saved(page)
        page.get_by_role("link", name="Worksheets", exact=True).first.click()
        page.wait_for_url("**/worksheets/")
        assert page.evaluate("() => !!window.document$"), "Material's instant navigation is not active"
        page.get_by_role("link", name="My recovery goal").first.click()
        page.wait_for_url(f"**/{SHEET_URL}")
        expect(first_text_field(page)).to_have_value("Walk to the library on Tuesday")

    def test_renaming_a_label_does_not_orphan_answers(self, page):
        """Keys come from the sheet and the field's name, never from its wording or position."""
        open_sheet(page)
        first_text_field(page).fill("Kept by name")
        wait_saved(page)
        stored = stored_answers(page)
        envelope = stored[f"imr.answers.v1.sheet:{SHEET}"]
        assert envelope["version"] == 1
        assert "Kept by name" in envelope["fields"].values()
        name = first_text_field(page).get_attribute("data-ws-field")
        assert envelope["fields"][name] == "Kept by name"

    def test_a_reworded_option_keeps_the_tick_saved_under_its_old_words(self, context):
        """Checklists save the ticked options' words; `was:` finds a tick saved before a rewording."""
        sheet = "imr.answers.v1.sheet:09-persistent-symptoms/anxiety"
        envelope = {"version": 1, "updated": "2026-11-01T10:00:00Z", "fields": {"calming-skills": ["Calm breathing"]}}
        context.add_init_script(f"localStorage.setItem({json.dumps(sheet)}, {json.dumps(json.dumps(envelope))})")
        page = context.new_page()
        open_sheet(page, "modules/09-persistent-symptoms/anxiety/")
        expect(page.get_by_role("checkbox", name="Slow breathing")).to_be_checked()

    @pytest.mark.parametrize("saved", ["Staying away from alcohol and drugs",
                                       "Staying away from, or cutting down on, alcohol and drugs"])
    def test_an_option_reworded_twice_keeps_ticks_saved_under_either_earlier_wording(self, context, saved):
        sheet = "imr.answers.v1.sheet:03-stress-vulnerability/what-helps"
        envelope = {"version": 1, "updated": "2026-11-01T10:00:00Z", "fields": {"protect-now": [saved]}}
        context.add_init_script(f"localStorage.setItem({json.dumps(sheet)}, {json.dumps(json.dumps(envelope))})")
        page = context.new_page()
        open_sheet(page, "modules/03-stress-vulnerability/what-helps/")
        expect(page.get_by_role("checkbox", name="Staying away from, or cutting down on, alcohol, cannabis and other drugs")).to_be_checked()


class TestTwoTabs:
    def test_two_tabs_do_not_overwrite_each_other(self, context):
        first = open_sheet(context.new_page())
        second = open_sheet(context.new_page())
        areas = first.locator("[data-ws-sheet] textarea")
        areas.nth(0).fill("Written in the first tab")
        wait_saved(first)
        expect(second.locator("[data-ws-sheet] textarea").nth(0)).to_have_value("Written in the first tab")
        second.locator("[data-ws-sheet] textarea").nth(1).fill("Written in the second tab")
        wait_saved(second)
        first.reload()
        expect(first.locator("[data-ws-sheet] textarea").nth(0)).to_have_value("Written in the first tab")
        expect(first.locator("[data-ws-sheet] textarea").nth(1)).to_have_value("Written in the second tab")


class TestBackup:
    def export(self, page, tmp_path):
        page.goto("my-answers/")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download a backup of all my answers").click()
        download = download_info.value
        assert download.suggested_filename.startswith("imr-answers-") and download.suggested_filename.endswith(".json")
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        return path

    def test_export_clear_import_round_trip(self, page, tmp_path):
        open_sheet(page)
        fill_every_field(page)
        wait_saved(page)
        before = snapshot(page)
        backup = self.export(page, tmp_path)
        data = json.loads(backup.read_text())
        assert data["format"] == "imr-answers" and data["version"] == 1 and SHEET in data["worksheets"]
        expect(page.locator(".imr-answers-last-backup")).to_contain_text("last backup")

        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Erase all my answers from this device").click()
        expect(page.get_by_text("No answers are saved in this browser yet.")).to_be_visible()
        assert stored_answers(page) == {}

        page.locator("#imr-restore-file").set_input_files(str(backup))
        expect(page.get_by_text("Add: My recovery goal")).to_be_visible()
        page.get_by_role("button", name="Restore these answers").click()
        expect(page.get_by_role("status").filter(has_text="Restored 1 worksheet")).to_be_visible()
        open_sheet(page)
        assert snapshot(page) == before

    def test_import_shows_what_it_will_replace(self, page, tmp_path):
        open_sheet(page)
        first_text_field(page).fill("Older answer")
        wait_saved(page)
        backup = self.export(page, tmp_path)
        open_sheet(page)
        first_text_field(page).fill("Newer answer")
        wait_saved(page)
        page.goto("my-answers/")
        page.locator("#imr-restore-file").set_input_files(str(backup))
        expect(page.get_by_text("Replace: My recovery goal")).to_be_visible()
        page.get_by_role("button", name="Cancel").click()
        open_sheet(page)
        expect(first_text_field(page)).to_have_value("Newer answer")

    @pytest.mark.parametrize(
        "content, message",
        [
            ("{not json", "could not be read"),
            ('{"format": "something-else", "version": 1, "worksheets": {}}', "not a backup of answers"),
            ('{"format": "imr-answers", "version": 99, "worksheets": {}}', "newer version"),
            ('{"format": "imr-answers", "version": 1, "worksheets": {"x": {"fields": {"a": {"b": 1}}}}}', "damaged"),
            ('{"format": "imr-answers", "version": 1, "worksheets": {"<img src=x>": {"fields": {}}}}', "damaged"),
        ],
    )
    def test_malformed_backup_changes_nothing(self, page, tmp_path, content, message):
        open_sheet(page)
        first_text_field(page).fill("Must survive a bad file")
        wait_saved(page)
        before = stored_answers(page)
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        page.goto("my-answers/")
        page.locator("#imr-restore-file").set_input_files(str(bad))
        alert = page.get_by_role("alert").filter(has_text="Nothing was changed")
        expect(alert).to_contain_text(message)
        assert stored_answers(page) == before

    def test_oversized_backup_changes_nothing(self, page, tmp_path):
        big = tmp_path / "big.json"
        big.write_text('{"format": "imr-answers", "version": 1, "worksheets": {}, "pad": "' + "x" * 2_200_000 + '"}')
        page.goto("my-answers/")
        page.locator("#imr-restore-file").set_input_files(str(big))
        expect(page.get_by_role("alert")).to_contain_text("too large")

    def test_clear_this_worksheet_after_confirmation(self, page):
        open_sheet(page)
        first_text_field(page).fill("To be cleared")
        wait_saved(page)
        page.once("dialog", lambda dialog: dialog.dismiss())
        page.get_by_role("button", name="Clear this worksheet").click()
        expect(first_text_field(page)).to_have_value("To be cleared")
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Clear this worksheet").click()
        expect(first_text_field(page)).to_have_value("")
        assert stored_answers(page) == {}

    def test_erase_all_leaves_other_site_settings(self, page):
        open_sheet(page)
        page.evaluate("() => localStorage.setItem('another-app.setting', 'keep me')")
        first_text_field(page).fill("Private")
        wait_saved(page)
        page.goto("my-answers/")
        expect(page.get_by_role("link", name="My recovery goal")).to_be_visible()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Erase all my answers from this device").click()
        assert stored_answers(page) == {}
        assert page.evaluate("() => localStorage.getItem('another-app.setting')") == "keep me"


class TestStorageProblems:
    def test_storage_switched_off_shows_a_message(self, context):
        context.add_init_script(
            "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });"
        )
        page = open_sheet(context.new_page())
        expect(page.get_by_role("alert").first).to_contain_text("not letting the site save answers")
        first_text_field(page).fill("Still typeable")
        expect(first_text_field(page)).to_have_value("Still typeable")

    def test_full_storage_shows_a_message_and_keeps_typing(self, context):
        context.add_init_script(
            """
            const realSetItem = Storage.prototype.setItem;
            Storage.prototype.setItem = function (key, value) {
              if (key.startsWith('imr.answers.v1.sheet:')) throw new DOMException('full', 'QuotaExceededError');
              return realSetItem.call(this, key, value);
            };
            """
        )
        page = open_sheet(context.new_page())
        first_text_field(page).fill("Too much")
        expect(page.get_by_role("alert").first).to_contain_text("storage for the site is full")
        expect(first_text_field(page)).to_have_value("Too much")


class TestWalletCard:
    """R-P7: the relapse plan's warning signs, first steps, red part and numbers, on a card to carry."""

    CARD_FIELDS = ["signs", "steps", "crisis-signs", "contacts", "crisis-lines"]

    def test_the_wallet_card_button_prints_the_card_and_then_the_page_is_as_before(self, page):
        open_sheet(page, "worksheets/relapse-prevention-plan/")
        page.evaluate("""() => { window.__printed = [];
            window.print = () => window.__printed.push(document.documentElement.classList.contains("imr-print-card")); }""")
        page.get_by_role("button", name="Print a wallet card").click()
        assert page.evaluate("window.__printed") == [True]
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert not page.evaluate("document.documentElement.classList.contains('imr-print-card')")

    @pytest.mark.parametrize("paper", ["Letter", "A4"])
    def test_the_card_prints_its_panels_only_on_one_sheet_filled_or_blank(self, page, tmp_path, paper):
        open_sheet(page, "worksheets/relapse-prevention-plan/")
        for filled in (False, True):
            if filled:
                page.get_by_label("My early warning signs (yellow: time to act)").fill("Sleeping less than five hours\nSkipping meals")
                page.locator("[data-ws-table=contacts] input").first.fill("Ana, my sister")
                wait_saved(page)
            page.evaluate("document.documentElement.classList.add('imr-print-card')")
            page.emulate_media(media="print")
            shown = page.evaluate("""() => [...document.querySelectorAll('[data-ws-card], .md-content__inner > .imr-crisis-line')]
                .filter((el) => el.getClientRects().length).map((el) => Math.round(el.getBoundingClientRect().width))""")
            assert len(shown) == len(self.CARD_FIELDS) + 1
            assert all(abs(width - 321) <= 2 for width in shown), f"panels are 85 mm wide: {shown}"
            expect(page.get_by_label("What keeps me well (green: doing well)")).to_be_hidden()
            pdf = tmp_path / "card.pdf"
            page.pdf(path=str(pdf), format=paper)
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert text.count("\f") == 1, "the card prints on one sheet"
            assert ("Ana, my sister" in text) == filled
            assert "call or text 988" in text and "wallet card" in text
            page.emulate_media(media="screen")


class TestPrinting:
    def test_long_answer_prints_whole(self, page, tmp_path):
        lines = [f"Line {n} of my long answer" for n in range(1, 41)]
        open_sheet(page)
        first_text_field(page).fill("\n".join(lines))
        wait_saved(page)
        page.emulate_media(media="print")
        pdf = tmp_path / "filled.pdf"
        page.pdf(path=str(pdf), format="Letter")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Line 40 of my long answer" in text
        assert "Print this worksheet" not in text
        assert "Saved on this device" not in text

    def test_checked_boxes_and_tables_print(self, page, tmp_path):
        open_sheet(page)
        fill_every_field(page)
        wait_saved(page)
        pdf = tmp_path / "all.pdf"
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "cell" in text, "table answers are missing from the printout"

    def test_a_long_answer_in_a_table_cell_prints_whole(self, page, tmp_path):
        answer = "Drowsy in the morning and some weight gain since the spring"
        open_sheet(page, "worksheets/my-medications/")
        page.get_by_label("Side effects I notice, row 1").fill(answer)
        last_row = page.locator("[data-ws-table] tbody tr").last
        last_row.locator("input").first.fill("Vitamin D")
        wait_saved(page)
        page.get_by_role("button", name="Add a row").click()
        page.emulate_media(media="print")
        pdf = tmp_path / "medicines.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert answer in " ".join(text.split()), "a cell's answer prints whole, not cut at the edge of its box"
        assert text.count("Vitamin D") == 1, "a row added after the last one prints blank"

    def test_blank_copy_shows_no_answers_and_changes_nothing(self, page, tmp_path):
        open_sheet(page)
        first_text_field(page).fill("Not for the blank copy")
        wait_saved(page)
        before = stored_answers(page)
        page.add_init_script("window.print = () => { window.__printed = true; }")
        page.goto(f"{SHEET_URL}?print=blank")
        expect(page.get_by_text("This is a blank copy for printing.")).to_be_visible()
        page.wait_for_function("() => window.__printed === true")
        expect(first_text_field(page)).to_have_value("")
        pdf = tmp_path / "blank.pdf"
        page.emulate_media(media="print")
        page.pdf(path=str(pdf))
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Not for the blank copy" not in text
        assert stored_answers(page) == before

    def test_date_prints_as_a_line_to_write_on_or_as_the_date(self, page):
        open_sheet(page)
        date = page.get_by_label("Date", exact=True).first
        field = page.locator(".ws-date").first
        page.emulate_media(media="print")
        expect(date).to_be_hidden()  # no "mm/dd/yyyy" on paper
        expect(field.locator(".ws-print-lines")).to_be_visible()
        page.emulate_media(media="screen")
        date.fill("2026-11-21")
        page.emulate_media(media="print")
        expect(field.locator(".ws-print-value")).to_contain_text("2026")
        expect(field.locator(".ws-print-value")).to_contain_text("21")
        expect(field.locator(".ws-print-lines")).to_be_hidden()

    def test_print_page_shows_saved_answers(self, page):
        """The combined print page rewrites ids; answers are found by data-ws-* keys."""
        open_sheet(page)
        first_text_field(page).fill("Shown in the manual too")
        wait_saved(page)
        page.goto("print_page/")
        sheet = page.locator(f'[data-ws-sheet="{SHEET}"] textarea').first
        expect(sheet).to_have_value("Shown in the manual too")


class TestAccessibleMarkup:
    def test_keyboard_alone_can_fill_a_rating(self, page):
        open_sheet(page)
        rating = page.locator(".ws-rating input[type=radio]").first
        rating.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        checked = page.locator(".ws-rating input[type=radio]:checked")
        expect(checked).to_have_count(1)
        wait_saved(page)

    def test_add_a_row_extends_a_table_and_is_restored(self, page):
        open_sheet(page)
        table = page.locator("[data-ws-table]").first
        rows_before = table.locator("tbody tr").count()
        table.get_by_role("button", name="Add a row").click()
        expect(table.locator("tbody tr")).to_have_count(rows_before + 1)
        new_cell = table.locator("tbody tr").last.locator("input").first
        expect(new_cell).to_be_focused()
        new_cell.fill("An extra step")
        wait_saved(page)
        page.reload()
        expect(page.locator("[data-ws-table]").first.locator("tbody tr")).to_have_count(rows_before + 1)
        expect(page.locator("[data-ws-table]").first.locator("tbody tr").last.locator("input").first).to_have_value(
            "An extra step"
        )

    def test_saved_text_is_never_parsed_as_html(self, page):
        open_sheet(page)
        first_text_field(page).fill('<img src=x onerror="window.__owned=1">')
        wait_saved(page)
        page.reload()
        page.emulate_media(media="print")
        assert page.evaluate("() => window.__owned") is None
        assert page.locator(".ws-print-value img").count() == 0


class TestProgressCheckIns:
    def test_check_ins_are_saved_charted_and_restored(self, page):
        open_sheet(page, "worksheets/progress-check/")
        for week, value in (("2026-10-01", 1), ("2026-11-01", 3)):
            page.get_by_label("Date of this check-in").fill(week)
            for fieldset in page.locator(".ws-rating").all():
                fieldset.locator(".ws-point").nth(value).click()
            page.get_by_role("button", name="Save today's check-in").click()
        history = page.locator("[data-ws-history]")
        expect(history.locator("tbody tr")).to_have_count(2)
        expect(history.locator("tbody tr").first.locator("td").nth(1)).to_have_text("14")
        expect(history.locator("tbody tr").last.locator("td").nth(1)).to_have_text("42")
        expect(history.locator("svg circle.ws-history__dot")).to_have_count(2)
        expect(history.get_by_role("img")).to_have_attribute("aria-label", re.compile("2026-11-01, 42"))
        page.reload()
        expect(page.locator("[data-ws-history] tbody tr")).to_have_count(2)
        assert "check-ins" in stored_answers(page)["imr.answers.v1.sheet:progress-check"]["fields"]


class TestScores:
    def test_fidelity_total_and_items_below_four(self, page):
        open_sheet(page, "worksheets/fidelity-self-check/")
        ratings = page.locator(".ws-rating")
        for index in range(ratings.count()):
            ratings.nth(index).locator(".ws-point").nth(4 if index else 1).click()  # 5s, and a 2 first
        score = page.locator("[data-ws-score] output")
        expect(score).to_contain_text("62 out of 65 (13 of 13 items rated)")
        below = page.locator("[data-ws-score-below] li")
        expect(below).to_have_count(1)
        expect(below.first).to_contain_text(": 2")
        page.reload()
        expect(page.locator("[data-ws-score] output")).to_contain_text("62 out of 65")
