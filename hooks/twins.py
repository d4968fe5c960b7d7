"""A translated page and its English twin: what must match one for one, and which
version of the English page a translation was written from. Not a hook itself:
hooks/language.py, tools/translations.py and the tests import it.

A translation lives at i18n/<lang>/docs/<path>, the twin of docs/<path>. Its front
matter records `translates:`, the git blob id of the English file it was written
from (exact, and computable without git history). Structure parity follows
FastAPI's translation checks: the same headings (levels, in order), links (targets,
in order), admonition kinds, fields (kinds, names, option and column counts, fixed
settings), diagrams (kinds, keys, list lengths), tables (rows and columns), markers
(crisis line, curriculum and agency markers, [[emergency]], [US] passages) and front
matter keys.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fences import split_blocks

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_DOCS = ROOT / "docs"
I18N = ROOT / "i18n"
TRANSLATES = "translates"

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
FENCE = re.compile(r"^( *)(`{3,}|~{3,})([\w-]*).*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*$", re.MULTILINE)
HEADING_ATTRS = re.compile(r"[ \t]*\{[^}]*\}[ \t]*$")
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HREF = re.compile(r"""href=["']([^"']+)["']""")
ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)", re.MULTILINE)
COMMENT_MARKER = re.compile(r"<!--\s*((?:crisis-line|curriculum:[a-z-]+|agency:[a-z-]+))\s*-->")
ATTR_CLASS = re.compile(r"\{[ \t]*(\.[\w-]+(?:[ \t]+\.[\w-]+)*)[ \t]*\}")
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)

# Field settings that are the same in every language (names, numbers, references).
FIXED_SETTINGS = ("lines", "rows", "min", "max", "sum", "below", "dated-by", "measure", "other")
# Settings that are lists whose length must match (answers are shared by position).
COUNTED_SETTINGS = ("options", "columns", "bands")
# Settings a translation leaves out: the build takes them from the English page.
ENGLISH_ONLY_SETTINGS = ("was",)


# ---------------------------------------------------------------- Paths and versions

def english_path(translation: Path, lang: str) -> Path:
    return ENGLISH_DOCS / translation.resolve().relative_to((I18N / lang / "docs").resolve())


def translation_path(english: Path, lang: str) -> Path:
    return I18N / lang / "docs" / english.resolve().relative_to(ENGLISH_DOCS.resolve())


def blob_id(path: Path) -> str:
    """The git blob id of a file (what `git hash-object` prints), without git."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def front_matter(markdown: str) -> dict:
    match = FRONT_MATTER.match(markdown)
    if not match:
        return {}
    meta = yaml.safe_load(match.group(1)) or {}
    return meta if isinstance(meta, dict) else {}


def recorded_version(translation: Path) -> str | None:
    value = front_matter(translation.read_text(encoding="utf-8")).get(TRANSLATES)
    return str(value) if value else None


def is_fresh(translation: Path, lang: str) -> bool:
    return recorded_version(translation) == blob_id(english_path(translation, lang))


def stamp(translation: Path, lang: str) -> None:
    """Record in a translation's front matter the English version it now matches."""
    version = blob_id(english_path(translation, lang))
    text = translation.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    line = f"{TRANSLATES}: {version}"
    if match is None:
        text = f"---\n{line}\n---\n\n" + text
    elif re.search(rf"^{TRANSLATES}:.*$", match.group(1), re.MULTILINE):
        body = re.sub(rf"^{TRANSLATES}:.*$", line, match.group(1), flags=re.MULTILINE)
        text = f"---\n{body}\n---\n" + text[match.end():]
    else:
        text = f"---\n{line}\n{match.group(1)}\n---\n" + text[match.end():]
    translation.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- Structure

@dataclass
class Structure:
    """What a page and its translation must share, one for one."""
    meta_keys: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    admonitions: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    tables: list[tuple[int, int]] = field(default_factory=list)
    fields: list[tuple] = field(default_factory=list)
    diagrams: list[tuple] = field(default_factory=list)


def structure(markdown: str) -> Structure:
    meta = front_matter(markdown)
    body = FRONT_MATTER.sub("", markdown, count=1)
    found = Structure(meta_keys=sorted(k for k in meta if k != TRANSLATES))
    prose: list[str] = []
    for piece in split_blocks(body, "fields"):
        if isinstance(piece, str):
            prose.append(piece)
        else:
            found.fields += [field_shape(item) for item in (yaml.safe_load(piece.body) or [])]
    text = "\n".join(prose)
    for piece in split_blocks(text, "diagram"):
        if not isinstance(piece, str):
            found.diagrams.append(diagram_shape(yaml.safe_load(piece.body) or {}))
    text = "\n".join(p for p in split_blocks(text, "diagram") if isinstance(p, str))
    text = FENCE.sub("", text)
    found.headings = [len(m.group(1)) for m in HEADING.finditer(text)]
    found.links = [m.group(1) for m in LINK.finditer(text)] + [m.group(1) for m in HREF.finditer(text)]
    found.admonitions = ADMONITION.findall(text)
    found.markers = COMMENT_MARKER.findall(text)
    found.markers += ["[[emergency]]"] * text.count("[[emergency]]")
    found.markers += ["[US]"] * text.count("[US]")
    found.classes = [" ".join(m.group(1).split()) for m in ATTR_CLASS.finditer(text)]
    found.tables = table_shapes(text)
    return found


def field_shape(item: dict) -> tuple:
    kind = next((k for k in item if k not in ("label", "hint", "low", "high", "entry") and k not in FIXED_SETTINGS
                 and k not in COUNTED_SETTINGS and k not in ENGLISH_ONLY_SETTINGS), "?")
    fixed = tuple((k, repr(item[k])) for k in FIXED_SETTINGS if k in item)
    counted = tuple((k, len(item[k]) if isinstance(item[k], list) else -1) for k in COUNTED_SETTINGS if k in item)
    texts = tuple(k for k in ("label", "hint", "low", "high", "entry") if k in item)
    return (kind, item.get(kind), fixed, counted, texts)


def diagram_shape(spec: dict) -> tuple:
    def shape(value):
        if isinstance(value, list):
            return ("list", len(value), tuple(shape(v) for v in value if isinstance(v, (list, dict))))
        if isinstance(value, dict):
            return ("map", tuple(sorted((k, shape(v)) for k, v in value.items())))
        return "text"
    return (spec.get("kind"), shape({k: v for k, v in spec.items() if k != "kind"}))


def table_shapes(text: str) -> list[tuple[int, int]]:
    shapes, rows, columns = [], 0, 0
    for line in text.split("\n"):
        if TABLE_ROW.match(line):
            rows += 1
            columns = max(columns, line.strip().strip("|").count("|") + 1)
        elif rows:
            shapes.append((rows, columns))
            rows, columns = 0, 0
    if rows:
        shapes.append((rows, columns))
    return shapes


def differences(english: str, translation: str) -> list[str]:
    """Every way the translation's structure differs from its English twin's."""
    ours, theirs = structure(english), structure(translation)
    problems = []
    for name in Structure.__dataclass_fields__:
        a, b = getattr(ours, name), getattr(theirs, name)
        if a == b:
            continue
        if isinstance(a, list) and len(a) == len(b):
            where = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
            problems.append(f"{name}: item {where + 1} is {b[where]!r} here but {a[where]!r} in English")
        else:
            extra = [x for x in b if x not in a]
            missing = [x for x in a if x not in b]
            problems.append(f"{name}: {len(b)} here, {len(a)} in English"
                            + (f"; missing {missing[:5]!r}" if missing else "")
                            + (f"; not in English {extra[:5]!r}" if extra else ""))
    return problems


# ---------------------------------------------------------------- Headings and fields, matched

def heading_lines(markdown: str) -> list[tuple[int, str]]:
    """(line index, text) of each heading outside fenced blocks, front matter included in the count."""
    lines = markdown.split("\n")
    inside, fence, found = False, "", []
    start = 0
    match = FRONT_MATTER.match(markdown)
    if match:
        start = markdown[: match.end()].count("\n")
    for index in range(start, len(lines)):
        line = lines[index]
        opener = re.match(r"^ *(`{3,}|~{3,})", line)
        if opener and not inside:
            inside, fence = True, opener.group(1)
            continue
        if inside:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                inside = False
            continue
        heading = HEADING.match(line)
        if heading:
            found.append((index, heading.group(2)))
    return found


def field_items(markdown: str) -> list[dict]:
    items: list[dict] = []
    for piece in split_blocks(FRONT_MATTER.sub("", markdown, count=1), "fields"):
        if not isinstance(piece, str):
            items += yaml.safe_load(piece.body) or []
    return items
