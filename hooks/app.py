"""The app hook: install on a phone, and open with no network after one visit.

- `manifest.webmanifest` at the site's root: name, short name, icons (drawn from
  the site's mark by tools/make_icons.py into docs/assets/icons/), theme colours,
  `display: standalone`, start at the home page. Every address in it is relative
  to it, so a site published in a sub-folder works.
- `sw.js` at the site's root, from hooks/sw.js: the service worker, with VERSION (a
  hash of the built files, so every change to the site makes a new version, and
  the page offers to reload) and PRECACHE (the home page, every worksheet, My
  answers, Crisis and safety, our styles and scripts, Material's bundle and
  stylesheets, the icons and the manifest).
- `config.extra.imr_app`: overrides/main.html links the manifest and registers the
  worker (assets/js/app.js) only when it is set.

The offline edition (mkdocs-offline.yml, opened from file://, where browsers have
no service workers) gets none of this: no manifest, no worker, no icons.

on_post_build runs last (priority -100), after hooks/minify.py has written our
stylesheet and hooks/worksheets.py the worksheet titles, so the hash sees them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

HERE = Path(__file__).resolve().parent
WORKER_SOURCE = HERE / "sw.js"
WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
ICONS = "assets/icons"
SHORT_NAME = "IMR"
THEME_COLOR = "#0b5c63"  # --imr-brand in styles/palette.css
BACKGROUND_COLOR = "#ffffff"
MANIFEST_ICONS = [
    {"src": f"{ICONS}/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": f"{ICONS}/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": f"{ICONS}/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
]

# Pages every visit keeps (folder addresses, relative to the root), besides every
# worksheet: each must be in the build.
PAGES = ["", "my-answers/", "crisis/", "worksheets/"]
WORKSHEETS = "worksheets"
# Files every visit keeps: (folder, pattern), relative to the root.
FILES = [
    ("assets/css", "imr.css"),
    ("assets/js", "**/*.js"),
    ("assets", "sheets.json"),
    ("assets", "imr-words.js"),  # a translated site's script words (hooks/language.py)
    ("assets", "favicon.svg"),
    ("assets/javascripts", "bundle.*.min.js"),
    ("assets/stylesheets", "*.min.css"),
    (ICONS, "*.png"),
    (".", MANIFEST),
    (".", "sitemap.xml"),
]
# Left out of VERSION: the worker itself, source maps, and the sitemaps, whose
# dates change with every build even when nothing else does.
UNHASHED = {WORKER, "sitemap.xml", "sitemap.xml.gz"}
PLACEHOLDERS = ('"__VERSION__"', "__PRECACHE__")


def is_offline_edition(config: MkDocsConfig) -> bool:
    return any(name == "offline" or name.endswith("/offline") for name in config.plugins)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["imr_app"] = not is_offline_edition(config)
    return config


@event_priority(-100)
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if not config.extra.get("imr_app"):
        shutil.rmtree(site / ICONS, ignore_errors=True)
        return
    write_manifest(site, config.site_name)
    precache = precache_list(site)
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    if not all(placeholder in source for placeholder in PLACEHOLDERS):
        raise PluginError(f"hooks/app.py: {WORKER_SOURCE.name} lacks one of {PLACEHOLDERS}")
    worker = source.replace(PLACEHOLDERS[0], json.dumps(version(site))).replace(
        PLACEHOLDERS[1], json.dumps(precache, indent=1))
    (site / WORKER).write_text(worker, encoding="utf-8")


def manifest(name: str) -> dict:
    return {
        "name": name,
        "short_name": SHORT_NAME,
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "lang": "en",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": MANIFEST_ICONS,
    }


def write_manifest(site: Path, name: str) -> None:
    for icon in MANIFEST_ICONS:
        if not (site / icon["src"]).is_file():
            raise PluginError(f"hooks/app.py: the icon {icon['src']} is missing: run tools/make_icons.py")
    (site / MANIFEST).write_text(json.dumps(manifest(name), indent=2) + "\n", encoding="utf-8")


def precache_list(site: Path) -> list[str]:
    """Addresses relative to the root: the pages, then the files, each once, sorted."""
    pages = list(PAGES)
    for page in sorted((site / WORKSHEETS).glob("*/index.html")):
        pages.append(page.parent.relative_to(site).as_posix() + "/")
    for page in pages:
        if not (site / page / "index.html").is_file():
            raise PluginError(f"hooks/app.py: the page {page or '(home)'} is not in the build, and every visit keeps it")
    files = sorted({path.relative_to(site).as_posix()
                    for folder, pattern in FILES for path in (site / folder).glob(pattern) if path.is_file()})
    return pages + files


def version(site: Path) -> str:
    """A hash of every built file that a reader can get (not the worker, maps or sitemaps)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name in UNHASHED or name.endswith(".map"):
            continue
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
