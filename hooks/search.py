"""The search hook: help search find what people mean, and describe every page.

- People search with everyday words ("paranoid", "my pills", "can't sleep"),
  which lunr cannot match to clinical ones. A page's front matter `keywords`
  become its search tags, which Material's search weighs far above body text.
  So do its `misspellings`: the ways people spell its key words that the
  forgiving search (assets/js/search-forgiving.js) cannot reach, a word more
  than two letters off or spelled as it sounds ("skitzophrenia", "narcon").
  The tags live only while the search plugin reads the page (its
  on_page_context): mkdocs-print-site-plugin would print any tags left in the
  page's metadata as chips at the top of the page in the manual.
- Topic pages and handouts rank above pages that only mention a subject.
- Every page gets a meta description: its front matter `description`, or else
  its first paragraph.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import curriculum

# ---------------------------------------------------------------- Data

TOPIC_BOOST = 3
WORKSHEET_BOOST = 1.5
PARAGRAPH = re.compile(r"^(?![#<!|>\-*\d`{ ])(.{40,}?)$", re.MULTILINE)
MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]|\{[^}]*\}")
DESCRIPTION_LENGTH = 160


# ---------------------------------------------------------------- Hooks

# Priority 90: after the curriculum hook has added a topic page's title block.
@event_priority(90)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    set_boost(page, config)
    set_description(page, markdown)
    keywords = [*(page.meta.get("keywords") or []), *(page.meta.get("misspellings") or [])]
    if keywords and "tags" not in page.meta:
        page.meta["tags"] = [str(k) for k in keywords]
        page.meta["imr_search_tags"] = True
    return markdown


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    # Hooks run after every plugin, so the search plugin has indexed the tags by now.
    if page.meta.pop("imr_search_tags", False):
        page.meta.pop("tags", None)
    return context


# ---------------------------------------------------------------- Helpers

def set_boost(page: Page, config: MkDocsConfig) -> None:
    if "search" in page.meta:
        return
    data = curriculum.course(config)
    uri = page.file.src_uri
    handouts = {h.src_uri for m in data.modules for h in m.handouts}
    if uri in data.topics_by_uri or uri in handouts:
        page.meta["search"] = {"boost": TOPIC_BOOST}
    elif uri in data.worksheets_by_uri:
        page.meta["search"] = {"boost": WORKSHEET_BOOST}


def set_description(page: Page, markdown: str) -> None:
    if page.meta.get("description"):
        return
    match = PARAGRAPH.search(markdown)
    if match:
        text = MARKUP.sub(lambda m: m.group(1) or "", match.group(1)).strip()
        page.meta["description"] = text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1] + "…"
