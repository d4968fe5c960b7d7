"""Print editions: the complete manual, the participant workbook, and PDFs an agency can hand out."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT

pytestmark = pytest.mark.browser
CURRICULUM = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))


def test_print_page_contains_every_module_and_topic(site_dir):
    html = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    for module in CURRICULUM["modules"]:
        assert f"Module {module['number']}: {module['title']}" in html
        for topic in module["topics"]:
            assert topic["title"].replace("&", "&amp;") in html


def test_workbook_leaves_out_practitioner_material(page):
    page.goto("print_page/?edition=workbook")
    chooser = page.get_by_role("group", name="Which edition do you want to print?")
    expect(chooser.get_by_label("Participant workbook", exact=False)).to_be_checked()
    expect(page.locator("section#modules-01-recovery-strategies-practitioner-guide")).to_be_hidden()
    expect(page.locator("section#program-guide")).to_be_hidden()
    expect(page.locator("#print-site-page .practitioner").first).to_be_hidden()
    expect(page.locator("section#modules-01-recovery-strategies-choosing-a-goal")).to_be_visible()
    chooser.get_by_label("Practitioner manual", exact=False).check()
    expect(page.locator("section#modules-01-recovery-strategies-practitioner-guide")).to_be_visible()
    page.emulate_media(media="print")
    expect(chooser).to_be_hidden()


def test_blank_worksheets_pdf_has_outline_tags_and_no_site_chrome(site_dir, tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_pdfs.py"), "--paper", "a4", "--site", str(site_dir),
         "--only", "worksheets", "--out", str(tmp_path)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = tmp_path / "imr-worksheets-blank.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages > 40
    assert b"/Outlines" in pdf.read_bytes()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for module in CURRICULUM["modules"]:
        for worksheet in module.get("worksheets") or []:
            assert " ".join(worksheet["title"].split()[:4]) in flat, worksheet["title"]
    for chrome in ("Skip to content", "Projector view", "Need help now?", "Print this worksheet"):
        assert chrome not in text
    assert "Page 2" in text, "pages are numbered"
