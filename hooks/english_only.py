"""The English-only hook: in a translated build, links to the pages that stay in English.

The practitioner guides, the program guide and the practitioners' worksheets are not
translated. A translated page links them as its English twin does, by their Markdown
path; this hook points each such link at the English site's page (one folder up from
site/<lang>/) and marks it "(in English)" in the page's language, with hreflang="en".
A link to a page that exists in neither language is left alone, so the build's own
link check still stops on it.
"""

from __future__ import annotations

import html
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import curriculum
import strings
import twins

LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\((?P<target>[^)\s#?]+\.md)(?P<anchor>[?#][^)\s]*)?"
                  r"(?:\s+\"(?P<title>[^\"]*)\")?\)(?:\{(?P<attrs>[^}\n]*)\})?")


# Priority 90: after the curriculum, crisis and agency hooks have written their links.
@event_priority(90)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = curriculum.language(config)
    if lang == curriculum.ENGLISH:
        return markdown
    words = strings.translator(lang)
    present = {f.src_uri for f in files.documentation_pages()}

    def replace(match: re.Match) -> str:
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), match.group("target")))
        if uri in present or not (twins.ENGLISH_DOCS / uri).is_file():
            return match.group(0)
        up = "../" * page.url.count("/")
        href = up + curriculum.english_url(uri, config.use_directory_urls) + (match.group("anchor") or "")
        title = f' title="{html.escape(match.group("title"), quote=True)}"' if match.group("title") else ""
        classes = " ".join(c[1:] for c in (match.group("attrs") or "").split() if c.startswith("."))
        link = f'<a href="{href}" hreflang="en"{title}>{match.group("text")}</a> {words("(in English)")}'
        return f'<span class="{classes}">{link}</span>' if classes else link

    return LINK.sub(replace, markdown)
