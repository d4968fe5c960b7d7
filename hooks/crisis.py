"""The crisis hook: the crisis line in the text people read and print.

The site's footer band names the crisis line on screen, but footers do not print
and a page read aloud in a group may never reach its footer. So:
- every participant page (module overviews, topic pages, handouts 2A-2E, family
  pages and participant worksheets) carries the standard crisis line in its own
  text (on a family page, its variant for a relative or friend): on
  a topic page after its last section (before Sources), on a worksheet under its
  introduction;
- an author who needs the line at one particular place (after a warning about
  thoughts of suicide, say) writes the marker <!-- crisis-line --> there, and the
  page then gets it there instead;
- every sheet of paper printed from the site carries the line at its foot
  (an @page rule written into each page's head by overrides/main.html from
  config.extra["imr_crisis"]).

The words live here, once.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import curriculum
import strings

ENGLISH = strings.translator("en")

# ---------------------------------------------------------------- Data

CRISIS_PAGE = "crisis.md"
SUPPORTERS_PAGE = "for-supporters.md"
MARKER = re.compile(r"^<!-- crisis-line -->[ \t]*$", re.MULTILINE)
SOURCES = re.compile(r"^## (?:Sources|[^\n]*\{ #sources \})\s*$", re.MULTILINE)  # a translation's has its English anchor
H1 = re.compile(r"^# .*$", re.MULTILINE)

# The standard sentence, in Markdown; {crisis} is the link target of the crisis page.
# An agency's edition (hooks/agency.py) names its own crisis line first, and outside
# the United States its country's emergency number instead of 988 and 911.
US_NUMBERS = "In the U.S., call or text [988](tel:988), or call [911](tel:911) in an emergency."
US_PAPER = "In the U.S., call or text 988, or call 911 in an emergency."
US_COVER = "In the United States, call or text 988, or call 911 in an emergency."
ELSEWHERE = "Elsewhere, call your local emergency number."


def crisis_line(agency: dict | None, t=ENGLISH) -> str:
    return (t("**If you ever feel unsafe, get help now.**") + f" {numbers_sentence(agency, t)} "
            + t("See [Crisis and safety]({crisis})."))


def supporters_line(agency: dict | None, t=ENGLISH) -> str:
    """The family pages' variant: they are read by a relative or friend, not by the participant."""
    return (
        t("**If you are worried that the person may not be safe, or you feel unsafe yourself, get help now.**")
        + f" {numbers_sentence(agency, t)} " + t("See [Crisis and safety]({crisis}).")
    )


def numbers_sentence(agency: dict | None, t=ENGLISH) -> str:
    """Whom to call, in Markdown: the agency's line first, then 988 and 911, or the emergency number."""
    return whom_to_call(agency, t("Call {name} at [{phone}]({tel})."), t(US_NUMBERS),
                        t("In an emergency, call [{number}]({tel})."), markdown=True, elsewhere=t(ELSEWHERE))


def cover_line(agency: dict | None, t=ENGLISH) -> str:
    """What every print edition's cover says about crisis help (plain text: the template escapes it)."""
    return t("These pages teach skills; they do not replace care.") + " " + whom_to_call(
        agency, t("In a crisis, call {name} at {phone}."), t(US_COVER), t("In an emergency, call {number}."),
        elsewhere=t(ELSEWHERE))


def paper_line(agency: dict | None, t=ENGLISH) -> str:
    """What the foot of every printed sheet says (plain text: it goes into CSS)."""
    return t("Crisis help:") + " " + whom_to_call(agency, t("{name}: {phone}."), t(US_PAPER), t("Emergency: {number}."),
                                                  elsewhere=t(ELSEWHERE))


def whom_to_call(agency: dict | None, first_line: str, us: str, emergency: str, markdown: bool = False,
                 elsewhere: str = ELSEWHERE) -> str:
    """Every crisis sentence in one shape: the agency's first crisis line (`first_line`
    with its name, phone and tel:), then the United States numbers (`us`, with
    "elsewhere" in the edition that names no agency), or outside the United States the
    country's emergency number (`emergency`). Agency text is escaped for Markdown."""
    text = escape if markdown else str
    parts = []
    if agency and agency["crisis"]:
        line = agency["crisis"][0]
        parts.append(fill(first_line, name=text(line["name"]), phone=text(line["phone"]), tel=tel(line["phone"])))
    if agency is None or agency["us"]:
        parts.append(us)
        if agency is None:
            parts.append(elsewhere)
    else:
        parts.append(fill(emergency, number=text(agency["emergency"]), tel=tel(agency["emergency"])))
    return " ".join(parts)


def fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def escape(text: str) -> str:
    """Agency text inside Markdown: HTML-escaped, and Markdown's own marks made literal."""
    return html.escape(re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", text), quote=False)


def tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", phone)


# ---------------------------------------------------------------- Hooks

# Runs after hooks/agency.py (listed before this hook in mkdocs.yml) has read the agency file.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    agency = config.extra.get("imr_agency")
    t = strings.translator(curriculum.language(config))
    config.extra["imr_crisis"] = {
        "paper_css": css_string(paper_line(agency, t)),
        "line": crisis_line(agency, t),
        "supporters_line": supporters_line(agency, t),
        "cover": cover_line(agency, t),
    }
    return config


# Priority 105: after the worksheets hook (so its error line numbers match the
# source), before the curriculum hook adds the topic foot and before the print
# plugin captures the page.
@event_priority(105)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    words = config.extra["imr_crisis"]["supporters_line" if is_supporters_page(uri) else "line"]
    block = crisis_block(words, uri)
    if MARKER.search(markdown):
        return MARKER.sub(lambda _: block, markdown)
    if not is_participant_page(uri, curriculum.course(config)):
        return markdown
    if uri.startswith(curriculum.WORKSHEETS_DIR + "/"):
        return after_introduction(markdown, block)
    return before_sources(markdown, block)


# ---------------------------------------------------------------- Helpers

def is_participant_page(uri: str, course: curriculum.Curriculum) -> bool:
    module = course.modules_by_uri.get(uri)
    if module is not None:
        return uri != module.guide_uri
    worksheet = course.worksheets_by_uri.get(uri)
    return worksheet is not None and not worksheet.for_practitioners


def is_supporters_page(uri: str) -> bool:
    """A module's family page, or the program's own (docs/for-supporters.md)."""
    return uri.rsplit("/", 1)[-1] == SUPPORTERS_PAGE


def crisis_block(line: str, here: str) -> str:
    line = line.replace("{crisis}", curriculum.link(CRISIS_PAGE, here))
    return f"\n{line}\n{{ .imr-crisis-line }}\n"


def before_sources(markdown: str, block: str) -> str:
    match = SOURCES.search(markdown)
    if match is None:
        return markdown.rstrip("\n") + "\n" + block
    return markdown[: match.start()] + block.lstrip("\n") + "\n" + markdown[match.start():]


def after_introduction(markdown: str, block: str) -> str:
    """After the paragraph under the page's title (or the title itself, if fields follow at once)."""
    title = H1.search(markdown)
    if title is None:
        return block.lstrip("\n") + "\n" + markdown
    cut = title.end()
    paragraph = re.match(r"\s*\n(?![<`~])(\S[^\n]*(?:\n[^\n\S]*\S[^\n]*)*)", markdown[cut:])
    if paragraph:
        cut += paragraph.end()
    return markdown[:cut] + "\n" + block + markdown[cut:]


def css_string(text: str) -> str:
    """A CSS string literal holding `text`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return '"' + escaped + '"'
