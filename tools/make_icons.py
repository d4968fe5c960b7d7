"""Draw the app icons from the site's own mark (docs/assets/favicon.svg), once.

The web app manifest (hooks/app.py) and the home-screen icon of a phone need PNGs.
They are kept in the repository (docs/assets/icons/); run this again only when the
mark changes: `.venv/bin/python tools/make_icons.py`. It renders with the system
Chromium (IMR_CHROMIUM, as the tests do), so no image library is needed.

- icon-192.png, icon-512.png: the mark as it is, a round badge on transparency
  (manifest purpose "any");
- icon-maskable-512.png: the same mark on a full square of the brand colour, so a
  phone can cut it to its own shape (purpose "maskable"; the diamond stays inside
  the safe circle of 80%);
- apple-touch-icon.png (180): the full square too, for iPhones, which fill
  transparency with black and round the corners themselves.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = ROOT / "docs" / "assets" / "favicon.svg"
OUT = ROOT / "docs" / "assets" / "icons"
CIRCLE = re.compile(r"<circle\b[^>]*fill=\"(#[0-9a-fA-F]{3,6})\"[^>]*/>")

# name: (pixels, full square?)
ICONS = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-512.png": (512, True),
    "apple-touch-icon.png": (180, True),
}


def full_square(svg: str) -> str:
    """The mark with its round badge widened to the whole square."""
    match = CIRCLE.search(svg)
    if not match:
        sys.exit(f"{MARK.relative_to(ROOT)}: no round badge (<circle fill=...>) to widen")
    return svg.replace(match.group(0), f'<rect width="100%" height="100%" fill="{match.group(1)}"/>')


def page_for(svg: str, size: int) -> str:
    sized = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
    return ("<!doctype html><html><head><style>html,body{margin:0;background:transparent}"
            f"svg{{display:block}}</style></head><body>{sized}</body></html>")


def main() -> None:
    from playwright.sync_api import sync_playwright

    svg = MARK.read_text(encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    executable = os.environ.get("IMR_CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for name, (size, square) in ICONS.items():
            page = browser.new_page(viewport={"width": size, "height": size}, device_scale_factor=1)
            page.set_content(page_for(full_square(svg) if square else svg, size))
            page.screenshot(path=str(OUT / name), omit_background=not square, clip={"x": 0, "y": 0, "width": size, "height": size})
            page.close()
            print(f"{(OUT / name).relative_to(ROOT)}  {size}x{size}")
        browser.close()


if __name__ == "__main__":
    main()
