"""Benchmark: how fast the site builds, how much a reader downloads, Lighthouse scores.

Run with `make bench`. Prints one table and writes bench/results/latest.json.
Not a test: the figures depend on the machine, so they are recorded in
MAINTAINING.md's "Performance" section with the machine and date they came from.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAGES = {
    "home": "",
    "topic page": "modules/01-recovery-strategies/choosing-a-goal/",
    "worksheet page": "worksheets/recovery-goal/",
}
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
TOPIC_BUDGET_KIB = 90
BUILD_BUDGET_S = 10


def build(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    return time.perf_counter() - start


COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site the way a static host does: text gzipped when the browser asks."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def chromium() -> str:
    return os.environ.get("IMR_CHROMIUM") or shutil.which("chromium") or shutil.which("google-chrome") or ""


def page_weight(base: str, path: str) -> dict:
    """Every response a first visit loads (no cache), gzipped as a server would send it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium() or None, args=["--no-sandbox"])
        page = browser.new_page()
        bodies: list[tuple[str, bytes]] = []
        page.on("response", lambda response: bodies.append((response.url, response.body())) if response.ok else None)
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        browser.close()
    raw = sum(len(body) for _, body in bodies)
    zipped = sum(len(gzip.compress(body, 9)) for _, body in bodies)
    return {"requests": len(bodies), "raw_kib": round(raw / 1024, 1), "gzip_kib": round(zipped / 1024, 1)}


def lighthouse(base: str, path: str) -> dict:
    binary = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        return {"error": "lighthouse is not installed: run `make bench`"}
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                str(binary), base + path, "--output=json", "--quiet",
                "--only-categories=performance,accessibility,best-practices,seo",
                f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}",
            ],
            env={**os.environ, "CHROME_PATH": chromium()},
            capture_output=True,
            text=True,
            timeout=300,
        )
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}
    report = json.loads(result.stdout)
    return {name: category["score"] for name, category in report["categories"].items()}


def main() -> None:
    site = Path(tempfile.mkdtemp(prefix="imr-bench-"))
    build(site)  # a first build warms caches; the second one is timed
    seconds = build(site)
    pages = len(list(site.rglob("index.html")))
    index = site / "search" / "search_index.json"
    results = {
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "build_seconds": round(seconds, 2),
        "pages": pages,
        "search_index_kib": round(index.stat().st_size / 1024, 1),
        "search_index_gzip_kib": round(len(gzip.compress(index.read_bytes(), 9)) / 1024, 1),
        "pages_measured": {},
    }
    server, base = serve(site)
    try:
        for name, path in PAGES.items():
            results["pages_measured"][name] = {"path": path or "/", **page_weight(base, path), "lighthouse": lighthouse(base, path)}
    finally:
        server.shutdown()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    report(results)


def report(results: dict) -> None:
    print(f"machine: {results['machine']}")
    print(f"build: {results['build_seconds']} s (target <= {BUILD_BUDGET_S} s), {results['pages']} pages")
    print(f"search index: {results['search_index_kib']} KiB, {results['search_index_gzip_kib']} KiB gzipped")
    for name, data in results["pages_measured"].items():
        scores = data["lighthouse"]
        score_text = ", ".join(f"{k} {v}" for k, v in scores.items())
        budget = f" (budget {TOPIC_BUDGET_KIB} KiB)" if name == "topic page" else ""
        print(f"{name}: {data['requests']} requests, {data['gzip_kib']} KiB gzipped{budget}; lighthouse: {score_text}")
        for category, target in TARGETS.items():
            if isinstance(scores.get(category), (int, float)) and scores[category] < target:
                print(f"  below target: {category} {scores[category]} < {target}")


if __name__ == "__main__":
    main()
