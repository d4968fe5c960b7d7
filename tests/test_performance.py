"""Page weight and stability: a first visit stays light, search loads its index only
when a reader opens it, and nothing on the page moves as it comes to life.

Timings are left to `make bench` (they depend on the machine); these checks do not."""

from __future__ import annotations

import gzip

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TOPIC = "modules/01-recovery-strategies/choosing-a-goal/"
WORKSHEET = "worksheets/recovery-goal/"
# 90 until the Spanish edition (December 2026) put a language selector in every page's
# header and our scripts' words behind words.js: about 0.5 KiB, so 91.
TOPIC_BUDGET_KIB = 91
SEARCH_INDEX = "search/search_index.json"

LAYOUT_SHIFTS_JS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push({
      value: entry.value,
      nodes: entry.sources.map((s) => s.node ? String(s.node.className || s.node.nodeName) : "?"),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def first_visit(page, path):
    """Every response of a first visit (empty cache) and its gzipped size."""
    bodies = []
    page.on("response", lambda response: bodies.append((response.url, response.body())) if response.ok else None)
    page.goto(path, wait_until="networkidle")
    page.wait_for_timeout(300)
    return {url: len(gzip.compress(body, 9)) for url, body in bodies}


def test_topic_page_first_visit_is_within_budget(page):
    sizes = first_visit(page, TOPIC)
    total_kib = sum(sizes.values()) / 1024
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert total_kib <= TOPIC_BUDGET_KIB, f"{total_kib:.1f} KiB gzipped; heaviest: {heaviest}"


def test_search_index_loads_only_when_search_opens(page):
    sizes = first_visit(page, TOPIC)
    assert not [url for url in sizes if url.endswith(SEARCH_INDEX)], "the index loaded before anyone searched"
    assert not [url for url in sizes if "/workers/search." in url]
    with page.expect_response(lambda response: response.url.endswith(SEARCH_INDEX)):
        page.keyboard.press("/")
    box = page.locator("input[data-md-component=search-query]")
    expect(box).to_be_focused()
    box.press_sequentially("relapse", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("path", [TOPIC, WORKSHEET, ""])
def test_nothing_moves_as_the_page_comes_to_life(context, path):
    """On a slow phone the first paint comes before our scripts run; what they add
    (the projector toggle, the worksheet toolbar, page actions) must not push
    anything already on screen."""
    page = context.new_page()
    page.set_viewport_size({"width": 412, "height": 823})
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions",
             {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 100_000})
    page.add_init_script(LAYOUT_SHIFTS_JS)
    page.goto(path, wait_until="networkidle", timeout=60_000)
    page.wait_for_timeout(1000)
    shifts = page.evaluate("window.__shifts")
    assert sum(shift["value"] for shift in shifts) < 0.01, shifts


def test_our_styles_are_minified(site_dir):
    for path in site_dir.glob("assets/css/*.css"):
        text = path.read_text(encoding="utf-8")
        assert "/* " not in text and "\n\n" not in text, f"{path.name} still carries comments"
