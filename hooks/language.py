"""The language hook: one site in several languages, one MkDocs build per language.

The English site is built from mkdocs.yml into site/; each translation from
mkdocs-<lang>.yml (which INHERITs mkdocs.yml) out of i18n/<lang>/docs/ into
site/<lang>/, with the same page paths. This hook
- gives templates `config.extra.imr_t`, our interface words in the build's language
  (hooks/strings.py); a message the language's strings.yml lacks stops the build;
- in a translated build, checks each page against its English twin (hooks/twins.py:
  the same headings, links, fields, markers...), gives each heading its English
  twin's anchor (so links and the language selector keep their place), and saves
  each option's answer under its English wording, so one set of answers serves both
  languages;
- points the language selector of every page at the same page in the other language,
  in the HTML itself, so it works from disk too (Material's script needs a server);
- gives a translated site's scripts their words (assets/imr-words.js, linked from each page).
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from pathlib import Path
from types import SimpleNamespace

import material
import yaml
from markdown.extensions.toc import slugify, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import curriculum
import strings
import twins
from fences import split_blocks

# Material's language selector. Its <link rel="alternate"> pair in the head goes: from
# them Material's script fetches each language's sitemap.xml on every page, to map the
# selector (which a page opened from disk may not do); the selector's links already go
# to the twin page.
SELECTOR_LINK = re.compile(r'href="[^"]*"(?P<after>\s+hreflang="(?P<lang>[a-z]{2})" class="md-select__link">)')
ALTERNATE_HEAD_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[a-z]{2}">\s*')
HEADING_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
# Our scripts' words in a translated site: a classic script that sets window.imrWords, run
# (deferred) before the module scripts; cached once for every page, and it works from disk.
SCRIPT_WORDS = "assets/imr-words.js"


# ---------------------------------------------------------------- Hooks

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Our words in this build's language, for every template (the print page's cover too).
    lang = curriculum.language(config)
    config.extra["imr_t"] = strings.translator(lang)
    # A translation is published under the English site's address, in <lang>/, unless
    # IMR_SITE_URL_<LANG> says otherwise (mkdocs.yml reads IMR_SITE_URL).
    published = os.environ.get("IMR_SITE_URL", "").strip()
    if lang != curriculum.ENGLISH and published and not os.environ.get(f"IMR_SITE_URL_{lang.upper()}"):
        config.site_url = published.rstrip("/") + f"/{lang}/"
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """A translation uses the English site's own files (scripts, icons, vendored code:
    every file of docs/ that is not a page) unless it has its own."""
    if curriculum.language(config) == curriculum.ENGLISH:
        return files
    present = {f.src_uri for f in files}
    for path in sorted(twins.ENGLISH_DOCS.rglob("*")):
        uri = path.relative_to(twins.ENGLISH_DOCS).as_posix()
        if path.is_file() and path.suffix != ".md" and uri not in present:
            files.append(File(uri, str(twins.ENGLISH_DOCS), config.site_dir, config.use_directory_urls))
    return files


# Priority 121: before the worksheets hook renders fields (110) and before the
# curriculum hook adds the topic's own heading (100), on the page as its writer wrote it.
@event_priority(121)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = curriculum.language(config)
    if lang == curriculum.ENGLISH:
        return markdown
    english_file = twins.ENGLISH_DOCS / page.file.src_uri
    if not english_file.is_file():
        return markdown  # a page of the translation's own (none yet)
    english = english_file.read_text(encoding="utf-8")
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    problems = twins.differences(english, source)
    if problems:
        raise PluginError(
            f"{page.file.src_path} does not match its English twin docs/{page.file.src_uri}:\n  "
            + "\n  ".join(problems) + "\nRun tools/translations.py check on it."
        )
    markdown = english_anchors(markdown, english)
    return english_answers(markdown, english)


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = curriculum.language(config)
    if lang != curriculum.ENGLISH:
        write_script_words(Path(config.site_dir) / SCRIPT_WORDS, lang)
    fix_print_page(config)
    give_search_its_stop_words(config)
    missing = sorted(strings.MISSING)
    if missing:
        raise PluginError(
            f"i18n/{curriculum.language(config)}/strings.yml has no wording for {len(missing)} messages: "
            + "; ".join(repr(m) for m in missing[:20])
        )


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    lang = curriculum.language(config)
    output = ALTERNATE_HEAD_LINK.sub("", SELECTOR_LINK.sub(lambda m: selector_link(m, page, lang, config), output))
    output = ENGLISH_NAV_LINK.sub(lambda m: english_nav_link(m, page, config), output)
    if lang != curriculum.ENGLISH:
        src = "../" * page_depth(page.url) + SCRIPT_WORDS
        output = output.replace("</head>", f'<script src="{src}" defer></script></head>', 1)
    return output


# ---------------------------------------------------------------- Anchors and answers

def heading_anchors(markdown: str) -> list[str]:
    """The id each heading of an English page gets (an explicit { #id }, else Python-Markdown's slug)."""
    ids: list[str] = []
    seen: set[str] = set()
    for _, text in twins.heading_lines(markdown):
        explicit = HEADING_ID.search(text)
        if explicit:
            ids.append(explicit.group(1))
            seen.add(explicit.group(1))
            continue
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", twins.HEADING_ATTRS.sub("", text))
        plain = html.unescape(re.sub(r"<[^>]+>|[*_`]", "", plain))
        ids.append(unique(slugify(plain, "-"), seen))
    return ids


def english_anchors(markdown: str, english: str) -> str:
    """Each heading of a translation gets its English twin's anchor (unless it sets its own)."""
    lines = markdown.split("\n")
    ids = heading_anchors(english)
    ours = twins.heading_lines(markdown)
    for (index, text), anchor in zip(ours, ids):
        # A page's title (#) keeps its own id: other hooks add its attributes (print_editions.py).
        if not HEADING_ID.search(text) and not lines[index].startswith("# "):
            lines[index] = lines[index].rstrip() + f" {{ #{anchor} }}"
    return "\n".join(lines)


def english_answers(markdown: str, english: str) -> str:
    """Options save under their English wording (`values`, and `was` for earlier ones),
    so a checklist ticked in one language shows ticked in the other."""
    theirs = iter(twins.field_items(english))
    out: list[str] = []
    for piece in split_blocks(markdown, "fields"):
        if isinstance(piece, str):
            out.append(piece)
            continue
        items = yaml.safe_load(piece.body) or []
        for item in items:
            twin = next(theirs)
            if "options" in item:
                item["values"] = twin["options"]
                if "was" in twin:
                    item["was"] = twin["was"]
        body = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100000).rstrip("\n")
        out.append(piece.indent + "```fields")
        out += [piece.indent + line if line else line for line in body.split("\n")]
        out.append(piece.indent + "```")
    return "\n".join(out)


# ---------------------------------------------------------------- Links to English-only pages in the nav

ENGLISH_NAV_LINK = re.compile(r'href="' + re.escape(curriculum.ENGLISH_PAGE) + r'([^"]+)"')


def english_nav_link(match: re.Match, page: Page, config: MkDocsConfig) -> str:
    """A nav link to a page that stays English (hooks/curriculum.py): its address from this page."""
    up = "../" * page_depth(page.url)
    return f'href="{up}{curriculum.english_url(match.group(1), config.use_directory_urls)}" hreflang="en"'


# mkdocs-print-site-plugin turns every link between pages into a link to the page's
# section ("#..-modules-01-x-practitioner-guide" for a page outside this build).
PRINT_PAGE_ANCHOR = re.compile(r'href="#(\.\.-[\w-]+?)-?(\?[^"]*)?"')


def fix_print_page(config: MkDocsConfig) -> None:
    """The print page is written after the other pages (mkdocs-print-site-plugin): its
    language selector, and in a translation its links to pages that stay English."""
    lang = curriculum.language(config)
    url = "print_page/" if config.use_directory_urls else "print_page.html"
    built = Path(config.site_dir) / ("print_page/index.html" if config.use_directory_urls else "print_page.html")
    if not built.is_file():
        return
    page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri=PRINT_PAGE_SOURCE))
    output = built.read_text(encoding="utf-8")
    output = ALTERNATE_HEAD_LINK.sub("", SELECTOR_LINK.sub(lambda m: selector_link(m, page, lang, config), output))
    output = ENGLISH_NAV_LINK.sub(lambda m: english_nav_link(m, page, config), output)
    if lang != curriculum.ENGLISH:
        output = PRINT_PAGE_ANCHOR.sub(lambda m: english_print_link(m, page, config), output)
        src = "../" * page_depth(url) + SCRIPT_WORDS
        output = output.replace("</head>", f'<script src="{src}" defer></script></head>', 1)
    built.write_text(output, encoding="utf-8")


PRINT_PAGE_SOURCE = "print_page"  # not a Markdown page: every language has one


def english_print_link(match: re.Match, page: Page, config: MkDocsConfig) -> str:
    """On a translation's print page, a link to a page that stays English goes to that page."""
    uri = english_sections().get(match.group(1))
    if uri is None:
        return match.group(0)
    query = match.group(2) or ""
    return f'href="{"../" * page_depth(page.url)}{curriculum.english_url(uri, config.use_directory_urls)}{query}"'


@functools.lru_cache(maxsize=1)
def english_sections() -> dict[str, str]:
    """The print page's name for a link to each English page, from a translation: its source path."""
    found = {}
    for path in twins.ENGLISH_DOCS.rglob("*.md"):
        uri = path.relative_to(twins.ENGLISH_DOCS).as_posix()
        name = uri.removesuffix(".md").removesuffix("/index").replace("/", "-")
        found["..-" + name] = uri
    return found


# ---------------------------------------------------------------- Language selector

def selector_link(match: re.Match, page: Page, lang: str, config: MkDocsConfig) -> str:
    return f'href="{html.escape(twin_url(page, lang, match.group("lang")), quote=True)}"{match.group("after")}'


def twin_url(page: Page, here: str, there: str) -> str:
    """From `page` in language `here`, the address of the same page in language `there`
    (that language's home when the page has no twin there)."""
    english = curriculum.ENGLISH
    up = "../" * page_depth(page.url)
    if here == there:
        return up + page.url or "./"
    if here == english:
        has_twin = page.file.src_uri == PRINT_PAGE_SOURCE or (twins.I18N / there / "docs" / page.file.src_uri).is_file()
        return up + f"{there}/" + (page.url if has_twin else "")
    if there == english:
        return up + "../" + page.url
    return up + f"../{there}/" + page.url


def page_depth(url: str) -> int:
    """How many folders deep a page's address is (modules/x/y/ is 3; modules/x/y.html is 2)."""
    return url.count("/")


# ---------------------------------------------------------------- Search

LUNR_LANGUAGES = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
STOP_WORDS = re.compile(r'generateStopWordFilter\("([^"]+)"')
SEARCH_INDEX = "search/search_index.json"


def stop_words(lang: str) -> list[str]:
    """The words lunr leaves out of the index in `lang` (Material's own lunr.<lang>.min.js)."""
    found = STOP_WORDS.search((LUNR_LANGUAGES / f"lunr.{lang}.min.js").read_text(encoding="utf-8"))
    return sorted(set(found.group(1).split())) if found else []


def give_search_its_stop_words(config: MkDocsConfig) -> None:
    """A translation's search index carries its language's stop words: lunr leaves them
    out of the index, but Material's query keeps them as words every result must hold
    ("me estoy enfermando" would find nothing); assets/js/search-forgiving.js drops them
    from each query. English needs none: Material removes English stop words itself."""
    lang = curriculum.language(config)
    index = Path(config.site_dir) / SEARCH_INDEX
    if lang == curriculum.ENGLISH or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["config"]["imr_stop_words"] = stop_words(lang)
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# ---------------------------------------------------------------- Script words

def write_script_words(target: Path, lang: str) -> None:
    words = strings.translator(lang)
    table = {message: words(message) for message in strings.script_messages()}
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"/* Our scripts' words in this language (hooks/language.py). */\nwindow.imrWords = {data};\n",
                      encoding="utf-8")
