"""Print editions: the manual, the participant workbook, the worksheets and each module's
handout packet, on the print page and as the PDFs an agency hands out.

PDFs are rendered by tools/make_pdfs.py in a subprocess (Playwright's sync API cannot
start twice in one pytest process), the way `make pdf` does, and read with poppler
(pdfinfo, pdftotext, and pdftohtml for the outline).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

import downloads
import print_editions
from conftest import AGENCY_PDFS, ROOT
from helpers import choose_edition, fake_pdf_folder

CURRICULUM = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
MODULES = CURRICULUM["modules"]
# Words of the site's menus, header, footer and the edition chooser, never of a page.
CHROME = ("Skip to content", "Need help now?", "Which edition do you want to print?", "Back to top", "Made with")
# Button labels, which the manual's "How to use this site" names but a packet does not.
BUTTONS = ("Projector view", "Print this worksheet", "Print a blank copy")


# ---------------------------------------------------------------- Helpers

def render_pdfs(site_dir: Path, out: Path, *editions: str, paper: str = "letter", lang: str = "en") -> dict:
    """Run `make pdf`'s renderer on the built site for some editions in one language; return its manifest."""
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_pdfs.py"), "--paper", paper, "--site", str(site_dir),
         "--out", str(out), "--only", *editions, "--lang", lang],
        check=True, capture_output=True, timeout=300,
    )
    return json.loads(((out / lang if lang != "en" else out) / "manifest.json").read_text(encoding="utf-8"))


def pdf_info(pdf: Path) -> dict[str, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in info.splitlines())}


def pdf_text(pdf: Path) -> str:
    """The PDF's text with its lines joined, as a reader would read it."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def pdf_outline(pdf: Path) -> list[str]:
    """The titles of the PDF's bookmarks, at every level."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True, text=True, check=True,
    ).stdout
    return [" ".join(item.split()) for item in re.findall(r"<item[^>]*>(.*?)</item>", xml, re.DOTALL)]


def squeezed(text: str) -> str:
    """pdftohtml runs two words together where a title wraps: compare without spaces."""
    return re.sub(r"\s+", "", text)


def assert_accessible_pdf(pdf: Path, chrome: tuple[str, ...] = CHROME + BUTTONS, page_word: str = "Page") -> int:
    """Tagged, with bookmarks and numbered pages, and no site chrome; returns the page count."""
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes", "tagged PDF, for screen readers"
    pages = int(info["Pages"])
    assert pdf_outline(pdf), "the PDF has bookmarks"
    text = pdf_text(pdf)
    if page_word == "Page":
        assert "Page 2 " in text and f"Page {pages}" in text, "every page is numbered"
    else:  # a longer crisis line at the foot: the text extractor may put it between word and number
        assert text.count(page_word + " ") >= pages, "every page is numbered"
    for words in chrome:
        assert words not in text, f"site chrome in the PDF: {words!r}"
    return pages


# ---------------------------------------------------------------- The print page

def test_print_page_contains_every_module_and_topic(site_dir):
    html = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    for module in MODULES:
        assert f"Module {module['number']}: {module['title']}" in html
        for topic in module["topics"]:
            assert topic["title"].replace("&", "&amp;") in html


def test_every_section_the_editions_name_is_on_the_print_page(site_dir):
    """edition.js finds a module's pages by the ids the print-site plugin gives them."""
    html = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<section class="print-page" id="([^"]+)"', html))
    data = print_editions.print_data(print_editions.load_from(ROOT))
    named = {s for m in data["modules"] for s in m["sections"] + m["worksheets"]} | set(data["numbers"])
    assert len(named) > 100
    assert named - ids == set()


@pytest.mark.browser
def test_workbook_leaves_out_practitioner_material(page):
    page.goto("print_page/?edition=workbook")
    chooser = page.get_by_role("group", name="Which edition do you want to print?")
    expect(chooser.get_by_label("Participant workbook", exact=False)).to_be_checked()
    expect(page.locator("section#modules-01-recovery-strategies-practitioner-guide")).to_be_hidden()
    expect(page.locator("section#program-guide")).to_be_hidden()
    expect(page.locator("#print-site-page .practitioner").first).to_be_hidden()
    expect(page.locator("section#modules-01-recovery-strategies-choosing-a-goal")).to_be_visible()
    expect(page.locator("section#worksheets-session-plan")).to_be_hidden()  # `for: practitioners`
    expect(page.locator("section#worksheets-progress-check")).to_be_visible()
    chooser.get_by_label("Practitioner manual", exact=False).check()
    expect(page.locator("section#worksheets-session-plan")).to_be_visible()
    expect(page.locator("section#modules-01-recovery-strategies-practitioner-guide")).to_be_visible()
    page.emulate_media(media="print")
    expect(chooser).to_be_hidden()


@pytest.mark.browser
def test_module_packet_holds_one_module_and_its_worksheets(page):
    page.goto("print_page/?edition=module-03")
    chooser = page.get_by_role("group", name="Which edition do you want to print?")
    expect(chooser.get_by_label("One module's handout packet", exact=False)).to_be_checked()
    expect(chooser.get_by_label("Module for the handout packet")).to_have_value("module-03")
    expect(page.locator("section#modules-03-stress-vulnerability-what-helps")).to_be_visible()
    expect(page.locator("section#worksheets-treatment-options")).to_be_visible()
    for hidden in ("modules-03-stress-vulnerability-practitioner-guide", "modules-04-social-support-connecting-with-people",
                   "worksheets-my-triggers", "index", "crisis"):
        expect(page.locator(f"section#{hidden}")).to_be_hidden()
    expect(page.locator("#print-site-page .practitioner").first).to_be_hidden()
    assert page.title() == "Illness Management and Recovery: Module 3 handout packet"
    # Another module, from the chooser: the address follows, for a bookmark.
    chooser.get_by_label("Module for the handout packet").select_option("module-02")
    expect(page.locator("section#modules-02-practical-facts-handout-2c-bipolar-disorder")).to_be_visible()
    expect(page.locator("section#modules-03-stress-vulnerability-what-helps")).to_be_hidden()
    assert page.url.endswith("?edition=module-02")


@pytest.mark.browser
def test_each_cover_names_its_edition_and_the_contents_follow(page):
    page.goto("print_page/")
    page.emulate_media(media="print")
    cover = page.locator("#print-site-cover-page")
    contents = page.locator("#print-page-toc")
    expected = {
        "manual": ("Practitioner manual", "How to use this manual"),
        "workbook": ("Participant workbook", "How to use this workbook"),
        "worksheets": ("Worksheets", "How to use these worksheets"),
        "module-03": ("Module 3: The Stress-Vulnerability Model", "How to use this packet"),
    }
    for edition, (name, how) in expected.items():
        choose_edition(page, edition)
        page.emulate_media(media="print")
        expect(cover.locator(".imr-cover__subtitle strong").filter(visible=True)).to_have_text(name)
        expect(cover.get_by_role("heading", level=2)).to_have_text(how)
    # The packet's contents: its own topics, numbered as the curriculum numbers them.
    entries = contents.locator("a").filter(visible=True)
    expect(entries).to_contain_text(["3.1 Understanding the causes of mental illness", "Treatment options I want to learn about"])
    assert "Module 4: Building Social Support" not in entries.all_inner_texts()
    expect(page.locator("#modules-03-stress-vulnerability-what-helps > h1")).to_contain_text(
        "3.2 Learning what improves symptoms and reduces relapses"
    )


# ---------------------------------------------------------------- Outside links on paper

def test_outside_links_get_their_address_and_inside_links_do_not():
    html = (
        '<p><a href="https://988lifeline.org/chat/">Chat with the Lifeline</a>, '
        '<a href="https://findahelpline.com">findahelpline.com</a>, '
        '<a href="../crisis/">Crisis and safety</a>, <a href="#goals">Goals</a>, '
        '<a href="http://imr.example/about/">About</a>, '
        '<a href="mailto:team@clinic.example">Write to us</a>, <a href="tel:988">988</a>, '
        '<a href="tel:+1-800-555-0100">the front desk</a></p>'
    )
    out = print_editions.add_link_addresses(html, "imr.example")
    addresses = re.findall(r'<span class="imr-link-address"> \(([^)]*)\)</span>', out)
    assert addresses == ["988lifeline.org/chat", "team@clinic.example", "+1-800-555-0100"]
    assert '<a href="https://988lifeline.org/chat/">Chat with the Lifeline</a><span' in out


@pytest.mark.browser
def test_outside_link_prints_its_address_on_paper_only(page):
    page.goto("crisis/")
    address = page.locator(".imr-link-address", has_text="(988lifeline.org)")
    expect(address).to_be_hidden()
    page.emulate_media(media="print")
    expect(address).to_be_visible()
    expect(page.get_by_role("link", name="988 Suicide & Crisis Lifeline")).to_be_visible()


# ---------------------------------------------------------------- PDFs

def test_module_packet_pdf_holds_its_topics_and_worksheets_and_nothing_for_practitioners(site_dir, tmp_path):
    """Module 2's packet, and (in the same run of the renderer) Handout 2A on its own."""
    manifest = render_pdfs(site_dir, tmp_path, "module-02", "handout-2a")
    module = MODULES[1]
    pdf = tmp_path / "imr-module-02-handouts.pdf"
    assert [f["file"] for f in manifest["files"]] == [pdf.name, "imr-handout-2a.pdf"]
    pages = assert_accessible_pdf(pdf)
    assert manifest["files"][0]["pages"] == pages
    text = pdf_text(pdf)
    outline = squeezed(" | ".join(pdf_outline(pdf)))
    assert "Module 2: Practical Facts about Mental Illness Handout packet" in text, "the cover says which packet"
    for number, topic in enumerate(module["topics"], start=1):
        assert squeezed(f"2.{number} {topic['title']}") in outline
    for handout in module["handouts"]:
        assert squeezed(f"Handout {handout['code']}: ") in outline
    for worksheet in module["worksheets"]:
        assert squeezed(worksheet["title"]) in outline
    for absent in ("For practitioners", "practitioner guide: Practical Facts", "Goals of the module",
                   "Module 3: The Stress-Vulnerability Model", MODULES[0]["worksheets"][0]["title"]):
        assert absent not in text, f"not in a participant's packet: {absent!r}"
    handout = tmp_path / "imr-handout-2a.pdf"
    assert manifest["files"][1]["pages"] == assert_accessible_pdf(handout) < 12, "one handout, not a packet"
    text = pdf_text(handout)
    assert squeezed(module["handouts"][0]["title"]) in squeezed(text)
    assert "988" in text, "the crisis line prints on every page"
    for absent in ["For practitioners", *(f"Handout {h['code']}:" for h in module["handouts"][1:])]:
        assert absent not in text, f"not in the copy for the person Handout 2A is about: {absent!r}"


SPANISH_TITLES = yaml.safe_load((ROOT / "i18n" / "es" / "curriculum.yml").read_text(encoding="utf-8"))
ENGLISH_HEADINGS = ("Your turn", "Key points", "Try this week", "Check what you learned", "For practitioners",
                    "Worksheets for this topic", "Model answers", "How to use this packet", "Handout packet")


def test_a_spanish_module_packet_pdf_is_in_spanish(site_dir, tmp_path):
    """Module 3's packet from the Spanish print page: its cover, topic titles and worksheets
    in Spanish, the crisis line at the foot of each sheet in Spanish, and no English heading."""
    manifest = render_pdfs(site_dir, tmp_path, "module-03", lang="es")
    pdf = tmp_path / "es" / "imr-module-03-handouts.pdf"
    spanish_chrome = ("Saltar al contenido", "¿Necesita ayuda ahora?", "¿Qué edición quiere imprimir?", "Vista de proyector")
    assert manifest["files"][0]["pages"] == assert_accessible_pdf(pdf, spanish_chrome, page_word="Página")
    text, outline = pdf_text(pdf), squeezed(" | ".join(pdf_outline(pdf)))
    module = SPANISH_TITLES["modules"]["03-stress-vulnerability"]
    assert f"Módulo 3: {module['title']}" in text and "Paquete de folletos" in text
    for number, (slug, topic) in enumerate(module["topics"].items(), start=1):
        assert squeezed(f"3.{number} {topic['title']}") in outline, slug
    for worksheet in ("stress-vulnerability-picture", "treatment-options"):
        assert squeezed(SPANISH_TITLES["worksheets"][worksheet]["title"]) in outline
    assert "Ayuda en una crisis:" in text, "the crisis line at the foot of each sheet"
    for heading in ENGLISH_HEADINGS:
        assert heading not in text, f"an English heading in the Spanish packet: {heading!r}"


def test_worksheets_pdf_on_a4(site_dir, tmp_path):
    """A4 paper, on the blank worksheets. The manual (about 580 pages, four minutes
    to render on two cores) is made by `make pdf`, not by the tests: its covers,
    contents and practitioner material are checked on the print page itself
    (test_each_cover_names_its_edition_and_the_contents_follow and
    tests/test_real_sizes.py), and the PDF path is the same as a module packet's."""
    manifest = render_pdfs(site_dir, tmp_path, "worksheets", paper="a4")
    assert manifest["paper"] == "a4"
    worksheets = tmp_path / "imr-worksheets-blank.pdf"
    assert "(A4)" in pdf_info(worksheets)["Page size"]
    assert assert_accessible_pdf(worksheets) > 40
    text = pdf_text(worksheets)
    assert "How to use these worksheets" in text
    for module in MODULES:
        for worksheet in module.get("worksheets") or []:
            assert " ".join(worksheet["title"].split()[:4]) in text, worksheet["title"]
    assert "Program fidelity self-check" not in text, "practitioners' planning sheets are not participants' worksheets"


# ---------------------------------------------------------------- Download links

def test_downloads_list_each_pdf_with_its_page_count(tmp_path):
    editions = print_editions.all_prints(print_editions.load_from(ROOT))
    handouts = {f"imr-handout-2{letter}.pdf": 3 for letter in "abcde"}
    folder = fake_pdf_folder(
        tmp_path / "pdf",
        {"imr-practitioner-manual.pdf": 593, "imr-worksheets-blank.pdf": 108, "imr-module-03-handouts.pdf": 26,
         "imr-participant-workbook.pdf": 427, **handouts},
        missing=("imr-participant-workbook.pdf",),
    )
    found = downloads.read_downloads(folder, editions)
    html = downloads.all_downloads("using-this-site/", found)
    assert '<a href="../pdf/imr-practitioner-manual.pdf" download>Download the full manual (PDF, 593 pages)</a>' in html
    assert "Download all the worksheets (PDF, 108 pages)" in html
    assert "Download the Module 3 handout packet (PDF, 26 pages)" in html
    assert "workbook.pdf" not in html, "a file the manifest lists but that is not there is not linked"
    packet = downloads.module_download("modules/03-stress-vulnerability/", module_numbered(3), found)
    assert 'href="../../pdf/imr-module-03-handouts.pdf"' in packet and "(PDF, 26 pages)" in packet
    assert 'href="../../print_page/?edition=module-03"' in packet
    assert "Download Handout 2B (PDF, 3 pages)</a>: " in html
    module_2 = downloads.module_download("modules/02-practical-facts/", module_numbered(2), found)
    assert 'href="../../pdf/imr-handout-2e.pdf" download>Download Handout 2E (PDF, 3 pages)' in module_2
    assert "Each handout" not in packet, "Module 3 has no handouts of its own"


def test_without_pdfs_the_page_says_how_to_print_and_links_no_file(tmp_path):
    editions = print_editions.all_prints(print_editions.load_from(ROOT))
    found = downloads.read_downloads(tmp_path / "no-such-folder", editions)
    assert found.files == []
    html = downloads.all_downloads("using-this-site/", found) + downloads.module_download(
        "modules/03-stress-vulnerability/", module_numbered(3), found
    )
    assert ".pdf" not in html and "Download" not in html
    assert 'href="../print_page/"' in html and "Print command" in html
    assert 'href="../../print_page/?edition=module-03"' in html
    module_2 = downloads.module_download("modules/02-practical-facts/", module_numbered(2), found)
    assert "Each handout also prints on its own, from the Print button on its page." in module_2


def test_the_built_site_links_and_holds_the_pdfs(agency_site):
    """A whole build given a pdf folder (an agency's edition, conftest's agency_site):
    the links resolve to copies in the site."""
    site = agency_site
    howto = (site / "using-this-site" / "index.html").read_text(encoding="utf-8")
    assert f"Download the full manual (PDF, {AGENCY_PDFS['imr-practitioner-manual.pdf']} pages)" in howto
    module = (site / "modules" / "01-recovery-strategies" / "index.html").read_text(encoding="utf-8")
    assert f"Download the Module 1 handout packet (PDF, {AGENCY_PDFS['imr-module-01-handouts.pdf']} pages)" in module
    assert (site / "pdf" / "imr-practitioner-manual.pdf").read_bytes() == b"%PDF-1.4 fake"
    printed = (site / "print_page" / "index.html").read_text(encoding="utf-8")
    assert "Download the full manual" not in printed, "the printed manual has no download links"


def test_the_spanish_pages_link_the_spanish_pdfs_with_their_page_counts(agency_site):
    site = agency_site / "es"
    howto = (site / "using-this-site" / "index.html").read_text(encoding="utf-8")
    pages = AGENCY_PDFS["imr-practitioner-manual.pdf"]
    assert re.search(rf'<a href="../pdf/imr-practitioner-manual.pdf" download>Descargar [^<]* \(PDF, {pages} páginas\)</a>', howto)
    module = (site / "modules" / "01-recovery-strategies" / "index.html").read_text(encoding="utf-8")
    assert f"(PDF, {AGENCY_PDFS['imr-module-01-handouts.pdf']} páginas)" in module
    assert (site / "pdf" / "imr-practitioner-manual.pdf").read_bytes() == b"%PDF-1.4 fake"


def module_numbered(number: int):
    return print_editions.load_from(ROOT).modules[number - 1]
