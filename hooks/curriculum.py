"""The curriculum hook: turns curriculum.yml into navigation and generated blocks.

curriculum.yml is the one source of truth for modules, topics, handouts and
worksheets. From it this hook
- checks the file and the pages it names (a listed page that is missing, or a page
  in a module folder that is not listed, stops the build);
- expands the "Modules" and "Worksheets" entries of the nav in mkdocs.yml;
- gives each topic page its title, its place in the module, the worksheets that go
  with it and links to the previous and next topic;
- fills the marker comments <!-- curriculum:NAME --> with generated Markdown
  (the modules overview, a module's topic list, the worksheet index, ...).

The Markdown of every generated block lives in Jinja templates under
overrides/curriculum/, not in this file. A translated build (theme.language other
than en) reads its titles from i18n/<lang>/curriculum.yml and its templates from
i18n/<lang>/overrides/curriculum/; its practitioners' pages stay in the English site.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import strings

# ---------------------------------------------------------------- Data

CURRICULUM_FILE = "curriculum.yml"
TEMPLATE_DIR = "overrides/curriculum"
I18N_DIR = "i18n"
ENGLISH = "en"
MODULES_DIR = "modules"
WORKSHEETS_DIR = "worksheets"
MODULES_NAV_TARGET = "modules/index.md"
WORKSHEETS_NAV_TARGET = "worksheets/index.md"
MARKER = re.compile(r"^<!-- curriculum:([a-z-]+) -->$", re.MULTILINE)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Topic:
    slug: str
    short: str
    title: str
    number: int
    module: "Module" = field(repr=False, compare=False)

    @property
    def src_uri(self) -> str:
        return f"{self.module.folder}/{self.slug}.md"


@dataclass(frozen=True)
class Handout:
    code: str
    slug: str
    title: str
    module: "Module" = field(repr=False, compare=False)

    @property
    def src_uri(self) -> str:
        return f"{self.module.folder}/{self.slug}.md"


@dataclass
class Module:
    number: int
    slug: str
    title: str
    summary: str
    topics: list[Topic] = field(default_factory=list)
    handouts: list[Handout] = field(default_factory=list)
    published: bool = False
    has_supporters_page: bool = False  # docs/modules/<slug>/for-supporters.md, for family and friends
    guide_in_this_site: bool = True  # False in a translation: the guide is the English site's

    @property
    def folder(self) -> str:
        return f"{MODULES_DIR}/{self.slug}"

    @property
    def index_uri(self) -> str:
        return f"{self.folder}/index.md"

    @property
    def guide_uri(self) -> str:
        return f"{self.folder}/practitioner-guide.md"

    @property
    def supporters_uri(self) -> str:
        return f"{self.folder}/for-supporters.md"

    @property
    def page_uris(self) -> list[str]:
        uris = [self.index_uri]
        uris += [topic.src_uri for topic in self.topics]
        uris += [handout.src_uri for handout in self.handouts]
        if self.has_supporters_page:
            uris.append(self.supporters_uri)
        if self.guide_in_this_site:
            uris.append(self.guide_uri)
        return uris


@dataclass(frozen=True)
class Worksheet:
    slug: str
    title: str
    module: int
    topics: tuple[str, ...]
    purpose: str
    for_practitioners: bool = False  # a planning sheet: left out of the participant editions

    @property
    def src_uri(self) -> str:
        return f"{WORKSHEETS_DIR}/{self.slug}.md"


@dataclass
class Curriculum:
    modules: list[Module]
    worksheets: list[Worksheet]
    lang: str = ENGLISH  # a translation's practitioners' pages are the English site's

    @property
    def translated(self) -> bool:
        return self.lang != ENGLISH

    def module(self, number: int) -> Module:
        return next(m for m in self.modules if m.number == number)

    @functools.cached_property
    def topics_by_uri(self) -> dict[str, Topic]:
        return {t.src_uri: t for m in self.modules for t in m.topics}

    @functools.cached_property
    def modules_by_uri(self) -> dict[str, Module]:
        return {uri: m for m in self.modules for uri in m.page_uris}

    @functools.cached_property
    def worksheets_by_uri(self) -> dict[str, Worksheet]:
        return {w.src_uri: w for w in self.worksheets}

    def worksheets_for(self, topic: Topic) -> list[Worksheet]:
        return [
            w for w in self.worksheets
            if w.module == topic.module.number and topic.slug in w.topics
        ]

    def published_worksheets(self) -> list[Worksheet]:
        return [w for w in self.worksheets if w.module == 0 or self.module(w.module).published]


# ---------------------------------------------------------------- Hooks

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    curriculum = course(config)
    mark_published_modules(curriculum, Path(config.docs_dir))
    config.nav = expand_nav(config.nav or [], curriculum, Path(config.docs_dir))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    curriculum = course(config)
    check_module_pages(curriculum, files)
    check_worksheet_pages(curriculum, files)
    return files


# Priority 100: run before mkdocs-print-site-plugin captures the page, so that the
# generated blocks reach the combined print page too.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    curriculum = course(config)
    uri = page.file.src_uri
    topic = curriculum.topics_by_uri.get(uri)
    if topic is not None:
        markdown = decorate_topic_page(markdown, topic, curriculum)
    return fill_markers(markdown, uri, curriculum)


# ---------------------------------------------------------------- Helpers

def config_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def language(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or ENGLISH)


def course(config: MkDocsConfig) -> Curriculum:
    """The curriculum in the language this build is in."""
    return load_curriculum(config_dir(config), language(config))


def load_curriculum(root: Path, lang: str = ENGLISH) -> Curriculum:
    """The curriculum of the project at `root`, in `lang`: one object per language, shared
    by every hook (the hooks that mark which modules are published mark this one)."""
    return load_curriculum_in(root, lang)


@functools.lru_cache(maxsize=8)
def load_curriculum_in(root: Path, lang: str) -> Curriculum:
    path = root / CURRICULUM_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the curriculum: {error}") from error
    curriculum = parse_curriculum(data, str(path))
    if lang != ENGLISH:
        translate_curriculum(curriculum, lang, root / I18N_DIR / lang / CURRICULUM_FILE)
    return curriculum


def translate_curriculum(curriculum: Curriculum, lang: str, path: Path) -> None:
    """Give every title its wording from i18n/<lang>/curriculum.yml (keyed by slug);
    a title it does not give stops the build, naming it."""
    try:
        words = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the translated titles: {error}") from error

    def wording(where: dict, key: str, what: str) -> str:
        value = (where or {}).get(key)
        if not isinstance(value, str) or not value.strip():
            raise PluginError(f"{path}: no {lang} wording for {what}.")
        return value

    curriculum.lang = lang
    for module in curriculum.modules:
        module.guide_in_this_site = False
        entry = (words.get("modules") or {}).get(module.slug) or {}
        module.title = wording(entry, "title", f"the title of module {module.slug}")
        module.summary = wording(entry, "summary", f"the summary of module {module.slug}")
        topics = entry.get("topics") or {}
        module.topics = [
            dataclasses.replace(t, short=wording(topics.get(t.slug), "short", f"topic {t.slug} (short)"),
                                title=wording(topics.get(t.slug), "title", f"topic {t.slug}"))
            for t in module.topics
        ]
        handouts = entry.get("handouts") or {}
        module.handouts = [dataclasses.replace(h, title=wording(handouts, h.slug, f"handout {h.slug}"))
                           for h in module.handouts]
    sheets = words.get("worksheets") or {}
    curriculum.worksheets = [
        w if w.for_practitioners else dataclasses.replace(
            w, title=wording(sheets.get(w.slug), "title", f"worksheet {w.slug}"),
            purpose=wording(sheets.get(w.slug), "purpose", f"the purpose of worksheet {w.slug}"))
        for w in curriculum.worksheets
    ]


def parse_curriculum(data: object, where: str = CURRICULUM_FILE) -> Curriculum:
    """Turn the YAML data into a Curriculum, or raise PluginError saying what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        raise PluginError(f"{where}: expected a 'modules' list at the top level.")
    modules = [parse_module(entry, where) for entry in data["modules"]]
    numbers = [m.number for m in modules]
    if numbers != list(range(1, len(modules) + 1)):
        raise PluginError(f"{where}: modules must be numbered 1, 2, 3 ... in order; found {numbers}.")
    worksheets = [
        parse_worksheet(entry, where, module)
        for module, raw in zip(modules, data["modules"])
        for entry in raw.get("worksheets") or []
    ]
    program = data.get("program") or {}
    worksheets += [parse_program_worksheet(entry, where) for entry in program.get("worksheets") or []]
    require_unique([w.slug for w in worksheets], f"{where}: worksheet slug")
    return Curriculum(modules=modules, worksheets=worksheets)


def parse_module(entry: dict, where: str) -> Module:
    require_keys(entry, ("number", "slug", "title", "summary", "topics"), f"{where}: module")
    module = Module(
        number=int(entry["number"]),
        slug=entry["slug"],
        title=entry["title"],
        summary=entry["summary"],
    )
    if not entry["slug"].startswith(f"{module.number:02d}-"):
        raise PluginError(f"{where}: module {module.number}'s slug must start with '{module.number:02d}-'.")
    for number, raw in enumerate(entry["topics"], start=1):
        require_keys(raw, ("slug", "short", "title"), f"{where}: a topic of module {module.number}")
        require_slug(raw["slug"], where)
        module.topics.append(Topic(raw["slug"], raw["short"], raw["title"], number, module))
    for raw in entry.get("handouts") or []:
        require_keys(raw, ("code", "slug", "title"), f"{where}: a handout of module {module.number}")
        require_slug(raw["slug"], where)
        module.handouts.append(Handout(str(raw["code"]), raw["slug"], raw["title"], module))
    require_unique(
        [t.slug for t in module.topics] + [h.slug for h in module.handouts]
        + ["index", "practitioner-guide", "for-supporters"],
        f"{where}: page slug in module {module.number}",
    )
    return module


def parse_worksheet(entry: dict, where: str, module: Module) -> Worksheet:
    require_keys(entry, ("slug", "title", "topics", "purpose"), f"{where}: a worksheet of module {module.number}")
    require_slug(entry["slug"], where)
    worksheet = Worksheet(
        slug=entry["slug"],
        title=entry["title"],
        module=module.number,
        topics=tuple(entry["topics"]),
        purpose=entry["purpose"],
    )
    known = {t.slug for t in module.topics}
    unknown = [slug for slug in worksheet.topics if slug not in known]
    if unknown:
        raise PluginError(
            f"{where}: worksheet '{worksheet.slug}' names topics {unknown} that module {module.number} does not have."
        )
    return worksheet


def parse_program_worksheet(entry: dict, where: str) -> Worksheet:
    """A worksheet for the whole program rather than one module (module number 0)."""
    require_keys(entry, ("slug", "title", "purpose"), f"{where}: a program worksheet")
    require_slug(entry["slug"], where)
    audience = entry.get("for", "participants")
    if audience not in ("participants", "practitioners"):
        raise PluginError(f"{where}: program worksheet '{entry['slug']}' has for: {audience!r}; use participants or practitioners.")
    return Worksheet(slug=entry["slug"], title=entry["title"], module=0, topics=(), purpose=entry["purpose"],
                     for_practitioners=audience == "practitioners")


def require_keys(entry: object, keys: tuple[str, ...], what: str) -> None:
    if not isinstance(entry, dict):
        raise PluginError(f"{what} must be a mapping, found {entry!r}.")
    missing = [key for key in keys if not entry.get(key)]
    if missing:
        raise PluginError(f"{what} {entry.get('slug') or entry.get('title') or ''} is missing {', '.join(missing)}.")


def require_slug(slug: str, where: str) -> None:
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise PluginError(f"{where}: '{slug}' is not a slug (lowercase letters, digits and hyphens).")


def require_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise PluginError(f"{what} '{value}' appears twice.")
        seen.add(value)


def mark_published_modules(curriculum: Curriculum, docs_dir: Path) -> None:
    for module in curriculum.modules:
        module.published = (docs_dir / module.folder).is_dir()
        module.has_supporters_page = (docs_dir / module.supporters_uri).is_file()


def expand_nav(nav: list, curriculum: Curriculum, docs_dir: Path) -> list:
    """Replace the 'Modules' and 'Worksheets' entries with their full sections."""
    expanded = []
    words = strings.translator(curriculum.lang)
    for entry in nav:
        title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if target == MODULES_NAV_TARGET:
            expanded.append({title: [MODULES_NAV_TARGET, *modules_nav(curriculum, words)]})
        elif target == WORKSHEETS_NAV_TARGET:
            expanded.append({title: [WORKSHEETS_NAV_TARGET, *worksheets_nav(curriculum, words)]})
        else:
            expanded.append(entry)
    return expanded


def modules_nav(curriculum: Curriculum, words=strings.translator(ENGLISH)) -> list[dict]:
    sections = []
    for module in curriculum.modules:
        if not module.published:
            continue
        pages: list = [module.index_uri]
        pages += [{topic.short: topic.src_uri} for topic in module.topics]
        pages += [{words("Handout {code}: {title}", code=h.code, title=h.title): h.src_uri} for h in module.handouts]
        if module.has_supporters_page:
            pages.append({words("For family and friends"): module.supporters_uri})
        if module.guide_in_this_site:
            pages.append({words("Practitioner guide"): module.guide_uri})
        else:
            pages.append({f'{words("Practitioner guide")} {words("(in English)")}': ENGLISH_PAGE + module.guide_uri})
        sections.append({f"{module.number}. {module.title}": pages})
    return sections


def worksheets_nav(curriculum: Curriculum, words=strings.translator(ENGLISH)) -> list[dict]:
    return [
        {f'{w.title} {words("(in English)")}': ENGLISH_PAGE + w.src_uri}
        if w.for_practitioners and curriculum.translated else {w.title: w.src_uri}
        for w in curriculum.published_worksheets()
    ]


def english_url(uri: str, directory_urls: bool = True) -> str:
    """From a translation's site root (site/<lang>/), the address of an English page."""
    page = uri.removesuffix(".md")
    if directory_urls:
        page = "" if page == "index" else page.removesuffix("/index") + "/"
    else:
        page += ".html"
    return "../" + page


# A translation's nav links to English pages as ENGLISH_PAGE + their source path: MkDocs
# passes an address with a scheme through untouched, and hooks/language.py writes the
# real relative address into each page.
ENGLISH_PAGE = "imr-english:"


def check_module_pages(curriculum: Curriculum, files: Files) -> None:
    """Every page a published module lists exists, and its folder holds nothing else."""
    present = {f.src_uri for f in files.documentation_pages()}
    for module in curriculum.modules:
        if not module.published:
            continue
        expected = set(module.page_uris)
        missing = sorted(expected - present)
        if missing:
            raise PluginError(
                f"Module {module.number} ({module.folder}) is missing pages that {CURRICULUM_FILE} lists: "
                + ", ".join(missing)
            )
        extra = sorted(uri for uri in present if uri.startswith(module.folder + "/") and uri not in expected)
        if extra:
            raise PluginError(
                f"{module.folder} holds pages that {CURRICULUM_FILE} does not list: {', '.join(extra)}. "
                "Add them to the curriculum or remove them."
            )


def check_worksheet_pages(curriculum: Curriculum, files: Files) -> None:
    present = {f.src_uri for f in files.documentation_pages()}
    expected = {w.src_uri for w in curriculum.published_worksheets()
                if not (w.for_practitioners and curriculum.translated)} | {WORKSHEETS_NAV_TARGET}
    missing = sorted(expected - present)
    if missing:
        raise PluginError(f"Worksheets listed in {CURRICULUM_FILE} have no page: {', '.join(missing)}")
    extra = sorted(u for u in present if u.startswith(WORKSHEETS_DIR + "/") and u not in expected)
    if extra:
        raise PluginError(
            f"Worksheet pages not listed in {CURRICULUM_FILE} (or listed under a module not yet published): "
            + ", ".join(extra)
        )


def decorate_topic_page(markdown: str, topic: Topic, curriculum: Curriculum) -> str:
    """Give a topic page its title line and, at the end, its worksheets and neighbours."""
    head = render("topic-head.md", curriculum.lang, topic=topic, here=topic.src_uri)
    foot = render(
        "topic-foot.md",
        curriculum.lang,
        topic=topic,
        here=topic.src_uri,
        worksheets=curriculum.worksheets_for(topic),
        previous=neighbour(topic, -1),
        next=neighbour(topic, +1),
    )
    return f"{head}\n{markdown.rstrip()}\n\n{foot}\n"


def neighbour(topic: Topic, step: int) -> Topic | None:
    index = topic.number - 1 + step
    topics = topic.module.topics
    return topics[index] if 0 <= index < len(topics) else None


def fill_markers(markdown: str, here: str, curriculum: Curriculum) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1)
        builder = MARKER_BUILDERS.get(name)
        if builder is None:
            raise PluginError(
                f"{here}: unknown marker <!-- curriculum:{name} -->; known: {', '.join(sorted(MARKER_BUILDERS))}."
            )
        return builder(curriculum, here)

    return MARKER.sub(replace, markdown)


def build_modules_overview(curriculum: Curriculum, here: str) -> str:
    return render("modules-overview.md", curriculum.lang, modules=curriculum.modules, here=here)


def build_modules_list(curriculum: Curriculum, here: str) -> str:
    return render("modules-list.md", curriculum.lang, modules=curriculum.modules, here=here)


def build_modules_path(curriculum: Curriculum, here: str) -> str:
    return render("modules-path.md", curriculum.lang, modules=curriculum.modules, here=here)


def build_module_topics(curriculum: Curriculum, here: str) -> str:
    module = curriculum.modules_by_uri.get(here)
    if module is None:
        raise PluginError(f"{here}: <!-- curriculum:module-topics --> belongs on a module's index page.")
    return render("module-topics.md", curriculum.lang, module=module, curriculum=curriculum, here=here)


def build_worksheet_index(curriculum: Curriculum, here: str) -> str:
    published = curriculum.published_worksheets()
    groups = [(m, [w for w in published if w.module == m.number]) for m in curriculum.modules]
    program = [w for w in published if w.module == 0]
    return render(
        "worksheet-index.md", curriculum.lang, groups=[g for g in groups if g[1]], program=program, curriculum=curriculum, here=here
    )


MARKER_BUILDERS = {
    "modules": build_modules_overview,
    "modules-list": build_modules_list,
    "modules-path": build_modules_path,
    "module-topics": build_module_topics,
    "worksheets": build_worksheet_index,
}


def link(target: str, here: str) -> str:
    """A Markdown link target to docs page `target` from page `here` (both src URIs)."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


@functools.lru_cache(maxsize=4)
def template_env(lang: str = ENGLISH) -> jinja2.Environment:
    """Templates in `lang` (i18n/<lang>/overrides/curriculum/), else the English ones."""
    project = Path(__file__).resolve().parent.parent
    folders = [project / I18N_DIR / lang / TEMPLATE_DIR] if lang != ENGLISH else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, project / TEMPLATE_DIR]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["link"] = link
    return env


def render(name: str, lang: str = ENGLISH, **values) -> str:
    return template_env(lang).get_template(name).render(**values)
