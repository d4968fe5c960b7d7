"""The minify hook: what leaves the build carries no comments or indentation that a
reader's browser would only throw away, so a first visit loads less.

- Our styles: styles/ holds one file a concern (STYLE_FILES, in the order they
  cascade: paper last, so that print rules win). They are joined into the one
  stylesheet every page links (assets/css/imr.css), without comments and spaces
  (rcssmin). The print page's own rules (print-page.css: editions, covers) go to a
  second stylesheet that only the print page links. Material's files are
  minified already.
- Every page: Material's templates indent deeply and leave many blank lines (about
  0.8 KiB of a topic page, gzipped). Lines lose their indentation and blank lines
  go, except inside <pre>, <textarea>, <script> and <style>, whose white space can
  matter. A line break stays a line break, so no words run together.

JavaScript is left as written: the minifiers at hand do not understand template
literals (one removed a space inside one), and our modules are small.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import rcssmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

OUR_STYLES = "assets/css"
STYLES_DIR = "styles"
STYLESHEET = "assets/css/imr.css"
# The order is the cascade: later files win where selectors are equally specific.
STYLE_FILES = ["palette.css", "page.css", "worksheets.css", "diagrams.css", "projector.css", "present.css", "paper.css"]
# The print page's own styles, linked from the print page only (after imr.css).
PRINT_PAGE_STYLES = "print-page.css"
PRINT_PAGE_STYLESHEET = "assets/css/print-page.css"
PRINT_PAGES = ("print_page/index.html", "print_page.html")  # online, and offline (no directory URLs)
KEPT_AS_WRITTEN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
INDENTED_OR_BLANK = re.compile(r"\n[ \t\n]*")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return squeeze_white_space(output)


def on_post_build(*, config: MkDocsConfig) -> None:
    site, root = Path(config.site_dir), Path(config.config_file_path).parent
    target = site / STYLESHEET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(joined_styles(root), encoding="utf-8")
    (site / PRINT_PAGE_STYLESHEET).write_text((root / STYLES_DIR / PRINT_PAGE_STYLES).read_text(encoding="utf-8"),
                                              encoding="utf-8")
    for name in PRINT_PAGES:
        if (site / name).is_file():
            link_print_page_styles(site / name, site / PRINT_PAGE_STYLESHEET)
    for path in sorted((Path(config.site_dir) / OUR_STYLES).glob("*.css")):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")


def joined_styles(root: Path) -> str:
    """styles/, one file a concern, as one stylesheet in the order of STYLE_FILES."""
    folder = root / STYLES_DIR
    found = {path.name for path in folder.glob("*.css")}
    unlisted = sorted(found - set(STYLE_FILES) - {PRINT_PAGE_STYLES})
    if unlisted:
        raise PluginError(f"{STYLES_DIR}/: {', '.join(unlisted)} is not in STYLE_FILES (hooks/minify.py): "
                          "add it where it belongs in the cascade.")
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in STYLE_FILES)


def link_print_page_styles(page: Path, sheet: Path) -> None:
    """The print page links its own stylesheet, after ours."""
    href = os.path.relpath(sheet, page.parent).replace(os.sep, "/")
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</head>", f'<link rel="stylesheet" href="{href}">\n</head>', 1), encoding="utf-8")


def squeeze_white_space(html: str) -> str:
    """Indentation and blank lines out, outside the elements whose white space counts."""
    pieces = KEPT_AS_WRITTEN.split(html)
    # split() with two groups gives [text, whole element, tag name, text, ...]
    out = []
    for index, piece in enumerate(pieces):
        kind = index % 3
        if kind == 0:
            out.append(INDENTED_OR_BLANK.sub("\n", piece))
        elif kind == 1:
            out.append(piece)
    return "".join(out)
