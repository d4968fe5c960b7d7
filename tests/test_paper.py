"""Paper is paper: whatever the screen shows (the light or dark scheme, the projector
view, present mode, a narrow window), a page prints the same black-on-white sheets
at the same size, with the crisis line at the foot. And the styles behind it: one
file a concern in styles/, joined into the one stylesheet every page loads."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import rcssmin

from conftest import ROOT
from helpers import TRANSITIONS_DONE, switch_projector_view, switch_scheme

HANDOUT = "modules/02-practical-facts/handout-2a-schizophrenia/"
PLAN = "worksheets/relapse-prevention-plan/"


def printed(page, pdf: Path, paper: str = "Letter") -> list[str]:
    """The open page printed: each sheet's words."""
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format=paper)
    page.emulate_media(media="screen")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(sheet.split()) for sheet in text.split("\f") if sheet.strip()]


@pytest.mark.browser
def test_a_handout_prints_the_same_sheets_from_every_view(page, tmp_path):
    page.goto(HANDOUT)
    plain = printed(page, tmp_path / "plain.pdf")
    assert len(plain) >= 3 and all("call or text 988" in sheet for sheet in plain)
    views = {}
    switch_projector_view(page, True, settle=False)
    views["projector view"] = printed(page, tmp_path / "projector.pdf")
    switch_scheme(page, "slate")
    views["projector view, dark scheme"] = printed(page, tmp_path / "projector-dark.pdf")
    switch_projector_view(page, False, settle=False)
    views["dark scheme"] = printed(page, tmp_path / "dark.pdf")
    switch_scheme(page, "default")
    page.get_by_role("button", name="Present").click()
    page.get_by_role("dialog", name="Presenting:").wait_for()
    views["present mode"] = printed(page, tmp_path / "present.pdf")
    page.keyboard.press("Escape")
    page.set_viewport_size({"width": 390, "height": 844})
    views["a phone's width"] = printed(page, tmp_path / "narrow.pdf")
    differ = {name: f"{len(sheets)} sheets against {len(plain)}" for name, sheets in views.items() if sheets != plain}
    assert differ == {}


# Computed colours in print media: every text an element of the sheet shows, and
# every background, with the element it belongs to.
COLOURS_ON_PAPER = """() => {
  const rgb = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const pale = [], dark = [];
  for (const el of document.querySelectorAll("article *")) {
    if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own && luminance(rgb(style.color)) > 0.2) pale.push(`${el.tagName}.${el.className}: ${style.color}`);
    const bg = rgb(style.backgroundColor);
    if (bg.length >= 3 && (bg.length < 4 || bg[3] > 0.5) && luminance(bg) < 0.5) dark.push(`${el.tagName}.${el.className}: ${style.backgroundColor}`);
  }
  return { pale: [...new Set(pale)].slice(0, 8), dark: [...new Set(dark)].slice(0, 8),
           body: getComputedStyle(document.body).backgroundColor };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("projector", [False, True], ids=["dark scheme", "dark scheme and projector view"])
def test_a_worksheet_printed_in_the_dark_scheme_has_dark_text_and_no_dark_blocks(page, projector):
    page.goto(PLAN)
    switch_scheme(page, "slate")
    if projector:
        switch_projector_view(page, True)
    page.emulate_media(media="print")
    try:
        page.evaluate(TRANSITIONS_DONE)  # colours fade as they would on screen; paper takes the last
        colours = page.evaluate(COLOURS_ON_PAPER)
    finally:
        page.emulate_media(media="screen")
        if projector:
            switch_projector_view(page, False, settle=False)
        switch_scheme(page, "default")
    assert colours["pale"] == [], "pale text on paper"
    assert colours["dark"] == [], "dark blocks on paper"
    assert colours["body"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_the_check_of_colours_on_paper_can_fail(page):
    """The same measure finds the light-grey labels the dark scheme gave paper before."""
    page.goto(PLAN)
    page.add_style_tag(content="@media print { .ws-label { color: #d0d0d0 !important; } .ws { background: #222 !important; } }")
    page.emulate_media(media="print")
    colours = page.evaluate(COLOURS_ON_PAPER)
    page.emulate_media(media="screen")
    assert colours["pale"] and colours["dark"]


# ---------------------------------------------------------------- The styles

STYLES = ROOT / "styles"


def test_every_page_loads_one_stylesheet_of_ours_joined_from_styles_in_order(site_dir):
    import minify

    assert sorted(p.name for p in STYLES.glob("*.css")) == sorted([*minify.STYLE_FILES, minify.PRINT_PAGE_STYLES])
    html = (site_dir / "modules" / "02-practical-facts" / "handout-2a-schizophrenia" / "index.html").read_text(encoding="utf-8")
    ours = re.findall(r'<link rel="stylesheet" href="[./]*assets/css/([^"]+)"', html)
    assert ours == ["imr.css"]
    built = (site_dir / "assets" / "css" / "imr.css").read_text(encoding="utf-8")
    assert built == rcssmin.cssmin(minify.joined_styles(ROOT)), "the stylesheet is styles/ joined in order, minified"
    assert minify.STYLE_FILES[-1] == "paper.css", "paper comes last, so its rules win"
    print_page = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="stylesheet" href="[./]*assets/css/([^"]+)"', print_page) == ["imr.css", "print-page.css"]


def test_each_style_file_says_what_it_holds_and_print_rules_live_only_in_paper():
    for path in sorted(STYLES.glob("*.css")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("/* "), f"{path.name} does not open with what it holds"
        if path.name not in ("paper.css", "print-page.css"):
            assert "@media print" not in text and "@page" not in text, f"{path.name} holds print rules"
    for view in ("projector.css", "present.css"):
        text = re.sub(r"/\*.*?\*/", "", (STYLES / view).read_text(encoding="utf-8"), flags=re.DOTALL).strip()
        assert text.startswith("@media screen {") and text.endswith("}"), f"{view} is for screens only"
