"""The projector view and present mode: a group can read the wall from the back of the room."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import axe_violations, present_until

pytestmark = pytest.mark.browser

TOPIC = "modules/01-recovery-strategies/choosing-a-goal/"
RELAXATION = "modules/08-coping-with-stress/relaxation-techniques/"
PROJECTOR = "html[data-imr-view=projector]"


def paragraph_size(page) -> float:
    return page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('article.md-content__inner > p:not(.imr-eyebrow)')).fontSize)"
    )


def toggle(page):
    return page.get_by_role("button", name="Projector view")


class TestProjectorView:
    def test_toggle_enlarges_text_and_hides_sidebars(self, page):
        page.goto(TOPIC)
        normal = paragraph_size(page)
        expect(page.locator(".md-sidebar--primary")).to_be_visible()
        expect(toggle(page)).to_have_attribute("aria-pressed", "false")
        toggle(page).click()
        expect(toggle(page)).to_have_attribute("aria-pressed", "true")
        assert paragraph_size(page) >= 1.5 * normal
        expect(page.locator(".md-sidebar--primary")).to_be_hidden()
        expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
        expect(page.locator(".admonition.practitioner").first).to_be_hidden()

    def test_choice_survives_reload_and_instant_navigation(self, page):
        page.goto(TOPIC)
        toggle(page).click()
        page.reload()
        expect(page.locator(PROJECTOR)).to_have_count(1)
        page.get_by_role("link", name="Next: Breaking a goal into steps").click()
        page.wait_for_url("**/first-step/")
        expect(page.locator(PROJECTOR)).to_have_count(1)
        expect(toggle(page)).to_have_attribute("aria-pressed", "true")
        toggle(page).click()
        page.reload()
        expect(page.locator(PROJECTOR)).to_have_count(0)

    def test_url_parameter_switches_it_on_and_off(self, page):
        page.goto(f"{TOPIC}?view=projector")
        expect(page.locator(PROJECTOR)).to_have_count(1)
        page.goto("about/")
        expect(page.locator(PROJECTOR)).to_have_count(1)
        page.goto("about/?view=normal")
        expect(page.locator(PROJECTOR)).to_have_count(0)

    def test_toggle_is_reachable_by_keyboard(self, page):
        page.goto(TOPIC)
        toggle(page).focus()
        page.keyboard.press("Enter")
        expect(page.locator(PROJECTOR)).to_have_count(1)

    @pytest.mark.parametrize("scheme", ["default", "slate"])
    def test_projector_view_passes_axe_and_aaa_contrast(self, context, scheme):
        context.add_init_script(
            f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}, "
            f"color: {{scheme: '{scheme}', primary: 'custom', accent: 'custom'}}}}))"
        )
        page = context.new_page()
        page.goto(f"{TOPIC}?view=projector")
        expect(page.locator(f"body[data-md-color-scheme={scheme}]")).to_have_count(1)
        assert axe_violations(page) == []
        assert axe_violations(page, ["wcag2aaa"]) == [], "projector colours must reach 7:1"


class TestPresentMode:
    def open(self, page, url=TOPIC):
        page.goto(url)
        page.get_by_role("button", name="Present").click()
        dialog = page.get_by_role("dialog", name="Presenting:")
        expect(dialog).to_be_visible()
        return dialog

    def test_moves_forward_and_back_by_keys_and_leaves_with_escape(self, page):
        dialog = self.open(page)
        progress = dialog.locator(".imr-present__progress")
        expect(progress).to_contain_text("Slide 1 of")
        for key, expected in [("ArrowRight", 2), ("PageDown", 3), (" ", 4), ("ArrowLeft", 3), ("PageUp", 2)]:
            page.keyboard.press(key)
            expect(progress).to_contain_text(f"Slide {expected} of")
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog", name="Presenting:")).to_have_count(0)
        expect(page.get_by_role("button", name="Present")).to_be_focused()

    def test_your_turn_shows_prompts_not_answers(self, page):
        page.goto(TOPIC)
        page.locator("[data-ws-sheet] textarea").first.fill("A private answer")
        dialog = self.open(page)
        page.keyboard.press("End")
        for _ in range(12):
            if dialog.get_by_text("Talk it over").count():
                break
            page.keyboard.press("ArrowLeft")
        expect(dialog.get_by_text("Talk it over")).to_be_visible()
        expect(dialog.locator("textarea, input")).to_have_count(0)
        expect(dialog).not_to_contain_text("A private answer")
        expect(dialog.locator(".practitioner")).to_have_count(0)

    def test_relaxation_steps_are_revealed_one_at_a_time(self, page):
        dialog = self.open(page, RELAXATION)
        progress = dialog.locator(".imr-present__progress")
        for _ in range(10):
            if "step" in progress.inner_text():
                break
            page.keyboard.press("ArrowRight")
        expect(progress).to_contain_text("step 1 of")
        visible_before = dialog.locator("ol > li:visible").count()
        page.keyboard.press("ArrowRight")
        expect(progress).to_contain_text("step 2 of")
        expect(dialog.locator("ol > li:visible")).to_have_count(visible_before + 1)

    def test_present_mode_passes_axe(self, page):
        self.open(page)
        assert axe_violations(page) == []


class TestBreathingPacer:
    def test_pacer_counts_grows_and_pauses(self, page):
        page.goto(RELAXATION)
        pacer = page.locator("[data-imr-pacer]")
        pacer.get_by_role("button", name="Start breathing together").click()
        expect(pacer.locator(".imr-pacer__count")).to_have_text("Breathe in: one")
        expect(pacer.locator(".imr-pacer__count")).to_have_text("Breathe in: two", timeout=3000)
        assert "scale(1)" in pacer.locator(".imr-pacer__circle").get_attribute("style")
        pacer.get_by_role("button", name="Pause").click()
        paused = pacer.locator(".imr-pacer__count").inner_text()
        page.wait_for_timeout(1500)
        assert pacer.locator(".imr-pacer__count").inner_text() == paused
        pacer.get_by_role("button", name="Go on breathing together").click()
        expect(pacer.locator(".imr-pacer__count")).not_to_have_text(paused, timeout=3000)

    def test_pacer_stays_still_for_reduced_motion(self, browser, base_url):
        context = browser.new_context(base_url=base_url, reduced_motion="reduce")
        page = context.new_page()
        page.goto(RELAXATION)
        pacer = page.locator("[data-imr-pacer]")
        pacer.get_by_role("button", name="Start breathing together").click()
        expect(pacer.locator(".imr-pacer__count")).to_have_text("Breathe in: two", timeout=3000)
        assert "scale" not in (pacer.locator(".imr-pacer__circle").get_attribute("style") or "")
        context.close()

    def test_pacer_runs_in_present_mode(self, page):
        page.goto(RELAXATION)
        dialog = present_until(page, "[data-imr-pacer] button")
        dialog.get_by_role("button", name="Start breathing together").click()
        expect(dialog.locator(".imr-pacer__count")).to_have_text("Breathe in: two", timeout=3000)
