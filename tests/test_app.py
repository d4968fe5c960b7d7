"""Install on a phone and open with no network after one visit (hooks/app.py,
hooks/sw.js, docs/assets/js/app.js).

The manifest and its icons; the service worker's source (only this site's files,
no other host, never storage); then in Chromium: after one visit with a network,
with the browser context offline, a visited page, a worksheet never opened,
Crisis and safety, My answers and search open; an answer typed offline is kept;
instant navigation goes through the worker; a new version shows a quiet notice
that passes axe and reloads only when asked.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import struct
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import LAPTOP, QuietHandler, QuietServer
from helpers import ROOT, axe_violations, worksheet_slugs

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))
import app  # noqa: E402  (after the paths to the hooks and the tools)
import make_icons  # noqa: E402

pytestmark = pytest.mark.browser

TOPIC = "modules/01-recovery-strategies/choosing-a-goal/"
OTHER_TOPIC = "modules/02-practical-facts/positive-steps/"
SHEET = "worksheets/recovery-goal/"
NEVER_OPENED_SHEET = "worksheets/coping-strategies/"
PHONE = {"width": 390, "height": 844}
NOTICE = ".imr-update"
VERSION = re.compile(r'var VERSION = "([0-9a-f]{16})";')

# Resolves once this page is controlled by an active worker whose install (the
# precache) has finished: the registration waits 2 s after load.
CONTROLLED_JS = """async () => {
  const registration = await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  }
  const worker = registration.active;
  if (worker.state !== 'activated') {
    await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
  }
  return worker.state;
}"""
CACHE_NAMES_JS = "() => caches.keys()"
CACHED_URLS_JS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def worker_source(site_dir: Path) -> str:
    return (site_dir / app.WORKER).read_text(encoding="utf-8")


def precache(site_dir: Path) -> list[str]:
    return json.loads(re.search(r"var PRECACHE = (\[.*?\]);", worker_source(site_dir), re.S).group(1))


def wait_controlled(page):
    assert page.evaluate(CONTROLLED_JS) == "activated"


def wait_saved(page):
    expect(page.locator(".ws-status[role=status]").last).to_contain_text("Saved on this device")


# ---------------------------------------------------------------- The build


def test_the_manifest_is_valid_and_its_icons_exist(site_dir):
    manifest = json.loads((site_dir / app.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == "Illness Management and Recovery"
    assert manifest["short_name"] == "IMR"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "./" and manifest["scope"] == "./", "relative: a site in a sub-folder works"
    assert manifest["theme_color"].lower() == "#0b5c63"
    assert manifest["background_color"].lower() == "#ffffff"
    sizes = {}
    for icon in manifest["icons"]:
        assert not re.match(r"(?:[a-z]+:)?/", icon["src"]), f"{icon['src']} must be relative"
        width, height = png_size(site_dir / icon["src"])
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png", icon
        sizes.setdefault(icon.get("purpose", "any"), set()).add(width)
    assert {192, 512} <= sizes["any"]
    # Every page links it (relative to the page) and names the theme colour.
    for page in ("index.html", f"{TOPIC}index.html", "crisis/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        link = re.search(r'<link rel="manifest" href="([^"]+)"', html)
        assert link, f"{page} links no manifest"
        assert (site_dir / Path(page).parent / link.group(1)).resolve() == (site_dir / app.MANIFEST).resolve()
        assert '<meta name="theme-color" content="#0b5c63">' in html


def test_the_committed_icons_are_those_the_tool_draws():
    icons = ROOT / "docs" / "assets" / "icons"
    for name, (size, _) in make_icons.ICONS.items():
        assert png_size(icons / name) == (size, size), f"{name}: run tools/make_icons.py"
    assert "<circle" in make_icons.MARK.read_text(encoding="utf-8"), "the mark the icons are drawn from"


def test_the_worker_keeps_only_this_sites_files(site_dir):
    source = worker_source(site_dir)
    assert VERSION.search(source), "VERSION is a hash of the build"
    assert not re.search(r"https?://|['\"]//", source), "no address of another host, and no absolute address at all"
    assert "localStorage" not in source and "sessionStorage" not in source and "indexedDB" not in source
    assert "url.origin !== self.location.origin" in source, "requests to another host pass by untouched"
    listed = precache(site_dir)
    assert len(listed) == len(set(listed))
    pages = {"", "my-answers/", "crisis/", "worksheets/"} | {f"worksheets/{slug}/" for slug in worksheet_slugs()}
    assert pages <= set(listed), sorted(pages - set(listed))
    for wanted in ("assets/css/imr.css", "assets/js/answers.js", "assets/js/views.js", "assets/sheets.json",
                   "assets/favicon.svg", "assets/icons/icon-192.png", "manifest.webmanifest"):
        assert wanted in listed
    assert any(re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", p) for p in listed)
    assert any(re.fullmatch(r"assets/stylesheets/main\.\w+\.min\.css", p) for p in listed)
    for entry in listed:
        assert not entry.startswith(("/", "http")), entry
        assert (site_dir / entry / "index.html" if entry == "" or entry.endswith("/") else site_dir / entry).is_file(), entry
    assert "print_page/" not in listed, "the whole manual is kept only once opened"


def test_the_version_changes_with_the_site_and_only_with_it(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    before = app.version(copy)
    (copy / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (copy / app.WORKER).write_text("changed", encoding="utf-8")
    assert app.version(copy) == before, "the sitemap's dates and the worker itself do not make a new version"
    page = copy / "crisis" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- a correction -->", encoding="utf-8")
    assert app.version(copy) != before


def test_the_offline_edition_has_no_worker_and_no_manifest():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs-offline.yml"))
    assert app.is_offline_edition(config)
    assert not app.is_offline_edition(load_config(str(ROOT / "mkdocs.yml")))
    hooks = [Path(name).name for name in config.plugins if name.endswith(".py")]
    assert hooks[-1] == "app.py", "app.py is inherited by the offline edition and runs last"


# ---------------------------------------------------------------- In the browser


def test_after_one_visit_pages_open_with_no_network(context, page, site_dir):
    page.goto(TOPIC)
    wait_controlled(page)
    page.goto(OTHER_TOPIC)  # opened once the worker is on: kept as it arrives
    expect(page.locator("h1")).to_be_visible()
    cached = page.evaluate(CACHED_URLS_JS)
    assert any(url.endswith(TOPIC) for url in cached), "the page of the first visit is kept"
    assert len(cached) >= len(precache(site_dir))

    context.set_offline(True)
    for path, title in [(TOPIC, "Identifying a personal recovery goal"), (OTHER_TOPIC, None), (NEVER_OPENED_SHEET, None),
                        ("crisis/", "Crisis and safety"), ("my-answers/", "My answers"), ("", None)]:
        response = page.goto(path)
        assert response is not None and response.ok, path
        heading = page.locator("article h1").first
        expect(heading).to_be_visible()
        if title:
            expect(heading).to_contain_text(title)
    page.goto(NEVER_OPENED_SHEET)
    expect(page.locator("[data-ws-sheet][data-ws-bound]").first).to_be_visible(), "its scripts ran, from the cache"
    assert context.outside_requests == []


def test_a_page_never_kept_says_so_offline(context, page):
    page.goto("")
    wait_controlled(page)
    context.set_offline(True)
    response = page.goto("program-guide/evidence/")
    assert response.status == 503
    expect(page.locator("h1")).to_have_text("This page is not saved on this device")
    page.get_by_role("link", name="Crisis and safety").click()
    expect(page.locator("article h1").first).to_contain_text("Crisis and safety")


def test_an_answer_typed_offline_is_kept(context, page):
    page.goto(TOPIC)
    wait_controlled(page)
    context.set_offline(True)
    page.goto(SHEET)
    field = page.locator("textarea[data-ws-field], input[type=text][data-ws-field]").first
    field.press_sequentially("Walk to the park on Sundays", delay=10)
    wait_saved(page)
    context.set_offline(False)
    page.reload()
    expect(page.locator("[data-ws-sheet][data-ws-bound]").first).to_be_visible()
    expect(page.locator("textarea[data-ws-field], input[type=text][data-ws-field]").first).to_have_value(
        "Walk to the park on Sundays")


def test_search_works_offline_once_opened(context, page):
    page.goto(TOPIC)
    wait_controlled(page)

    def search(word: str):
        page.keyboard.press("/")
        box = page.locator("input[data-md-component=search-query]")
        expect(box).to_be_focused()
        box.press_sequentially(word, delay=30)
        expect(page.locator(".md-search-result__item").first).to_be_visible()

    search("relapse")
    context.set_offline(True)
    page.goto(SHEET)
    search("relapse")


# ---------------------------------------------------------------- A new version


@pytest.fixture
def own_site(site_dir, tmp_path):
    """A copy of the site on a server of its own, so that a test can publish a new version."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(copy)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sitemap = copy / "sitemap.xml"
    sitemap.write_text(re.sub(r"<loc>https?://[^/<]+/", f"<loc>{base}", sitemap.read_text(encoding="utf-8")),
                       encoding="utf-8")
    yield copy, base
    server.shutdown()


@pytest.fixture
def own_page(browser, own_site):
    copy, base = own_site
    context = browser.new_context(base_url=base, viewport=LAPTOP)
    context.set_default_timeout(15_000)
    outside, errors = [], []
    host = urlparse(base).netloc
    context.on("request", lambda r: urlparse(r.url).netloc == host or r.url.startswith(("data:", "blob:"))
               or outside.append(r.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield copy, page
    context.close()
    assert outside == [], outside
    assert errors == [], errors


def publish_new_version(copy: Path) -> str:
    worker = copy / app.WORKER
    source = worker.read_text(encoding="utf-8")
    new = "0123456789abcdef"
    assert VERSION.search(source).group(1) != new
    worker.write_text(VERSION.sub(f'var VERSION = "{new}";', source), encoding="utf-8")
    return new


def test_a_new_version_shows_a_notice_and_reloads_only_when_asked(own_page):
    copy, page = own_page
    page.goto(SHEET)
    wait_controlled(page)
    old = page.evaluate(CACHE_NAMES_JS)
    assert len(old) == 1
    expect(page.locator(NOTICE)).to_have_count(0)

    new = publish_new_version(copy)
    page.reload()  # a visit after the site was published again
    page.evaluate("window.__marker = 'not reloaded'")
    notice = page.locator(NOTICE)
    expect(notice).to_be_visible(timeout=20_000)
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_contain_text("A new version of this site is ready. Reload to use it.")
    page.locator("textarea[data-ws-field], input[type=text][data-ws-field]").first.press_sequentially("still typing")
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__marker") == "not reloaded", "nothing reloads by itself"
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")

    # Quiet and fixed: it passes axe and takes no room from the page.
    assert axe_violations(page, context={"include": [[NOTICE]]}) == []
    assert page.evaluate(f"getComputedStyle(document.querySelector('{NOTICE}')).position") == "fixed"
    page.set_viewport_size(PHONE)
    assert axe_violations(page, context={"include": [[NOTICE]]}) == []
    for button in notice.get_by_role("button").all():
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.set_viewport_size(LAPTOP)

    notice.get_by_role("button", name="Not now").click()
    expect(notice).to_have_count(0)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__marker") == "not reloaded"

    page.reload()  # the new version still waits, and is offered again
    page.evaluate("window.__marker = 'not reloaded'")
    expect(notice).to_be_visible(timeout=20_000)
    with page.expect_event("load"):
        notice.get_by_role("button", name="Reload").click()
    assert page.evaluate("window.__marker") is None, "Reload reloads"
    wait_controlled(page)
    names = page.evaluate(CACHE_NAMES_JS)
    assert len(names) == 1 and names[0].endswith(":" + new), names
    assert names != old
    expect(page.locator(NOTICE)).to_have_count(0)
    expect(page.locator("textarea[data-ws-field], input[type=text][data-ws-field]").first).to_have_value("still typing")


def test_instant_navigation_goes_through_the_worker(own_page):
    """Material intercepts only links of its sitemap, at the address the site is published at:
    the copy's sitemap names its own server."""
    _, page = own_page
    context = page.context
    page.goto(TOPIC)
    wait_controlled(page)
    page.evaluate("window.__marker = 'same document'")
    with page.expect_response(lambda response: response.url.endswith("/crisis/")) as fetched:
        page.locator(".imr-crisis-band a", has_text="Crisis and safety").click()
    expect(page.locator("article h1").first).to_contain_text("Crisis and safety")
    assert page.evaluate("window.__marker") == "same document", "instant navigation, not a full load"
    assert fetched.value.request.resource_type in ("fetch", "xhr")
    assert fetched.value.from_service_worker, "the worker answered instant navigation's request"
    context.set_offline(True)
    with page.expect_response(lambda response: response.url.endswith("/worksheets/")) as fetched:
        page.locator(".md-tabs a", has_text="Worksheets").first.click()
    expect(page.locator("article h1").first).to_contain_text("Worksheets")
    assert page.evaluate("window.__marker") == "same document", "instant navigation with no network, from the cache"
    assert fetched.value.from_service_worker
