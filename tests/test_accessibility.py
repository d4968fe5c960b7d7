"""WCAG 2.2 AA on every page, in the light and dark schemes and the projector view (axe-core)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helpers import axe_violations
from test_privacy import all_page_paths

pytestmark = pytest.mark.browser

SCHEMES = {
    "light": "{index: 0, color: {scheme: 'default', primary: 'custom', accent: 'custom'}}",
    "dark": "{index: 1, color: {scheme: 'slate', primary: 'custom', accent: 'custom'}}",
}


@pytest.mark.parametrize("view", ["light", "dark", "projector"])
def test_every_page_passes_axe(context, site_dir, view):
    scheme = SCHEMES["light" if view == "projector" else view]
    context.add_init_script(f"localStorage.setItem('/.__palette', JSON.stringify({scheme}))")
    if view == "projector":
        context.add_init_script("localStorage.setItem('imr.view', 'projector')")
    page = context.new_page()
    # Tall enough that no navigation link is half hidden by the sidebar's own
    # scrolling, which axe's target-size rule would count against the link.
    page.set_viewport_size({"width": 1280, "height": 2400})
    failures = {}
    for path in all_page_paths(site_dir):
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            failures[path or "/"] = violations
    assert failures == {}, "\n".join(f"{p}: {v}" for p, v in list(failures.items())[:15])


def test_skip_link_moves_focus_to_the_content(page):
    page.goto("modules/01-recovery-strategies/choosing-a-goal/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") != ""


def test_worksheet_is_usable_at_200_percent_zoom(context):
    """At 200% zoom a 1280px window is 640 CSS pixels wide: nothing should scroll sideways."""
    page = context.new_page()
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto("worksheets/recovery-goal/")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.set_viewport_size({"width": 360, "height": 740})
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, "the worksheet scrolls sideways on a phone"
