"""Diagrams: drawn from page data as inline SVG, named and described, readable in
every scheme, and printed with their labels as text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError
from playwright.sync_api import expect

import diagrams
from conftest import LAPTOP, ROOT
from helpers import axe_violations, present_until, switch_projector_view, switch_scheme
from test_real_sizes import PHONE_390 as PHONE

# Each diagram, where it stands, its accessible name, and labels that must be
# drawn as real text.
DIAGRAMS = {
    "goal staircase": ("modules/01-recovery-strategies/first-step/",
                       "A goal broken into steps, like a staircase", ["First step", "My goal", "Update my"]),
    "problem-solving cycle": ("modules/01-recovery-strategies/follow-up-and-problem-solving/",
                              "The problem-solving cycle", ["Name the", "Choose one", "Did it work?"]),
    "stress-vulnerability cup": ("modules/03-stress-vulnerability/causes-of-mental-illness/",
                                 "The stress-vulnerability cup", ["Vulnerability", "✓ Coping skills", "spills over,"]),
    "cup again, where it helps": ("modules/03-stress-vulnerability/what-helps/",
                                  "The stress-vulnerability cup", ["Protective"]),
    "support circles": ("modules/04-social-support/why-support-matters/",
                        "My circles of support", ["Me", "Closest people", "People I see sometimes"]),
    "traffic light": ("modules/07-reducing-relapses/relapse-prevention-plan/",
                      "A traffic light plan: from early warning signs to action",
                      ["Green: Doing well", "Yellow: Early warning signs", "Red: Crisis"]),
    "session timeline": ("program-guide/session-shape/",
                         "The shape of an IMR session, with suggested minutes", ["Teach", "Group session", "15–25"]),
}
CURRICULUM = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))

# For each text in each diagram: its fill, and the fill of the shape under its
# middle (or the page behind the figure), so contrast can be measured.
TEXT_COLORS_JS = """(svg) => {
  const rgb = (value) => (value.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const out = [];
  for (const text of svg.querySelectorAll('text')) {
    const box = text.getBoundingClientRect();
    const behind = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
      .find((el) => el !== text && !el.closest('text') && svg.contains(el) &&
                    getComputedStyle(el).fill !== 'none' && el.tagName !== 'svg');
    out.push({text: text.textContent, ink: rgb(getComputedStyle(text).fill),
              back: rgb(getComputedStyle(behind || svg.querySelector('.dg-paper')).fill)});
  }
  return out;
}"""


def contrast(a: list[float], b: list[float]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def diagram_html(site_dir: Path, path: str) -> str:
    return (site_dir / path / "index.html").read_text(encoding="utf-8")


class TestDrawnFromData:
    @pytest.mark.parametrize("name", DIAGRAMS)
    def test_diagram_is_inline_svg_with_its_labels_as_text(self, site_dir, name):
        path, title, labels = DIAGRAMS[name]
        html = diagram_html(site_dir, path)
        assert '<svg class="imr-dg' in html and 'role="img"' in html
        assert f">{title}</title>" in html
        for label in labels:
            assert f">{label}" in html, label
        assert "assets/diagrams/" not in html, "no picture files: the SVG is in the page"

    def test_description_is_written_from_the_data(self):
        block = "kind: cycle\ntitle: Steps\nsteps: [Plan it, Do it, Check it]\n"
        markup = diagrams.render_diagram_blocks(f"```diagram\n{block}```", key="k", path="p.md", shared=Path("."))
        assert "Step 1: Plan it. Step 2: Do it. Step 3: Check it." in markup
        assert 'aria-describedby="dg-k-1-desc"' in markup and '<desc id="dg-k-1-desc">' in markup

    def test_a_new_staircase_needs_no_drawing_by_hand(self):
        block = "kind: staircase\ntitle: Walk more\nsteps: [Walk to the corner, Walk round the block]\ngoal: Walk to the park\n"
        markup = diagrams.render_diagram_blocks(f"```diagram\n{block}```", key="k", path="p.md", shared=Path("."))
        wide, narrow = markup.split("</svg>")[:2]  # one drawing for wider screens and paper, one for phones
        for drawing in (wide, narrow):
            assert drawing.count('class="dg-step"') == 2 and drawing.count('class="dg-goal"') == 1
        assert "Walk to the park" in markup

    @pytest.mark.parametrize("block, message", [
        ("kind: spiral\ntitle: T\n", "unknown diagram kind"),
        ("kind: cycle\nsteps: [a, b]\n", "needs a title"),
        ("kind: cycle\ntitle: T\nsteps: [a]\ncolour: red\n", "unknown setting"),
        ("kind: cycle\ntitle: T\n", "missing or misusing"),
        ("use: no-such-diagram\n", "no shared diagram"),
        ("kind: circles\ntitle: T\nrings: [{label: A, examples: [" + ", ".join(["a long example"] * 80) + "]}]\n",
         "do not fit"),
    ])
    def test_a_mistake_stops_the_build_with_file_and_line(self, block, message):
        with pytest.raises(PluginError, match=message) as error:
            diagrams.render_diagram_blocks(f"Intro\n\n```diagram\n{block}```", key="k", path="page.md", shared=ROOT / "diagrams")
        assert "page.md:3" in str(error.value)

    def test_other_code_fences_are_left_alone(self):
        markdown = "```python\nprint('diagram')\n```"
        assert diagrams.render_diagram_blocks(markdown, key="k", path="p.md", shared=Path(".")) == markdown


@pytest.mark.browser
class TestInTheBrowser:
    def test_every_diagram_has_an_accessible_name_and_description(self, page):
        failures = {}
        for name, (path, title, _) in DIAGRAMS.items():
            page.goto(path)
            try:
                diagram = page.get_by_role("img", name=title, exact=True)
                expect(diagram).to_be_visible()
                description = diagram.evaluate(
                    "(svg) => document.getElementById(svg.getAttribute('aria-describedby')).textContent")
                assert len(description) > 80, f"a description of {len(description)} characters"
            except AssertionError as error:
                failures[name] = str(error).splitlines()[0]
        assert failures == {}

    @pytest.mark.parametrize("path", sorted({where for where, _, _ in DIAGRAMS.values()}))
    def test_every_label_is_readable_in_every_view(self, page, path):
        """Light and dark, each at laptop size, in the projector view (7:1) and on a
        phone, switched with the header's own buttons on one visit to the page."""
        page.goto(path)
        low = []
        # In an order that changes one thing at a time.
        for view, size, projector, scheme in [
            ("light", LAPTOP, False, "default"),
            ("dark", LAPTOP, False, "slate"),
            ("projector-dark", LAPTOP, True, "slate"),
            ("projector-light", LAPTOP, True, "default"),
            ("phone-light", PHONE, False, "default"),
            ("phone-dark", PHONE, False, "slate"),
        ]:
            page.set_viewport_size(size)
            switch_projector_view(page, projector)
            switch_scheme(page, scheme)
            if view == "projector-dark":
                # axe checks every page at laptop size and a sample of every kind of page,
                # diagram pages among them, in the dark scheme, the projector view and on
                # a phone (test_real_sizes); this is the one view it sees nowhere else.
                low += [f"{view}: {violation}" for violation in axe_violations(page)]
            for svg in page.locator("svg.imr-dg:visible").all():
                svg.scroll_into_view_if_needed()
                for item in svg.evaluate(TEXT_COLORS_JS):
                    ratio = contrast(item["ink"], item["back"])
                    if ratio < (7 if projector else 4.5):
                        low.append(f"{view} {item['text']!r}: {ratio:.1f}:1")
        switch_scheme(page, "default")
        assert low == []

    def test_phones_get_a_narrow_drawing_and_paper_the_wide_one(self, page):
        page.set_viewport_size(PHONE)
        failures = {}
        for name, (path, title, _) in DIAGRAMS.items():
            page.emulate_media(media="screen")
            page.goto(path)
            try:
                drawing = page.get_by_role("img", name=title, exact=True)
                expect(drawing).to_have_count(1)  # the other drawing is hidden from everyone
                expect(drawing).to_have_class(re.compile("imr-dg--narrow"))
                assert drawing.bounding_box()["width"] <= PHONE["width"]
                smallest = drawing.evaluate(
                    "(svg) => Math.min(...[...svg.querySelectorAll('text')].map((t) => "
                    "Number(t.getAttribute('font-size')) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width))"
                )
                assert smallest >= 13, f"the smallest label is {smallest:.1f} px on a phone"
                page.emulate_media(media="print")
                expect(page.get_by_role("img", name=title, exact=True)).to_have_class(re.compile("imr-dg--wide"))
            except AssertionError as error:
                failures[name] = str(error).splitlines()[0]
        assert failures == {}

    def test_diagram_prints_with_its_labels_as_text(self, page, tmp_path):
        path, _, labels = DIAGRAMS["traffic light"]
        page.goto(path)
        page.emulate_media(media="print")
        pdf = tmp_path / "page.pdf"
        page.pdf(path=str(pdf), format="Letter", print_background=True)
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        for label in labels + ["Get help now."]:
            assert label in text

    def test_program_path_lists_every_module_and_each_link_opens_it(self, page):
        page.goto("")
        path = page.get_by_role("navigation", name="The eleven modules, in order")
        links = path.get_by_role("link")
        expect(links).to_have_count(len(CURRICULUM["modules"]))
        titles = [module["title"] for module in CURRICULUM["modules"]]
        assert [link.inner_text().strip() for link in links.all()] == titles
        hrefs = [link.get_attribute("href") for link in links.all()]
        for href, title in zip(hrefs, titles):  # links on the home page are relative to the site root
            response = page.goto(href)
            assert response.ok
            expect(page.locator("h1")).to_contain_text(title)

    def test_diagram_fills_the_wall_in_present_mode(self, page):
        path, title, _ = DIAGRAMS["traffic light"]
        page.goto(path)
        dialog = present_until(page, "svg.imr-dg")
        drawing = dialog.get_by_role("img", name=title, exact=True)
        expect(drawing).to_be_visible()
        assert drawing.bounding_box()["width"] > 600
        assert axe_violations(page) == []
