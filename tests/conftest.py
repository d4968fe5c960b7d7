"""Shared fixtures: the site built once, served on a free port, and a real Chromium.

Browser tests use the system Chromium (Debian's `chromium`, installed by `make
test`) through Playwright for Python. A missing browser fails the run: browser
tests are never skipped.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# Other hosts cannot be reached from the test browser at all: every name but the
# local server's resolves to nothing. (A Playwright route would do the same, but
# it sends every request through Python and turns the browser's cache off, which
# made every page load about half as slow again.)
ONLY_THE_LOCAL_SERVER = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
CHROMIUM_ARGS = [
    ONLY_THE_LOCAL_SERVER,
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build_site(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict build (without -q, which would hide the warnings strict counts),
    with `env` added to the environment."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def strict_build_problem(site_dir: Path, env: dict | None = None) -> str:
    """The project built into `site_dir`, every language (tools/build_site.py): what went
    wrong, or "" if nothing did."""
    from tools.build_site import build_all

    return build_all(site_dir, env)


def built_once(tmp_path_factory, worker_id: str, name: str, build) -> Path:
    """`build(folder)` run once per test run, the site it makes being `folder/site`:
    pytest-xdist's workers share it (the first to take the lock builds it, the others
    wait and read it). `build` returns what went wrong, or "" if nothing did."""
    if worker_id == "master":
        shared = tmp_path_factory.mktemp(name)
    else:
        shared = tmp_path_factory.getbasetemp().parent / name
        shared.mkdir(exist_ok=True)
    done = shared / "built"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            done.write_text(build(shared) or "ok")
    assert done.read_text() == "ok", done.read_text()
    return shared / "site"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, worker_id) -> Path:
    """The site, built once per run."""
    return built_once(tmp_path_factory, worker_id, "site-build", lambda folder: strict_build_problem(folder / "site"))


# An agency's edition as an agency makes it: its agency file (a fixture for another
# country: tests/test_agency.py) and its PDFs (stand-ins, with the manifest `make
# pdf` writes). Built once per run: the agency tests and the test of the download
# links in a built site (tests/test_print_editions.py) read it.
AGENCY_FIXTURE = ROOT / "tests" / "fixtures" / "agency-gb.yml"
AGENCY_PDFS = {"imr-practitioner-manual.pdf": 593, "imr-module-01-handouts.pdf": 48}


@pytest.fixture(scope="session")
def agency_site(tmp_path_factory, worker_id) -> Path:
    import agency
    import downloads
    from helpers import fake_pdf_folder

    def build(folder: Path) -> str:
        pdfs = fake_pdf_folder(folder / "pdf", AGENCY_PDFS)
        fake_pdf_folder(pdfs / "es", AGENCY_PDFS)  # the Spanish edition's, which `make pdf` puts in pdf/es/
        return strict_build_problem(folder / "site", {agency.ENV: str(AGENCY_FIXTURE), downloads.PDF_DIR_ENV: str(pdfs)})

    return built_once(tmp_path_factory, worker_id, "agency-site", build)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that drops a connection it no longer needs is not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> str:
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def chromium_path() -> str | None:
    explicit = os.environ.get("IMR_CHROMIUM")
    if explicit:
        return explicit
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as error:
            pytest.fail(
                "No browser for the browser tests. Run `make test` (it installs Debian's chromium), "
                f"or set IMR_CHROMIUM to a Chromium binary. Playwright said: {error}",
                pytrace=False,
            )
        yield launched
        launched.close()


class OutsideRequests(list):
    """Every request a page tried to make to a host other than the local server."""


# A laptop's screen, the size every test starts at (tests that need another size
# of screen people use set it themselves: 1366x768, 390x844, 360x740).
LAPTOP = {"width": 1280, "height": 720}


@pytest.fixture
def context(browser, base_url):
    """A fresh browser context (empty storage) per test, at LAPTOP size. The browser
    cannot reach another host (ONLY_THE_LOCAL_SERVER); every request it tries to make
    to one is recorded in `context.outside_requests`."""
    context = browser.new_context(base_url=base_url, accept_downloads=True, viewport=LAPTOP)
    outside = OutsideRequests()
    local_host = urlparse(base_url).netloc

    def record_outside(request):
        parsed = urlparse(request.url)
        if parsed.scheme not in ("data", "blob") and parsed.netloc != local_host:
            outside.append(request.url)

    context.set_default_timeout(10_000)
    # The print page holds the whole curriculum: give page loads more time on a busy machine.
    context.set_default_navigation_timeout(60_000)
    context.on("request", record_outside)
    context.outside_requests = outside
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


# Tests that take half a minute or more start first, longest first, so that
# pytest-xdist's workers share them out and the short tests fill in around them,
# rather than one long test starting last and running on alone (pyproject.toml
# also has idle workers steal queued tests: --dist worksteal).
LONG_TESTS = (
    "test_real_sizes.py::test_every_page_",
    "test_html_validity.py::test_site_markup_is_valid",
    "test_real_sizes.py::test_the_print_page_passes_axe",
    "test_print_editions.py::test_each_cover_names",
    "test_print_editions.py::test_module_packet_pdf",
    "test_session_kit.py::test_supporters_pages_print",
    "test_print_editions.py::test_worksheets_pdf",
    "test_worksheets.py::TestAutosave::test_every_field_of_every_worksheet",
    "test_diagrams.py::TestInTheBrowser::test_every_label_is_readable",
)


def longest_first(item) -> int:
    return next((rank for rank, long in enumerate(LONG_TESTS) if long in item.nodeid), len(LONG_TESTS))


def pytest_collection_modifyitems(config, items):
    items.sort(key=longest_first)
