"""The crisis hook: the crisis line in the text people read and print.

The site's footer band names the crisis line on screen, but footers do not print
and a page read aloud in a group may never reach its footer. So:
- every participant page (module overviews, topic pages, handouts 2A-2E and
  participant worksheets) carries the standard crisis line in its own text: on
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

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import curriculum

# ---------------------------------------------------------------- Data

CRISIS_PAGE = "crisis.md"
MARKER = re.compile(r"^<!-- crisis-line -->[ \t]*$", re.MULTILINE)
SOURCES = re.compile(r"^## Sources\s*$", re.MULTILINE)
H1 = re.compile(r"^# .*$", re.MULTILINE)

# The standard sentence, in Markdown; {crisis} is the link target of the crisis page.
CRISIS_LINE = (
    "**If you ever feel unsafe, get help now.** "
    "In the U.S., call or text [988](tel:988), or call [911](tel:911) in an emergency. "
    "Elsewhere, call your local emergency number. See [Crisis and safety]({crisis})."
)
# What the foot of every printed sheet says (plain text: it goes into CSS).
PAPER_LINE = (
    "Need help now? In the U.S., call or text 988, or call 911 in an emergency. "
    "Elsewhere, call your local emergency number."
)


# ---------------------------------------------------------------- Hooks

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["imr_crisis"] = {"paper_css": css_string(PAPER_LINE)}
    return config


# Priority 105: after the worksheets hook (so its error line numbers match the
# source), before the curriculum hook adds the topic foot and before the print
# plugin captures the page.
@event_priority(105)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    block = crisis_block(uri)
    if MARKER.search(markdown):
        return MARKER.sub(lambda _: block, markdown)
    if not is_participant_page(uri, curriculum.load_curriculum(curriculum.config_dir(config))):
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


def crisis_block(here: str) -> str:
    line = CRISIS_LINE.format(crisis=curriculum.link(CRISIS_PAGE, here))
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
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
