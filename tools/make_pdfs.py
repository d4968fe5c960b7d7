"""Render the print editions to PDF with the headless Chromium: `make pdf`.

Renders from a built site (`make pdf` builds it first, then again afterwards so that
the site links the PDFs). Writes, into pdf/ at the top of the project:
- imr-practitioner-manual.pdf        everything (the combined print page)
- imr-participant-workbook.pdf       topics, handouts and worksheets, no practitioner material
- imr-worksheets-blank.pdf           every participant worksheet, blank
- imr-module-NN-handouts.pdf         one per module: its topics, handouts and worksheets
- imr-handout-2a.pdf ...             each handout on its own, printed from its page,
                                     for the one person it is about
- manifest.json                      each file's edition, title and page count, for
                                     hooks/downloads.py
and the same for each translation, from site/<lang>/ into pdf/<lang>/ (the same file
names, the covers, contents and titles in that language).
The editions, the handouts and their files are listed in hooks/print_editions.py.
Each PDF has page numbers, a document outline (bookmarks) and tags for screen
readers, and is blank: it is rendered in a fresh browser profile with no saved
answers.

Usage: python tools/make_pdfs.py [--paper letter|a4] [--site site] [--out pdf] [--only EDITION ...] [--lang en es]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT)]

import print_editions  # noqa: E402  (after the path to the hooks)

MANIFEST = "manifest.json"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def all_editions(lang: str = "en") -> list[print_editions.Edition]:
    """The print page's editions, then each handout printed from its own page."""
    docs = ROOT / "docs" if lang == "en" else ROOT / "i18n" / lang / "docs"
    return print_editions.all_prints(print_editions.load_from(ROOT, docs, lang))


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def choose_edition(page, edition: print_editions.Edition) -> None:
    """Choose an edition on the print page's edition chooser, and wait until it shows."""
    page.wait_for_selector(".imr-edition")
    if edition.module:
        page.select_option("select[name=imr-module]", edition.id)
    else:
        page.check(f"input[name=imr-edition][value={edition.id}]")
    page.wait_for_selector(f'html[data-imr-edition="{edition.id}"]', state="attached")


def render(site: Path, paper: str, editions: list[print_editions.Edition], out: Path) -> list[dict]:
    """Print each edition of the site's print page to a PDF in `out`; one manifest entry each."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out.mkdir(parents=True, exist_ok=True)
    made = []
    executable = os.environ.get("IMR_CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        # A fresh context (no saved answers), and the print page loaded once: the
        # editions are chosen with its edition chooser, as a person would.
        page = browser.new_context().new_page()
        from_print_page = [e for e in editions if not e.page]
        if from_print_page:
            page.goto(f"{base}print_page/?edition={from_print_page[0].id}", wait_until="load")
        for edition in sorted(editions, key=lambda e: bool(e.page)):
            start = time.perf_counter()
            if edition.page:
                page.goto(f"{base}{edition.page}", wait_until="load")
            else:
                choose_edition(page, edition)
            page.emulate_media(media="print")
            path = out / edition.file
            page.pdf(
                path=str(path),
                format="Letter" if paper == "letter" else "A4",
                print_background=True,  # page numbers come from the print stylesheet
                outline=True,
                tagged=True,
            )
            page.emulate_media(media="screen")
            made.append({
                "file": edition.file,
                "edition": edition.id,
                "title": edition.title,
                "pages": page_count(path),
                "bytes": path.stat().st_size,
                "seconds": round(time.perf_counter() - start, 1),
            })
        page.context.close()
        browser.close()
    server.shutdown()
    return made


def write_manifest(out: Path, paper: str, made: list[dict], lang: str = "en") -> None:
    """Record what was made; entries of an earlier run on the same paper stay if their file does."""
    path = out / MANIFEST
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = {}
    files = {}
    if earlier.get("paper") == paper:
        files = {f["file"]: f for f in earlier.get("files", []) if (out / f["file"]).is_file()}
    files.update({f["file"]: f for f in made})
    order = [e.file for e in all_editions(lang)]
    listed = sorted(files.values(), key=lambda f: order.index(f["file"]) if f["file"] in order else len(order))
    path.write_text(json.dumps({"paper": paper, "files": listed}, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    editions = all_editions()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paper", choices=["letter", "a4"], default="letter")
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site)")
    parser.add_argument("--out", default=str(ROOT / "pdf"), help="folder for the PDFs (default: pdf)")
    parser.add_argument("--only", nargs="+", choices=[e.id for e in editions], help="render only these editions")
    parser.add_argument("--lang", nargs="+", help="render only these languages (default: every one the site has)")
    args = parser.parse_args()
    from tools.build_site import translations

    start = time.perf_counter()
    count = 0
    for lang in ["en", *(lang for lang, _ in translations())]:
        if args.lang and lang not in args.lang:
            continue
        site, out = Path(args.site), Path(args.out)
        if lang != "en":
            site, out = site / lang, out / lang
        if not (site / "print_page" / "index.html").is_file():
            print(f"{site}: no print page (build the site first); no {lang} PDFs", file=sys.stderr)
            continue
        chosen = [e for e in all_editions(lang) if not args.only or e.id in args.only]
        made = render(site, args.paper, chosen, out)
        write_manifest(out, args.paper, made, lang)
        count += len(made)
        for entry in made:
            print(f"{out / entry['file']}: {entry['pages']} pages, {entry['bytes'] // 1024} KiB, {entry['seconds']} s")
    print(f"{count} PDFs in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
