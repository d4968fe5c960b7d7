"""An agency's own edition (IMR_AGENCY): its name, crisis lines and services, on screen
and on paper; nothing that holds only in the United States in another country's edition;
bad agency files stop the build with one clear message."""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import AGENCY_FIXTURE as FIXTURE, QuietHandler, QuietServer, build_site
from helpers import axe_violations
from test_html_validity import ours, validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import agency  # noqa: E402  (a hook module: plain functions)

AGENCY_NAME = "Northside Wellbeing Service <Test & Co>"
US_ONLY = re.compile(r"\b(988|911|SSI|SSDI|Medicaid|Medicare|SNAP|ADA|Americans with Disabilities Act"
                     r"|Fair Housing Act|Social Security|1-800-QUIT-NOW|NAMI|WIPA)\b")


def article_text(page_html: str) -> str:
    """The words of a page's article a participant reads: no Sources list, no practitioner notes."""
    article = page_html.split("<article", 1)[1].split("</article>", 1)[0]
    article = re.sub(r'<h2 id="sources".*?(?=<h2|$)', "", article, flags=re.DOTALL)
    article = re.sub(r'<div class="admonition practitioner">.*?</div>', "", article, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


@pytest.fixture(scope="session")
def agency_url(agency_site):
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(agency_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# ---------------------------------------------------------------- The edition, built

def test_the_agency_is_named_in_the_header_the_home_page_and_every_cover(agency_site):
    home = (agency_site / "index.html").read_text(encoding="utf-8")
    escaped = "Northside Wellbeing Service &lt;Test &amp; Co&gt;"
    assert f'imr-agency-banner">{escaped} edition' in home
    assert f"prepared by <strong>{escaped}</strong>" in home
    assert "<Test & Co>" not in home, "text from the agency file must be escaped"
    cover = (agency_site / "print_page" / "index.html").read_text(encoding="utf-8").split('class="imr-cover"', 1)[1][:600]
    assert escaped in cover


def test_crisis_page_lists_the_agency_line_then_the_emergency_number_and_no_988(agency_site):
    text = article_text((agency_site / "crisis" / "index.html").read_text(encoding="utf-8"))
    line, emergency = text.find("Northside Crisis Line: call 0800 555 0199"), text.find("call 999")
    assert 0 <= line < emergency
    assert "findahelpline.com" in text
    assert not US_ONLY.search(text), US_ONLY.search(text)


def test_the_spanish_edition_names_the_agency_line_with_its_spanish_hours_and_no_988(agency_site):
    """The agency file gives its line's hours in Spanish (hours-es): the Spanish crisis page
    shows them; the band at the foot and the banner name the agency in Spanish too."""
    page = (agency_site / "es" / "crisis" / "index.html").read_text(encoding="utf-8")
    text = article_text(page)
    assert "Northside Crisis Line" in text and "0800 555 0199" in text
    assert "Todos los días, de 8 de la mañana a medianoche" in text
    assert "every day" not in text.lower()
    assert "999" in text and not US_ONLY.search(text), US_ONLY.search(text)
    band = page.split('class="imr-crisis-band"', 1)[1][:800]
    assert "¿Necesita ayuda ahora?" in band and "999" in band and "988" not in band
    assert "Edición de Northside Wellbeing Service &lt;Test &amp; Co&gt;" in page


def test_no_participant_page_names_anything_that_holds_only_in_the_united_states(agency_site):
    leaks = {}
    for page in agency_site.rglob("index.html"):
        path = page.parent.relative_to(agency_site).as_posix()
        within = path.removeprefix("es/")  # the Spanish pages, checked the same way
        if "practitioner-guide" in within or within.startswith(("program-guide", "print_page", "search")):
            continue
        source = page.read_text(encoding="utf-8")
        if "<article" in source and (found := US_ONLY.findall(article_text(source))):
            leaks[path] = sorted(set(found))
    assert leaks == {}


def test_module_10_lists_the_agency_services(agency_site):
    page = agency_site / "modules" / "10-mental-health-system" / "community-services" / "index.html"
    text = article_text(page.read_text(encoding="utf-8"))
    assert "Services near you from Northside Wellbeing Service <Test & Co>" in text
    assert "Northside Recovery College: free courses on living well" in text


def test_the_default_edition_still_shows_988_and_911(site_dir):
    text = article_text((site_dir / "crisis" / "index.html").read_text(encoding="utf-8"))
    assert "988" in text and "911" in text
    band = (site_dir / "index.html").read_text(encoding="utf-8").split('class="imr-crisis-band"', 1)[1][:800]
    assert "988" in band and "911" in band
    assert "imr-agency-banner" not in (site_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
class TestOnPaperAndOnScreen:
    def pdf_text(self, page, url: str, pdf: Path) -> list[str]:
        page.goto(url)
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        return [" ".join(sheet.split()) for sheet in text.split("\f") if sheet.strip()]

    @pytest.mark.parametrize("path", ["modules/03-stress-vulnerability/causes-of-mental-illness/", "worksheets/stress-plan/"])
    def test_every_printed_sheet_carries_the_agency_line_and_the_emergency_number(self, browser, agency_url, tmp_path, path):
        context = browser.new_context(base_url=agency_url)
        sheets = self.pdf_text(context.new_page(), path, tmp_path / "sheet.pdf")
        context.close()
        assert sheets
        for number, sheet in enumerate(sheets, 1):
            assert "Northside Crisis Line: 0800 555 0199" in sheet, f"sheet {number}"
            assert "Emergency: 999" in sheet, f"sheet {number}"
            assert "988" not in sheet, f"sheet {number}"

    def test_agency_edition_passes_axe(self, browser, agency_url):
        context = browser.new_context(base_url=agency_url, viewport={"width": 1280, "height": 720})
        page = context.new_page()
        failures = {}
        for path in ["", "crisis/", "modules/10-mental-health-system/community-services/",
                     "modules/03-stress-vulnerability/what-helps/", "worksheets/stress-plan/"]:
            page.goto(path)
            if violations := axe_violations(page):
                failures[path or "/"] = violations
        context.close()
        assert failures == {}


def test_agency_edition_markup_is_valid(agency_site):
    pages = [agency_site / p / "index.html" for p in
             ("", "crisis", "modules/10-mental-health-system/community-services", "print_page")]
    errors = ours(validate(pages))
    assert [f"{m['message']} | {m.get('extract', '')[:100]}" for m in errors] == []


# ---------------------------------------------------------------- Bad agency files

GOOD = "name: Test Agency\ncountry: US\ncrisis:\n  - name: Test Line\n    phone: '555-0100'\n"


@pytest.mark.parametrize("content, says", [
    (None, "no such file"),
    ("name: [unclosed", "not valid YAML"),
    (GOOD + "colour: blue\n", "unknown key 'colour'"),
    ("country: US\n", "key 'name' is missing"),
    ("name: A\ncrisis:\n  - name: Line without a phone\n", "key 'phone' is missing"),
    ("name: A\ncountry: FR\n", "key 'emergency' is missing"),
    ("name: A\ncountry: France\nemergency: '112'\n", "two-letter"),
    (GOOD + "logo: missing.svg\n", "key 'logo': no file"),
    ("name: A\ncrisis:\n  - name: L\n    phone: '1'\n    url: javascript:alert(1)\n", "key 'url'"),
])
def test_a_bad_agency_file_says_which_key_and_what_to_do(tmp_path, content, says):
    path = tmp_path / "agency.yml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(agency.AgencyError) as error:
        agency.load_agency(path)
    assert says in str(error.value)
    assert str(path) in str(error.value)


def test_a_bad_agency_file_stops_the_build_and_leaves_the_site_folder_alone(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "earlier.html").write_text("an earlier build")
    bad = tmp_path / "agency.yml"
    bad.write_text("name: A\ncountry: DE\n", encoding="utf-8")
    result = build_site(ROOT, site, {agency.ENV: str(bad)})
    assert result.returncode != 0
    assert "key 'emergency' is missing" in result.stderr + result.stdout
    assert [p.name for p in site.iterdir()] == ["earlier.html"]


def test_us_only_names_outside_a_marked_passage_stop_the_build():
    with pytest.raises(Exception, match="holds only in the United States"):
        agency.check_us_terms("---\ndescription: x\n---\n\nCall 988 now.\n", "page.md")
    agency.check_us_terms("[US]In the U.S., call or text 988.[/US] Call [[emergency]].\n", "page.md")
    agency.check_us_terms('!!! info "In the United States"\n    SSI and SSDI.\n\n## Sources\n\n- SSA (SSI).\n', "page.md")


# ---------------------------------------------------------------- Templates and hook-written text

def test_every_cover_names_the_agency_crisis_line_and_emergency_number_and_no_988(agency_site):
    """One help line sits under every edition's cover (outside the per-edition parts): the agency's."""
    built = (agency_site / "print_page" / "index.html").read_text(encoding="utf-8")
    cover = built.split('<div class="imr-cover">', 1)[1].split('<script type="application/json" id="imr-print-editions">', 1)[0]
    help_line = re.search(r'<p class="imr-cover__help">(.*?)</p>', cover, re.DOTALL)
    assert help_line, "the cover has no crisis help line"
    after_the_editions = cover.rsplit("data-imr-cover=", 1)[1]
    assert help_line.group(0) in after_the_editions, "the help line must be shared by every edition's cover"
    text = html.unescape(help_line.group(1))
    assert "Northside Crisis Line at 0800 555 0199" in text and "call 999" in text
    assert not US_ONLY.search(text), text


def test_the_default_cover_still_names_988_and_911(site_dir):
    built = (site_dir / "print_page" / "index.html").read_text(encoding="utf-8")
    help_line = re.search(r'<p class="imr-cover__help">(.*?)</p>', built, re.DOTALL).group(1)
    assert "988" in help_line and "911" in help_line


def test_no_page_a_participant_reads_names_a_us_only_service_anywhere_on_it(agency_site):
    """Header, footer, covers, contents and hook-written lines included, print page too:
    only practitioner notes, practitioners' pages and Sources lists may name them."""
    sys.path.insert(0, str(ROOT / "hooks"))
    import curriculum

    course = curriculum.load_curriculum(ROOT)
    docs = ROOT / "docs"
    uris = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    practitioners = {agency.print_section_id(u) for u in uris if not agency.is_participant_page(u, course)}
    leaks = {}
    for uri in [u for u in uris if agency.is_participant_page(u, course)] + ["print_page/index.md"]:
        built = agency_site / (uri[: -len("index.md")] if uri.endswith("index.md") else uri[: -len(".md")] + "/") / "index.html"
        text = agency.participant_text(built.read_text(encoding="utf-8"), practitioners)
        if found := US_ONLY.findall(text):
            leaks[uri] = sorted(set(found))
    assert len(uris) > 90
    assert leaks == {}


NOT_NEEDED_TO_BUILD = shutil.ignore_patterns(".venv", "site", "pdf", "dist", ".git", "__pycache__", "node_modules")


@pytest.mark.parametrize("template, before, after", [
    ("overrides/print/cover-page.html", '<p class="imr-cover__licence">',
     '<p>Call 911 for help.</p><p class="imr-cover__licence">'),
    ("overrides/curriculum/topic-foot.md", "", "Questions? Ask NAMI.\n\n"),
])
def test_a_us_only_name_in_a_template_stops_another_country_edition(tmp_path, template, before, after):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=NOT_NEEDED_TO_BUILD)
    path = project / template
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace(before, after, 1) if before else after + source, encoding="utf-8")
    result = build_site(project, tmp_path / "site", {agency.ENV: str(FIXTURE)})
    assert result.returncode != 0, "the build must stop"
    assert "holds only in the United States" in result.stdout + result.stderr
