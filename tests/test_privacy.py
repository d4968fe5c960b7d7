"""Nothing leaves the browser: no page asks any other host for anything."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def all_page_paths(site_dir) -> list[str]:
    paths = []
    for index in sorted(site_dir.rglob("index.html")):
        relative = index.parent.relative_to(site_dir).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


# Every page, the print page included, is visited in tests/test_real_sizes.py
# (test_every_page_at_the_sizes_people_use and
# test_the_print_page_passes_axe_and_asks_nothing_of_another_host) in a context
# that records every request to another host (conftest.py): one visit per page
# serves the privacy sweep and the accessibility sweep.


def test_an_outside_request_is_caught(context):
    """The check above can fail: a page that loads a web font from another host is caught."""
    page = context.new_page()
    page.goto("about/")
    page.evaluate(
        "() => { const l = document.createElement('link'); l.rel = 'stylesheet';"
        " l.href = 'https://fonts.googleapis.com/css?family=Roboto'; document.head.append(l); }"
    )
    page.wait_for_timeout(300)
    assert any("fonts.googleapis.com" in url for url in context.outside_requests)


def test_no_web_fonts_or_analytics_in_the_markup(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    for marker in ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "google-analytics", "api.github.com"):
        assert marker not in home
