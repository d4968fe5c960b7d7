"""The print editions hook: what the combined print page needs to print each edition.

mkdocs-print-site-plugin combines every page into print_page/. There,
assets/js/views/edition.js shows one edition at a time:

- manual       the practitioner manual: everything
- workbook     the participant workbook: no practitioner guides, program guide,
               planning sheets or "For practitioners" notes
- worksheets   the participant worksheets only
- module-NN    one module's handout packet: its overview, topics and handouts, and
               its worksheets, for participants

This hook
- lists the editions (whole_editions() and editions()), for the print page, `make pdf`
  (tools/make_pdfs.py) and the download links (hooks/downloads.py), and the
  handouts that `make pdf` prints from their own pages (handout_prints());
- puts into config.extra["print_editions"] what the cover page template
  (overrides/print/cover-page.html) and edition.js need from curriculum.yml: each
  edition's title, each module's sections and worksheets on the print page, and
  the topic numbers ("3.2" is the second topic of Module 3);
- prints a link to another site with its address after it ("988 Suicide & Crisis
  Lifeline (988lifeline.org)"), on paper only, on every page and in the manual;
- marks the title of every family page (a module's for-supporters.md and the
  program's) with the class imr-handout: on paper such a page packs onto one or two
  sheets, its lists of steps kept whole (styles/paper.css, "Family handouts on paper").
"""

from __future__ import annotations

import dataclasses

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import curriculum
import strings

# ---------------------------------------------------------------- Data

EXTRA_KEY = "print_editions"
LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.DOTALL)
HREF = re.compile(r'\bhref="(?P<href>[^"]*)"')
TAG = re.compile(r"<[^>]+>")
TITLE = re.compile(r"^# [^\n{]+$", re.MULTILINE)
SUPPORTERS_PAGE = "for-supporters.md"


@dataclass(frozen=True)
class Edition:
    id: str          # ?edition= on the print page
    file: str        # its PDF, made by `make pdf`
    title: str       # on the cover, in the PDF's title and in the edition chooser
    name: str        # in running text: "Download {name} (PDF, 40 pages)"
    summary: str     # what it holds, one line
    module: int = 0  # the module of a handout packet
    page: str = ""   # a page printed on its own, not from the print page (a handout)

    document_title: str = ""  # the PDF's title: the site's name and the edition's


def whole_editions(t=strings.translator("en")) -> list[Edition]:
    """The three editions of the whole program, in the language of `t`."""
    return [
        Edition(
            "manual", "imr-practitioner-manual.pdf", t("Practitioner manual"), t("the full manual"),
            t("every module, topic, handout and worksheet, with the practitioner guides and the program guide"),
        ),
        Edition(
            "workbook", "imr-participant-workbook.pdf", t("Participant workbook"), t("the participant workbook"),
            t("every topic, handout and worksheet, without practitioner material"),
        ),
        Edition(
            "worksheets", "imr-worksheets-blank.pdf", t("Worksheets"), t("all the worksheets"),
            t("every participant worksheet, blank, each on its own page"),
        ),
    ]


def titled(edition: Edition, t) -> Edition:
    return dataclasses.replace(edition, document_title=t("Illness Management and Recovery: {title}", title=edition.title))


# ---------------------------------------------------------------- Hooks

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra[EXTRA_KEY] = print_data(load(config))
    return config


# Priority 100: the page's own title, before the curriculum hook adds any.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.rsplit("/", 1)[-1] == SUPPORTERS_PAGE:
        return TITLE.sub(lambda m: m.group(0).rstrip() + " { .imr-handout }", markdown, count=1)
    return markdown


# Priority 100: before mkdocs-print-site-plugin captures the page, so that the
# addresses reach the manual too.
@event_priority(100)
def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return add_link_addresses(html_text, urlparse(config.site_url or "").netloc)


# The print plugin links its stylesheets and script from every page, but they only
# style and number its combined print page; other pages print with our own @page
# rules (styles/paper.css). Leaving them off saves every first visit about 2 KiB.
PRINT_PLUGIN_ASSET = re.compile(
    r'<link rel="stylesheet" href="[./]*css/print-site(?:-material)?\.css">\s*'
    r'|<script src="[./]*js/print-site\.js"></script>\s*'
)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if page.url.startswith("print_page"):
        return output
    return PRINT_PLUGIN_ASSET.sub("", output)


# ---------------------------------------------------------------- Editions

def load(config: MkDocsConfig) -> curriculum.Curriculum:
    return load_from(curriculum.config_dir(config), Path(config.docs_dir), curriculum.language(config))


def load_from(root: Path, docs_dir: Path | None = None, lang: str = curriculum.ENGLISH) -> curriculum.Curriculum:
    """The project's curriculum, with the modules whose pages exist marked as published."""
    course = curriculum.load_curriculum(root, lang)
    curriculum.mark_published_modules(course, docs_dir or root / "docs")
    return course


def editions(course: curriculum.Curriculum) -> list[Edition]:
    """Every edition: the three whole-program ones, then one handout packet per published module."""
    t = strings.translator(course.lang)
    return [titled(e, t) for e in [*whole_editions(t), *(packet(module, t) for module in course.modules if module.published)]]


def all_prints(course: curriculum.Curriculum) -> list[Edition]:
    """Everything `make pdf` makes: the print page's editions, then the handouts."""
    return [*editions(course), *handout_prints(course)]


def handout_prints(course: curriculum.Curriculum) -> list[Edition]:
    """Each handout of a published module printed from its own page, as its Print
    button prints it: the copy for the one person it is about, with no practitioner
    notes. Not editions of the print page, so not in editions()."""
    t = strings.translator(course.lang)
    return [titled(edition, t) for module in course.modules if module.published for edition in handout_prints_of(module, t)]


def handout_prints_of(module: curriculum.Module, t=strings.translator("en")) -> list[Edition]:
    """One module's handouts (2A to 2E in Module 2), one print each."""
    return [
        Edition(
            id=f"handout-{handout.code.lower()}",
            file=f"imr-handout-{handout.code.lower()}.pdf",
            title=t("Handout {code}: {title}", code=handout.code, title=handout.title),
            name=t("Handout {code}", code=handout.code),
            summary=handout.title,
            page=handout.src_uri.removesuffix(".md") + "/",
        )
        for handout in module.handouts
    ]


def packet(module: curriculum.Module, t=strings.translator("en")) -> Edition:
    """A module's handout packet."""
    return Edition(
        id=f"module-{module.number:02d}",
        file=f"imr-module-{module.number:02d}-handouts.pdf",
        title=t("Module {number} handout packet", number=module.number),
        name=t("the Module {number} handout packet", number=module.number),
        summary=module.title,
        module=module.number,
    )


def print_section_id(src_uri: str) -> str:
    """The id of a page's section on the print page.

    mkdocs-print-site-plugin names it after the page's URL (with directory URLs):
    modules/03-x/index.md -> modules-03-x, worksheets/my-triggers.md -> worksheets-my-triggers.
    tests/test_print_editions.py checks that every id named here is on the print page.
    """
    path = src_uri.removesuffix(".md")
    if path != "index":
        path = path.removesuffix("/index")
    return path.replace("/", "-").lower()


def module_sections(module: curriculum.Module) -> list[str]:
    """A module's pages in its handout packet: overview, topics, handouts and the page for
    family and friends (not the guide)."""
    uris = [module.index_uri, *(t.src_uri for t in module.topics), *(h.src_uri for h in module.handouts)]
    if module.has_supporters_page:
        uris.append(module.supporters_uri)
    return [print_section_id(uri) for uri in uris]


def print_data(course: curriculum.Curriculum) -> dict:
    """What the cover page and edition.js need, as plain data (it is also written as JSON)."""
    modules = [m for m in course.modules if m.published]
    return {
        "editions": [
            {"id": e.id, "title": e.title, "documentTitle": e.document_title, "module": e.module}
            for e in editions(course)
        ],
        "modules": [
            {
                "number": m.number,
                "title": m.title,
                "edition": packet(m).id,
                "topics": len(m.topics),
                "handouts": [h.code for h in m.handouts],
                "sections": module_sections(m),
                "worksheets": [
                    print_section_id(w.src_uri) for w in course.published_worksheets() if w.module == m.number
                ],
            }
            for m in modules
        ],
        "numbers": {
            print_section_id(t.src_uri): f"{m.number}.{t.number}" for m in modules for t in m.topics
        },
        "practitionerWorksheets": [
            print_section_id(w.src_uri) for w in course.published_worksheets() if w.for_practitioners
        ],
    }


# ---------------------------------------------------------------- Outside links on paper

def link_address(href: str, site_host: str) -> str:
    """What to print after a link: the address of another site, an e-mail address or a
    phone number; nothing for a link inside this site."""
    parsed = urlparse(href)
    if parsed.scheme in ("http", "https") and parsed.netloc and parsed.netloc != site_host:
        address = parsed.netloc + parsed.path.rstrip("/")
        if parsed.query:
            address += "?" + parsed.query
        return unquote(address)
    if parsed.scheme in ("mailto", "tel"):
        return unquote(parsed.path)
    return ""


def already_shown(address: str, text: str) -> bool:
    """Whether the link's own words already give the address ("chat at 988lifeline.org")."""
    if address.lstrip("+").replace("-", "").replace(" ", "").isdigit():
        digits = re.sub(r"\D", "", address)
        return digits in re.sub(r"\D", "", text)
    return address.lower() in text.lower()


def add_link_addresses(page_html: str, site_host: str) -> str:
    """After each link to another site, a span that only prints, holding its address."""

    def replace(match: re.Match) -> str:
        href = HREF.search(match.group("attrs"))
        if not href:
            return match.group(0)
        address = link_address(html.unescape(href.group("href")), site_host)
        text = html.unescape(TAG.sub("", match.group("text")))
        if not address or already_shown(address, text):
            return match.group(0)
        return f'{match.group(0)}<span class="imr-link-address"> ({html.escape(address)})</span>'

    return LINK.sub(replace, page_html)
