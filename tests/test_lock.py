"""A shared computer: the passphrase lock (answers kept encrypted in the browser)
and the choice that forgets answers when the tab closes. Driven in Chromium, as a
person would, from My answers."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from helpers import axe_violations
from test_worksheets import first_text_field, open_sheet, wait_saved

pytestmark = pytest.mark.browser

PASSPHRASE = "blue kettle on the stove"
SECRET = "I felt like ending it last week"
SHEET = "worksheets/relapse-prevention-plan/"


def storage_text(page) -> str:
    """Everything in this tab's localStorage and sessionStorage, as one string, with
    every base64-looking run decoded too (encoded is not the same as encrypted)."""
    return page.evaluate("""() => {
      const all = JSON.stringify([{...localStorage}, {...sessionStorage}]);
      const decoded = (all.match(/[A-Za-z0-9+/=]{16,}/g) || []).map((run) => {
        try { return new TextDecoder().decode(Uint8Array.from(atob(run), (c) => c.charCodeAt(0))); } catch (e) { return ""; }
      });
      return all + decoded.join(" ");
    }""")


def turn_on_the_lock(page, passphrase: str = PASSPHRASE):
    page.goto("my-answers/")
    page.get_by_label("New passphrase (at least 8 characters)").fill(passphrase)
    page.get_by_label("The same passphrase again").fill(passphrase)
    page.get_by_label("I understand that if I forget the passphrase, nobody can open my answers.").check()
    page.get_by_role("button", name="Turn on the lock").click()
    expect(page.get_by_text("The lock is on.")).to_be_visible(timeout=20_000)


def type_secret(page):
    open_sheet(page, SHEET)
    first_text_field(page).fill(SECRET)
    wait_saved(page)
    page.wait_for_timeout(300)  # the encrypted copy is written just after the save


def test_with_the_lock_on_no_answer_is_readable_in_storage_and_the_tab_keeps_working(context):
    page = context.new_page()
    type_secret(page)
    assert SECRET in storage_text(page), "the check must see a readable answer before the lock"
    turn_on_the_lock(page)
    assert SECRET not in storage_text(page)
    type_secret(page)  # typing while unlocked saves as before
    assert SECRET.replace(" ", "") not in storage_text(page).replace(" ", "")
    page.reload()
    expect(first_text_field(page)).to_have_value(SECRET)  # the same tab, after a reload
    expect(page.get_by_role("button", name="Lock my answers")).to_be_visible()


def test_a_new_tab_asks_for_the_passphrase_the_wrong_one_shows_nothing_the_right_one_everything(context):
    page = context.new_page()
    type_secret(page)
    turn_on_the_lock(page)
    other = context.new_page()
    other.goto(SHEET)
    form = other.locator(".ws-unlock")
    expect(form).to_be_visible()
    expect(first_text_field(other)).to_have_value("")
    other.get_by_label("Passphrase").fill("the wrong one entirely")
    other.get_by_role("button", name="Open my answers").click()
    expect(other.get_by_role("alert").filter(has_text="did not open")).to_be_visible(timeout=20_000)
    expect(first_text_field(other)).to_have_value("")
    other.get_by_label("Passphrase").fill(PASSPHRASE)
    other.get_by_role("button", name="Open my answers").click()
    expect(first_text_field(other)).to_have_value(SECRET, timeout=20_000)


def test_a_new_browser_session_asks_for_the_passphrase(browser, base_url):
    first = browser.new_context(base_url=base_url)
    page = first.new_page()
    type_secret(page)
    turn_on_the_lock(page)
    saved = page.evaluate("() => ({...localStorage})")
    first.close()
    second = browser.new_context(base_url=base_url)
    second.add_init_script(f"for (const [k, v] of Object.entries({json.dumps(saved)})) localStorage.setItem(k, v)")
    page = second.new_page()
    page.goto(SHEET)
    expect(page.locator(".ws-unlock")).to_be_visible()
    expect(first_text_field(page)).to_have_value("")
    second.close()


def test_lock_and_idle_time_lock_the_tab(context):
    page = context.new_page()
    type_secret(page)
    turn_on_the_lock(page)
    page.goto(SHEET)
    page.get_by_role("button", name="Lock my answers").click()
    expect(page.locator(".ws-unlock")).to_be_visible()
    page.get_by_label("Passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Open my answers").click()
    expect(first_text_field(page)).to_have_value(SECRET, timeout=20_000)
    # Nobody has touched the tab for an hour:
    page.evaluate("() => sessionStorage.setItem('imr.answers.v1.tab-active', String(Date.now() - 3600000))")
    expect(page.locator(".ws-unlock")).to_be_visible(timeout=15_000)
    expect(first_text_field(page)).to_have_value("")


def test_erasing_everything_works_without_the_passphrase(context):
    page = context.new_page()
    type_secret(page)
    turn_on_the_lock(page)
    other = context.new_page()
    other.goto("my-answers/")
    other.once("dialog", lambda dialog: dialog.accept())
    other.get_by_role("button", name="Erase all my answers from this device").click()
    expect(other.get_by_role("status").filter(has_text="erased")).to_be_visible()
    assert "imr.answers.v1." not in other.evaluate("() => Object.keys(localStorage).join(' ')")


def test_an_encrypted_backup_restores_with_its_passphrase_and_a_plain_one_into_an_unlocked_browser(context, tmp_path):
    page = context.new_page()
    type_secret(page)
    turn_on_the_lock(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a backup of all my answers").click()
    encrypted = tmp_path / "locked.json"
    download.value.save_as(encrypted)
    assert SECRET not in encrypted.read_text() and '"encrypted"' in encrypted.read_text()
    page.get_by_label("Download a plain backup instead (anyone who opens the file can read it)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a backup of all my answers").click()
    plain = tmp_path / "plain.json"
    download.value.save_as(plain)
    assert SECRET in plain.read_text()
    # Erase, then restore each into an unlocked browser.
    for backup, needs_passphrase in ((encrypted, True), (plain, False)):
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Erase all my answers from this device").click()
        expect(page.get_by_role("status").filter(has_text="erased")).to_be_visible()
        turn_on_the_lock(page, "a second passphrase here")
        page.locator("#imr-restore-file").set_input_files(str(backup))
        if needs_passphrase:
            page.get_by_label("The passphrase it was made with").fill("not the passphrase")
            page.get_by_role("button", name="Open the backup").click()
            expect(page.get_by_role("alert").filter(has_text="did not open this backup")).to_be_visible(timeout=20_000)
            page.get_by_label("The passphrase it was made with").fill(PASSPHRASE)
            page.get_by_role("button", name="Open the backup").click()
        page.get_by_role("button", name="Restore these answers").click()
        expect(page.get_by_role("status").filter(has_text="Restored 1 worksheet")).to_be_visible(timeout=20_000)
        open_sheet(page, SHEET)
        expect(first_text_field(page)).to_have_value(SECRET)
        assert SECRET not in storage_text(page)
        page.goto("my-answers/")


def test_the_shared_computer_choice_keeps_answers_in_the_tab_only(browser, base_url):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("my-answers/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("I am on a shared computer: forget my answers when I close this tab").check()
    type_secret(page)
    expect(page.locator(".ws-status[role=status]").last).to_contain_text("this tab only")
    page.reload()
    expect(first_text_field(page)).to_have_value(SECRET)
    assert SECRET not in page.evaluate("() => JSON.stringify({...localStorage})")
    saved = page.evaluate("() => ({...localStorage})")
    context.close()
    again = browser.new_context(base_url=base_url)
    again.add_init_script(f"for (const [k, v] of Object.entries({json.dumps(saved)})) localStorage.setItem(k, v)")
    page = again.new_page()
    open_sheet(page, SHEET)
    expect(first_text_field(page)).to_have_value("")
    again.close()


def test_a_locked_sheet_shows_no_prompt_in_the_projector_view_and_prints_blank_saying_why(context, tmp_path):
    page = context.new_page()
    type_secret(page)
    turn_on_the_lock(page)
    other = context.new_page()
    other.goto(SHEET + "?view=projector")
    expect(other.locator(".ws-unlock")).to_be_hidden()
    other.goto(SHEET + "?view=normal")
    expect(other.locator(".ws-unlock")).to_be_visible()
    other.emulate_media(media="print")
    expect(other.locator(".ws-unlock")).to_be_hidden()
    expect(other.locator(".ws-locked-print")).to_be_visible()
    other.emulate_media(media="screen")


@pytest.mark.parametrize("size", [{"width": 1280, "height": 720}, {"width": 390, "height": 844}], ids=["laptop", "phone"])
def test_the_lock_controls_pass_axe(context, size):
    page = context.new_page()
    page.set_viewport_size(size)
    page.goto("my-answers/")
    assert axe_violations(page) == [], "My answers with the lock off"
    turn_on_the_lock(page)
    assert axe_violations(page) == [], "My answers with the lock on"
    other = context.new_page()
    other.set_viewport_size(size)
    other.goto(SHEET)
    expect(other.locator(".ws-unlock")).to_be_visible()
    assert axe_violations(other) == [], "a locked worksheet"
    page.goto(SHEET)
    assert axe_violations(page, context={"include": [[".md-header"]]}) == [], "the header's Lock button"
