"""The downloads hook: links to the PDFs that `make pdf` made, with their page counts.

`make pdf` (tools/make_pdfs.py) renders the print editions into pdf/ at the top of
the project (or the folder named by IMR_PDF_DIR), with a manifest.json that gives
each file's edition and page count. This hook
- copies the PDFs the manifest lists into the site, under pdf/;
- fills <!-- downloads:all --> (on "How to use this site") with a link to each
  ("Download the full manual (PDF, 593 pages)"), and <!-- downloads:module --> (on
  each module's overview, from overrides/curriculum/module-topics.md) with the
  module's handout packet and each of its handouts on its own;
- without PDFs, says instead how to print an edition or save it as a PDF from the
  browser: a page never links a file that is not there.
The blocks are filled at default priority, after mkdocs-print-site-plugin has
captured the page: the printed manual holds no download links.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import curriculum
import strings
import print_editions

# ---------------------------------------------------------------- Data

PDF_DIR_ENV = "IMR_PDF_DIR"
PDF_DIR = "pdf"
MANIFEST = "manifest.json"
SITE_FOLDER = "pdf"
PRINT_PAGE = "print_page/"
MARKER = re.compile(r"<!-- downloads:([a-z-]+) -->")
PAPER_NAMES = {"letter": "US Letter", "a4": "A4"}


@dataclass(frozen=True)
class Download:
    edition: print_editions.Edition
    pages: int


@dataclass(frozen=True)
class Downloads:
    paper: str
    files: list[Download]

    def find(self, edition_id: str) -> Download | None:
        return next((d for d in self.files if d.edition.id == edition_id), None)


# ---------------------------------------------------------------- Hooks

def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<!-- downloads:" not in html_text:
        return html_text
    course = print_editions.load(config)
    downloads = read_downloads(pdf_dir(config), print_editions.all_prints(course))
    return fill_markers(html_text, page, course, downloads, strings.translator(course.lang))


def on_post_build(*, config: MkDocsConfig) -> None:
    folder = pdf_dir(config)
    downloads = read_downloads(folder, print_editions.all_prints(print_editions.load(config)))
    if downloads.files:
        target = Path(config.site_dir) / SITE_FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for download in downloads.files:
            shutil.copy2(folder / download.edition.file, target / download.edition.file)


# ---------------------------------------------------------------- Reading pdf/

def pdf_dir(config: MkDocsConfig) -> Path:
    """pdf/ (or IMR_PDF_DIR), and a translation's PDFs in its <lang>/ folder there."""
    folder = Path(os.environ.get(PDF_DIR_ENV) or curriculum.config_dir(config) / PDF_DIR)
    lang = curriculum.language(config)
    return folder if lang == curriculum.ENGLISH else folder / lang


def read_downloads(folder: Path, editions: list[print_editions.Edition]) -> Downloads:
    """The PDFs in `folder` that its manifest lists and that are really there, in edition order."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Downloads(paper="letter", files=[])
    pages = {
        entry.get("file"): entry.get("pages")
        for entry in manifest.get("files", [])
        if isinstance(entry, dict)
    }
    found = [
        Download(edition, pages[edition.file])
        for edition in editions
        if isinstance(pages.get(edition.file), int) and pages[edition.file] > 0 and (folder / edition.file).is_file()
    ]
    return Downloads(paper=manifest.get("paper", "letter"), files=found)


# ---------------------------------------------------------------- The blocks

def fill_markers(page_html: str, page: Page, course: curriculum.Curriculum, downloads: Downloads,
                 t=strings.translator("en")) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name == "all":
            return all_downloads(page.url, downloads, t)
        if name == "module":
            module = course.modules_by_uri.get(page.file.src_uri)
            if module is None:
                raise PluginError(f"{page.file.src_uri}: <!-- downloads:module --> belongs on a module's overview page.")
            return module_download(page.url, module, downloads, t)
        raise PluginError(f"{page.file.src_uri}: unknown marker <!-- downloads:{name} -->; known: all, module.")

    return MARKER.sub(replace, page_html)


def pages_text(pages: int, t=strings.translator("en")) -> str:
    return t("1 page") if pages == 1 else t("{pages} pages", pages=pages)


def download_link(here: str, download: Download, t=strings.translator("en")) -> str:
    href = get_relative_url(f"{SITE_FOLDER}/{download.edition.file}", here)
    text = t("Download {name} (PDF, {pages})", name=download.edition.name, pages=pages_text(download.pages, t))
    return f'<a href="{html.escape(href)}" download>{html.escape(text)}</a>'


def print_page_link(here: str, text: str, edition: str = "") -> str:
    href = get_relative_url(PRINT_PAGE, here) + (f"?edition={edition}" if edition else "")
    return f'<a href="{html.escape(href)}" target="_self">{html.escape(text)}</a>'


def all_downloads(here: str, downloads: Downloads, t=strings.translator("en")) -> str:
    browser = "<p>" + t(
        "To print an edition from this site, or save it as a PDF yourself: {link}, choose the full manual, the participant workbook, the worksheets or one module's handout packet, then use your browser's Print command. To get a file, choose “Save as PDF” as the printer. Answers you saved in this browser print filled in.",  # noqa: E501 (one message)
        link=print_page_link(here, t("open the print page"))) + "</p>"
    if not downloads.files:
        return f'<div class="imr-downloads">\n{browser}\n</div>'
    paper = t("US Letter") if downloads.paper == "letter" else PAPER_NAMES.get(downloads.paper, downloads.paper)
    whole = [d for d in downloads.files if not d.edition.module and not d.edition.page]
    packets = [d for d in downloads.files if d.edition.module]
    handouts = [d for d in downloads.files if d.edition.page]
    parts = [
        "<p>" + t("Ready-made PDFs, on {paper} paper, with page numbers and bookmarks. Their worksheets are blank.",
                  paper=paper) + "</p>",
    ]
    if whole:
        parts.append("<ul>")
        parts += [f"<li>{download_link(here, d, t)}: {html.escape(d.edition.summary)}.</li>" for d in whole]
        parts.append("</ul>")
    if packets:
        parts.append("<p>" + t("A handout packet for each module: its topics and worksheets, without practitioner notes.") + "</p>")
        parts.append("<ul>")
        parts += [f"<li>{download_link(here, d, t)}: {html.escape(d.edition.summary)}.</li>" for d in packets]
        parts.append("</ul>")
    if handouts:
        parts.append("<p>" + t("Each handout on its own, to give only to the person it is about, without practitioner notes.") + "</p>")
        parts.append("<ul>")
        parts += [f"<li>{download_link(here, d, t)}: {html.escape(d.edition.summary)}.</li>" for d in handouts]
        parts.append("</ul>")
    parts.append(browser)
    return '<div class="imr-downloads">\n' + "\n".join(parts) + "\n</div>"


def module_download(here: str, module: curriculum.Module, downloads: Downloads, t=strings.translator("en")) -> str:
    edition = print_editions.packet(module, t)
    download = downloads.find(edition.id)
    if download is None:
        body = t("{link} (its topics and worksheets, without practitioner notes), then print it or save it as a PDF.",
                 link=print_page_link(here, t("open {name}", name=edition.name), edition.id))
    else:
        body = t("{download}, with blank worksheets, or {link} with your saved answers filled in.",
                 download=download_link(here, download, t),
                 link=print_page_link(here, t("print it from this browser"), edition.id))
    return (f'<p class="imr-downloads"><strong>{t("Print this module:")}</strong> {body}'
            f'{handouts_on_their_own(here, module, downloads, t)}</p>')


def handouts_on_their_own(here: str, module: curriculum.Module, downloads: Downloads, t=strings.translator("en")) -> str:
    """A module's handouts, each for the one person it is about: their PDFs, or how to print one."""
    if not module.handouts:
        return ""
    found = [downloads.find(h.id) for h in print_editions.handout_prints_of(module, t)]
    if not all(found):
        return " " + t("Each handout also prints on its own, from the Print button on its page.")
    links = ", ".join(download_link(here, d, t) for d in found)
    return " " + t("Each handout on its own: {links}.", links=links)
