"""The checks hook: house rules for page sources that the build enforces.

- Admonitions come from a closed list (BLOCK_KINDS), so the projector view, the
  participant print edition and the styles know every kind they meet.
- Topic pages get their title from curriculum.yml, so they must not write an H1.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import curriculum

# ---------------------------------------------------------------- Data

# "practitioner" marks guidance for the person running the session: it is styled
# apart, hidden in the projector view and left out of participant handouts.
BLOCK_KINDS = {"practitioner", "note", "tip", "example", "warning", "info", "question", "abstract"}
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)", re.MULTILINE)
H1 = re.compile(r"^#\s", re.MULTILINE)
FENCED_CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)


# ---------------------------------------------------------------- Hooks

# Priority 120: read the source as the author wrote it, before other hooks add to it.
@event_priority(120)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    prose = FENCED_CODE.sub("", markdown)
    check_block_kinds(prose, page.file.src_path)
    if page.file.src_uri in curriculum.course(config).topics_by_uri:
        check_no_title(prose, page.file.src_path)
    return markdown


# ---------------------------------------------------------------- Helpers

def check_block_kinds(prose: str, path: str) -> None:
    unknown = sorted({kind for kind in ADMONITION.findall(prose) if kind not in BLOCK_KINDS})
    if unknown:
        raise PluginError(
            f"{path}: unknown block kind {', '.join(unknown)}; use one of {', '.join(sorted(BLOCK_KINDS))}."
        )


def check_no_title(prose: str, path: str) -> None:
    if H1.search(prose):
        raise PluginError(f"{path}: a topic page takes its title from curriculum.yml; remove its '# ' heading.")
