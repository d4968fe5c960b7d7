"""WCAG 2.2 AA beyond the page sweep: skip link, zoom (the axe sweep of every page is in test_real_sizes.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect


pytestmark = pytest.mark.browser

# The sweep of every page with axe-core, at the sizes people use (laptops, a
# phone, the projector view), is in test_real_sizes.py.


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
