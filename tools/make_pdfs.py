"""Render the printable editions to PDF with the headless Chromium: `make pdf`.

Builds nothing itself: `make pdf` builds site/ first. Writes, into site/pdf/:
- imr-practitioner-manual.pdf   everything (the combined print page)
- imr-participant-workbook.pdf  handouts and worksheets, no practitioner material
- imr-worksheets-blank.pdf      every worksheet, blank
Each has page numbers, a document outline (bookmarks) and tags for screen readers.
Usage: python tools/make_pdfs.py [--paper letter|a4] [--site site] [--only EDITION] [--out DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import threading
import time
from pathlib import Path

EDITIONS = {
    "imr-practitioner-manual.pdf": "manual",
    "imr-participant-workbook.pdf": "workbook",
    "imr-worksheets-blank.pdf": "worksheets",
}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def render(site: Path, paper: str, editions: dict[str, str] = EDITIONS, out: Path | None = None) -> list[tuple[Path, float]]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = out or site / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    made = []
    executable = os.environ.get("IMR_CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for name, edition in editions.items():
            start = time.perf_counter()
            page = browser.new_context().new_page()  # a fresh context: no saved answers
            page.goto(f"{base}print_page/?edition={edition}", wait_until="load")
            page.wait_for_selector(".imr-edition")
            page.emulate_media(media="print")
            page.pdf(
                path=str(out / name),
                format="Letter" if paper == "letter" else "A4",
                print_background=True,  # page numbers come from the print stylesheet
                outline=True,
                tagged=True,
            )
            page.context.close()
            made.append((out / name, time.perf_counter() - start))
        browser.close()
    server.shutdown()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paper", choices=["letter", "a4"], default="letter")
    parser.add_argument("--site", default="site")
    parser.add_argument("--only", choices=sorted(set(EDITIONS.values())), help="render one edition")
    parser.add_argument("--out", help="folder for the PDFs (default: SITE/pdf)")
    args = parser.parse_args()
    editions = {name: e for name, e in EDITIONS.items() if not args.only or e == args.only}
    for path, seconds in render(Path(args.site), args.paper, editions, Path(args.out) if args.out else None):
        print(f"{path} ({path.stat().st_size // 1024} KiB, {seconds:.1f} s)")


if __name__ == "__main__":
    main()
