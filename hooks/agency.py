"""The agency hook: an agency's own edition, from one small file, without touching the content.

`IMR_AGENCY=path/to/agency.yml` at build time names the agency, its country, its
emergency number, its crisis lines, its local services and its logo (the README and
examples/agency.yml show the file). Without it the site is the United States edition.

What this hook does with it:
- checks the file and stops the build with one message naming the file, the key and
  what to do (before anything is written to the site folder);
- puts the data in config.extra["imr_agency"] for the templates (header banner, print
  covers) and for hooks/crisis.py (the crisis line in the text and on paper);
- fills the markers <!-- agency:edition -->, <!-- agency:crisis-lines -->,
  <!-- agency:services --> (templates in overrides/curriculum/) and, inside a
  sentence, <!-- agency:crisis-sentence --> (whom to call, from hooks/crisis.py);
- handles the one mark for United States-only text:
    [US]...[/US]                      a passage, inline or over several lines;
    !!! info "In the United States…"  a box whose title starts so;
  and the token [[emergency]] (911 in the United States, else the agency's number).
  In an edition for another country a US box becomes a short neutral box, an inline
  passage is dropped (with its list item, if it was the whole item);
- checks every participant page: 988, 911, SSI, SSDI, Medicaid, Medicare, SNAP, the
  ADA and the other US-only names may appear only inside such a passage (a Sources
  list may name them), so nothing leaks into another country's edition.
All text from the agency file is escaped, never rendered as HTML.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import crisis
import curriculum
import strings

# ---------------------------------------------------------------- Data

ENV = "IMR_AGENCY"
TOP_KEYS = {"name", "country", "emergency", "crisis", "services", "logo"}
CRISIS_KEYS = {"name", "phone", "text", "url", "hours"}
SERVICE_KEYS = {"name", "what", "phone", "url"}
LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}
LOGO_TARGET = "assets/agency-logo"
NEUTRAL_LINE = "Ask your practitioner which benefits and rights apply where you live."
US_TERMS = re.compile(
    r"\b(988|911|SSI|SSDI|Medicaid|Medicare|SNAP|ADA|Americans with Disabilities Act|Fair Housing Act"
    r"|Social Security|1-800-QUIT-NOW|NAMI|WIPA|Extra Help|Housing Choice Voucher)s?\b"
)
US_PASSAGE = re.compile(r"\[US\](.*?)\[/US\]", re.DOTALL)
US_BOX = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?) \w+ "' + strings.any_of("In the United States") + r'[^"\n]*"[^\n]*\n'
                    r'(?P<body>(?:(?P=indent)[ \t]+.*\n|[ \t]*\n)*)', re.MULTILINE)
EMERGENCY = "[[emergency]]"
EMPTY_ITEM = re.compile(r"^[ \t]*[-*][ \t]*\n", re.MULTILINE)
MARKER = re.compile(r"<!-- agency:([a-z-]+) -->")
# The print page's sections of practitioners' pages (filled in by on_files): they
# may name US services, as practitioner boxes may.
PRACTITIONER_SECTIONS: set[str] = set()
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
SOURCES = re.compile(r"^## " + strings.any_of("Sources") + r"\s*$.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
PRACTITIONER_BOX = re.compile(r"^(?:!!!|\?\?\?\+?) practitioner.*\n(?:[ \t]+.*\n|[ \t]*\n)*", re.MULTILINE)


class AgencyError(PluginError):
    pass


# ---------------------------------------------------------------- Hooks

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = os.environ.get(ENV, "").strip()
    config.extra["imr_agency"] = load_agency(Path(path)) if path else None
    return config


# Priority 130: first of all our hooks, on the source as written.
@event_priority(130)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    agency = config.extra.get("imr_agency")
    course = curriculum.course(config)
    if is_participant_page(page.file.src_uri, course):
        check_us_terms(markdown, page.file.src_path)
    lang = curriculum.language(config)
    markdown = MARKER.sub(lambda m: fill_marker(m.group(1), in_language(agency, lang), page.file.src_path, lang), markdown)
    return localize(markdown, agency, strings.translator(curriculum.language(config)))


# Every page as built, templates and hook-written text included: in an edition for
# another country, a page a participant reads names no United States-only service.
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    agency = config.extra.get("imr_agency")
    if agency and not agency["us"]:
        if is_participant_page(page.file.src_uri, curriculum.course(config)):
            check_built_text(participant_text(output), page.file.src_path)
    return output


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    course = curriculum.course(config)
    PRACTITIONER_SECTIONS.clear()
    PRACTITIONER_SECTIONS.update(
        print_section_id(f.src_uri) for f in files.documentation_pages() if not is_participant_page(f.src_uri, course)
    )
    return files


def on_post_build(*, config: MkDocsConfig) -> None:
    agency = config.extra.get("imr_agency")
    if agency and not agency["us"]:
        check_print_page(Path(config.site_dir), PRACTITIONER_SECTIONS)
    if agency and agency.get("logo_file"):
        source = Path(agency["logo_file"])
        target = Path(config.site_dir) / (LOGO_TARGET + source.suffix.lower())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


# ---------------------------------------------------------------- The agency file

def load_agency(path: Path) -> dict:
    """The agency file as checked data, or AgencyError saying the file, the key and what to do."""
    where = f"{ENV}={path}"
    if not path.is_file():
        raise AgencyError(f"{where}: no such file. Point {ENV} at your agency file (see examples/agency.yml).")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise AgencyError(f"{where}: not valid YAML ({error}). Compare it with examples/agency.yml.") from None
    if not isinstance(data, dict):
        raise AgencyError(f"{where}: the file must be a set of 'key: value' lines, like examples/agency.yml.")
    unknown(data, TOP_KEYS, where, "")
    name = text(data, "name", where, "", required=True)
    country = text(data, "country", where, "") or "US"
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise AgencyError(f"{where}: key 'country': {country!r} is not a two-letter ISO 3166 code such as US, CA or GB.")
    emergency = text(data, "emergency", where, "")
    if country != "US" and not emergency:
        raise AgencyError(f"{where}: key 'emergency' is missing: outside the US, give your country's emergency number.")
    crisis = [crisis_line(entry, where, n) for n, entry in enumerate(listed(data, "crisis", where), start=1)]
    services = [service(entry, where, n) for n, entry in enumerate(listed(data, "services", where), start=1)]
    logo_file = None
    if data.get("logo"):
        logo = path.parent / text(data, "logo", where, "")
        if not logo.is_file():
            raise AgencyError(f"{where}: key 'logo': no file at {logo}. Give a path relative to the agency file.")
        if logo.suffix.lower() not in LOGO_TYPES:
            raise AgencyError(f"{where}: key 'logo': use an SVG, PNG, JPEG or WebP image.")
        logo_file = str(logo.resolve())
    return {
        "name": name,
        "country": country,
        "us": country == "US",
        "emergency": emergency or "911",
        "emergency_tel": tel(emergency or "911"),
        "crisis": crisis,
        "services": services,
        "logo_file": logo_file,
        "logo": (LOGO_TARGET + Path(logo_file).suffix.lower()) if logo_file else None,
    }


def crisis_line(entry: object, where: str, number: int) -> dict:
    at = f"crisis {number}: "
    if not isinstance(entry, dict):
        raise AgencyError(f"{where}: key 'crisis': entry {number} must have a name and a phone.")
    unknown(entry, CRISIS_KEYS, where, at)
    phone = text(entry, "phone", where, at, required=True, hint="every crisis line needs a phone number")
    return {
        "name": text(entry, "name", where, at, required=True),
        "phone": phone,
        "tel": tel(phone),
        "text": text(entry, "text", where, at),
        "url": web_address(entry, where, at),
        "hours": text(entry, "hours", where, at),
        "hours_in": in_other_languages(entry, "hours", where, at),
    }


def service(entry: object, where: str, number: int) -> dict:
    at = f"services {number}: "
    if not isinstance(entry, dict):
        raise AgencyError(f"{where}: key 'services': entry {number} must have a name and what it offers.")
    unknown(entry, SERVICE_KEYS, where, at)
    return {
        "name": text(entry, "name", where, at, required=True),
        "what": text(entry, "what", where, at, required=True, hint="say in a few words what the service offers"),
        "what_in": in_other_languages(entry, "what", where, at),
        "phone": text(entry, "phone", where, at),
        "url": web_address(entry, where, at),
    }


def listed(data: dict, key: str, where: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise AgencyError(f"{where}: key '{key}' must be a list (each entry starts with '- name:').")
    return value


def in_other_languages(entry: dict, key: str, where: str, at: str) -> dict[str, str]:
    """`hours-es: todos los días...`: a crisis line's hours or a service's description in
    another language of the site (the English wording shows where none is given)."""
    return {k.split("-", 1)[1]: text(entry, k, where, at) for k in entry if re.fullmatch(rf"{key}-[a-z]{{2}}", str(k))}


def in_language(agency: dict | None, lang: str) -> dict | None:
    """The agency's crisis lines and services with their wording in `lang` where the file gives it."""
    if agency is None or lang == "en":
        return agency
    return {
        **agency,
        "crisis": [{**c, "hours": c["hours_in"].get(lang) or c["hours"]} for c in agency["crisis"]],
        "services": [{**s, "what": s["what_in"].get(lang) or s["what"]} for s in agency["services"]],
    }


def unknown(data: dict, allowed: set[str], where: str, at: str) -> None:
    extra = sorted(k for k in set(map(str, data)) - allowed if not re.fullmatch(r"(hours|what)-[a-z]{2}", k)
                   or k.split("-")[0] not in allowed)
    if extra:
        raise AgencyError(f"{where}: {at}unknown key '{extra[0]}'. Allowed keys: {', '.join(sorted(allowed))}.")


def text(data: dict, key: str, where: str, at: str, required: bool = False, hint: str = "") -> str:
    value = data.get(key)
    if value is None or str(value).strip() == "":
        if required:
            raise AgencyError(f"{where}: {at}key '{key}' is missing{': ' + hint if hint else ''}.")
        return ""
    if not isinstance(value, (str, int, float)):
        raise AgencyError(f"{where}: {at}key '{key}' must be text (put it in quotes).")
    return str(value).strip()


def web_address(entry: dict, where: str, at: str) -> str:
    url = text(entry, "url", where, at)
    if url and not re.match(r"https?://[^\s<>\"']+$", url):
        raise AgencyError(f"{where}: {at}key 'url': {url!r} must be a web address starting with https://.")
    return url


# ---------------------------------------------------------------- United States-only text

def is_participant_page(uri: str, course: curriculum.Curriculum) -> bool:
    if uri.startswith("program-guide/") or uri.endswith("/practitioner-guide.md"):
        return False
    worksheet = course.worksheets_by_uri.get(uri)
    return not (worksheet and worksheet.for_practitioners)


def check_us_terms(markdown: str, path: str) -> None:
    """US-only names appear only in US-only passages (a Sources list may name them)."""
    prose = FRONT_MATTER.sub("", markdown)
    prose = SOURCES.sub("", prose)
    prose = PRACTITIONER_BOX.sub("", prose)
    prose = US_BOX.sub("", prose)
    prose = US_PASSAGE.sub("", prose)
    found = US_TERMS.search(prose)
    if found:
        line = prose[: found.start()].count("\n") + 1
        context = prose[max(0, found.start() - 40): found.end() + 20].replace("\n", " ")
        raise PluginError(
            f"{path}: '{found.group(0)}' holds only in the United States ('...{context}...'). "
            f"Mark the passage [US]...[/US], put it in a box titled \"In the United States\", "
            f"or write {EMERGENCY} for the emergency number."
        )


class ParticipantText(HTMLParser):
    """The text of a built page that a participant reads: not scripts or styles, not
    practitioner boxes, not a Sources list (which may name a US source), and, on the
    print page, not the sections of practitioners' pages."""

    SKIPPED_TAGS = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, skip_sections: set[str] = frozenset()):
        super().__init__(convert_charrefs=True)
        self.skip_sections = skip_sections
        self.stack: list[tuple[str, bool]] = []  # open elements: tag, and whether it starts a skipped part
        self.skipping = 0
        self.in_sources = False
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in ("h1", "h2", "section"):
            # A Sources list runs to the next heading or page: "sources" on a page,
            # "<page>-sources" on the print page.
            self.in_sources = tag != "section" and (attrs.get("id") or "").split("-")[-1] == "sources"
        if tag in self.VOID:
            return
        skipped = (
            tag in self.SKIPPED_TAGS
            or "practitioner" in classes
            or (tag == "section" and attrs.get("id") in self.skip_sections)
        )
        self.stack.append((tag, skipped))
        self.skipping += skipped

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_sources = False  # the footer after an article is read again
        if tag in self.VOID or tag not in (open_tag for open_tag, _ in self.stack):
            return
        while self.stack:  # elements left open inside it close with it
            open_tag, skipped = self.stack.pop()
            self.skipping -= skipped
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skipping and not self.in_sources:
            self.parts.append(data)


def participant_text(built_html: str, skip_sections: set[str] = frozenset()) -> str:
    parser = ParticipantText(skip_sections)
    parser.feed(built_html)
    return " ".join(" ".join(parser.parts).split())


def check_built_text(text: str, where: str) -> None:
    found = US_TERMS.search(text)
    if found:
        context = text[max(0, found.start() - 60): found.end() + 30]
        raise PluginError(
            f"{where}: this edition is for another country, but the built page names '{found.group(0)}', "
            f"which holds only in the United States ('...{context}...'). If a template or a hook wrote it, "
            f"give that text an agency variant (see hooks/crisis.py); in a page, mark it [US]...[/US]."
        )


def check_print_page(site_dir: Path, practitioner_sections: set[str]) -> None:
    """The print page (covers, contents and every participant page's section) names no US-only service."""
    built = site_dir / "print_page" / "index.html"
    if built.is_file():
        text = participant_text(built.read_text(encoding="utf-8"), practitioner_sections)
        check_built_text(text, "the print page (print_page/index.html)")


def print_section_id(uri: str) -> str:
    """The id mkdocs-print-site-plugin gives a page's section: its path, '/' as '-', no 'index'."""
    path = uri[: -len(".md")]
    if path.endswith("/index"):
        path = path[: -len("/index")]
    return path.replace("/", "-")


def localize(markdown: str, agency: dict | None, t=strings.translator("en")) -> str:
    """The page for the edition's country: US passages kept or replaced, the emergency number filled in."""
    us = agency is None or agency["us"]
    emergency = "911" if agency is None else html.escape(agency["emergency"])
    markdown = markdown.replace(EMERGENCY, emergency)
    if us:
        return US_PASSAGE.sub(lambda m: m.group(1), markdown)
    markdown = US_BOX.sub(lambda m: neutral_box(m.group("indent"), t), markdown)
    markdown = US_PASSAGE.sub("", markdown)
    return EMPTY_ITEM.sub("", markdown)  # a list item that held only a US passage


def neutral_box(indent: str, t=strings.translator("en")) -> str:
    return f'{indent}!!! info "{t("Where you live")}"\n{indent}    {t(NEUTRAL_LINE)}\n\n'


# ---------------------------------------------------------------- Markers

def fill_marker(name: str, agency: dict | None, path: str, lang: str = "en") -> str:
    if name == "edition":
        return curriculum.render("agency-edition.md", lang, agency=agency)
    if name == "crisis-lines":
        return curriculum.render("crisis-lines.md", lang, agency=agency, e=html.escape, tel=tel)
    if name == "crisis-sentence":
        return crisis.numbers_sentence(agency, strings.translator(lang))
    if name == "services":
        return curriculum.render("agency-services.md", lang, agency=agency, e=html.escape, tel=tel)
    raise PluginError(f"{path}: unknown marker <!-- agency:{name} -->; known: edition, crisis-sentence, crisis-lines, services.")


def tel(phone: str) -> str:
    """A tel: link target from a phone number as people write it."""
    return "tel:" + re.sub(r"[^\d+]", "", phone)
