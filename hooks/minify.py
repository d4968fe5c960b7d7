"""The minify hook: our own stylesheets leave the build without comments and
spaces, so a first visit loads less. Material's files are minified already.

JavaScript is left as written: the minifiers at hand do not understand template
literals (one removed a space inside one), and our modules are small.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
from mkdocs.config.defaults import MkDocsConfig

OUR_STYLES = "assets/css"


def on_post_build(*, config: MkDocsConfig) -> None:
    for path in sorted((Path(config.site_dir) / OUR_STYLES).glob("*.css")):
        path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
