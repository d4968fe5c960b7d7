"""The minify hook: what leaves the build carries no comments or indentation that a
reader's browser would only throw away, so a first visit loads less.

- Our own stylesheets: without comments and spaces (rcssmin). Material's files are
  minified already.
- Every page: Material's templates indent deeply and leave many blank lines (about
  0.8 KiB of a topic page, gzipped). Lines lose their indentation and blank lines
  go, except inside <pre>, <textarea>, <script> and <style>, whose white space can
  matter. A line break stays a line break, so no words run together.

JavaScript is left as written: the minifiers at hand do not understand template
literals (one removed a space inside one), and our modules are small.
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

OUR_STYLES = "assets/css"
KEPT_AS_WRITTEN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
INDENTED_OR_BLANK = re.compile(r"\n[ \t\n]*")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return squeeze_white_space(output)


def on_post_build(*, config: MkDocsConfig) -> None:
    for path in sorted((Path(config.site_dir) / OUR_STYLES).glob("*.css")):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")


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
