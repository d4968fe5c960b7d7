"""The session kit hook: one session structure, each module's sessions at a glance,
and sample dialogues for practitioners.

- `program: session:` in curriculum.yml holds the nine steps every session follows,
  with suggested minutes. From it:
    <!-- session:steps -->     the table of steps and minutes;
    <!-- session:step-options -->  the steps as the options of a checklist (inside a
                               ```fields block, under `options:`);
    <!-- session:timeline -->  the timeline diagram of the same minutes (a ```diagram
                               block, drawn by hooks/diagrams.py);
- a module guide's front matter `sessions:` lists the module's sessions (topics,
  the key question, what to review, teach and practice, home practice, what to
  prepare ahead, worksheets to print). From it
  and the steps, <!-- session:glance --> becomes the guide's "Session at a glance".
- ```dialogue blocks (practitioner pages only) become labelled speaker turns.

So the guides, the session-shape page, its diagram and the session plan sheet
cannot disagree. The Markdown of the generated blocks is in overrides/curriculum/.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import curriculum
from fences import split_blocks

# ---------------------------------------------------------------- Data

MARKER = re.compile(r"^<!-- session:([a-z-]+) -->$", re.MULTILINE)
DIALOGUE_INFO = "dialogue"
SPEAKERS = {"practitioner": "Practitioner", "participant": "Participant", "member": "Group member",
            "supporter": "Supporter"}
DIALOGUE_KEYS = {"title", "technique", "turns", "note"}
SESSION_KEYS = {"topics", "question", "review", "teach", "practice", "home", "prepare", "print"}
# Every session names its key question (what the person should be able to answer by
# the end) and what to prepare ahead (materials, and what to do days before).
REQUIRED_SESSION_KEYS = ("topics", "question", "review", "teach", "practice", "home", "prepare")
FIDELITY_CHECKS = [
    "Goals followed up, and any step taken praised",
    "Home practice reviewed, done or not",
    "At least one motivational, one educational and one cognitive-behavioral technique used",
    "Skills practiced in the session, not only talked about",
    "Home practice agreed and written down",
]


@dataclass(frozen=True)
class Step:
    name: str
    part: str
    individual: tuple[int, int]
    group: tuple[int, int]


@dataclass(frozen=True)
class SessionShape:
    individual: str
    group: str
    steps: tuple[Step, ...]

    def total(self, fmt: str) -> tuple[int, int]:
        ranges = [getattr(s, fmt) for s in self.steps]
        return sum(r[0] for r in ranges), sum(r[1] for r in ranges)

    def parts(self) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
        """The steps grouped by part, with the summed minutes of each format."""
        grouped: dict[str, list[Step]] = {}
        for step in self.steps:
            grouped.setdefault(step.part, []).append(step)
        return [
            (part, add(s.individual for s in steps), add(s.group for s in steps))
            for part, steps in grouped.items()
        ]


# ---------------------------------------------------------------- Hooks

# Priority 115: before the diagrams hook (110), which draws the timeline this one
# writes, and before the print plugin captures the page.
@event_priority(115)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    root = curriculum.config_dir(config)
    uri = page.file.src_uri
    if f"```{DIALOGUE_INFO}" in markdown:
        if not is_practitioner_page(uri):
            raise PluginError(f"{page.file.src_path}: sample dialogues belong on practitioner pages only.")
        markdown = render_dialogues(markdown, page.file.src_path)

    def replace(match: re.Match) -> str:
        name = match.group(1)
        shape = load_session_shape(root)
        if name == "steps":
            return curriculum.render("session-steps.md", shape=shape, total=shape.total, fmt=minutes)
        if name == "step-options":
            return "\n".join(f"    - {step.name}" for step in shape.steps)
        if name == "timeline":
            return timeline_block(shape)
        if name == "glance":
            return glance(page, shape, curriculum.load_curriculum(root))
        raise PluginError(f"{page.file.src_path}: unknown marker <!-- session:{name} -->; known: steps, step-options, timeline, glance.")

    return MARKER.sub(replace, markdown)


# ---------------------------------------------------------------- The session shape

@functools.lru_cache(maxsize=4)
def load_session_shape(root: Path) -> SessionShape:
    where = curriculum.CURRICULUM_FILE
    data = yaml.safe_load((root / where).read_text(encoding="utf-8"))
    raw = (data.get("program") or {}).get("session")
    if not isinstance(raw, dict) or not raw.get("steps"):
        raise PluginError(f"{where}: program: session: needs individual, group and a list of steps.")
    steps = []
    for entry in raw["steps"]:
        curriculum.require_keys(entry, ("step", "part", "individual", "group"), f"{where}: a session step")
        steps.append(Step(entry["step"], entry["part"], span(entry["individual"], where), span(entry["group"], where)))
    return SessionShape(str(raw["individual"]), str(raw["group"]), tuple(steps))


def span(value: object, where: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", str(value))
    if not match:
        raise PluginError(f"{where}: minutes {value!r} must be a number or a range like 3-5.")
    low = int(match.group(1))
    return low, int(match.group(2) or low)


def add(ranges) -> tuple[int, int]:
    ranges = list(ranges)
    return sum(r[0] for r in ranges), sum(r[1] for r in ranges)


def minutes(pair: tuple[int, int]) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}–{pair[1]}"


def timeline_block(shape: SessionShape) -> str:
    """A ```diagram block (hooks/diagrams.py draws it) of the steps grouped in parts."""
    parts = shape.parts()
    data = {
        "kind": "timeline",
        "title": "The shape of an IMR session, with suggested minutes",
        "heading": "The shape of a session",
        "caption": f"The {len(shape.steps)} steps, shown in {len(parts)} parts. Teaching and practice take the "
                   "most time; every other part stays short but is never skipped.",
        "parts": [p[0] for p in parts],
        "rows": [
            {"label": f"One-to-one session (our suggestion: {shape.individual} minutes)",
             "minutes": [minutes(p[1]) for p in parts]},
            {"label": f"Group session (our suggestion: {shape.group} minutes)",
             "minutes": [minutes(p[2]) for p in parts]},
        ],
        "note": "Our suggestion: minutes are a rough guide. Fit them to the people in the room.",
    }
    return "```diagram\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000) + "```"


# ---------------------------------------------------------------- Session at a glance

def glance(page: Page, shape: SessionShape, course: curriculum.Curriculum) -> str:
    where = page.file.src_path
    module = course.modules_by_uri.get(page.file.src_uri)
    if module is None or page.file.src_uri != module.guide_uri:
        raise PluginError(f"{where}: <!-- session:glance --> belongs on a module's practitioner guide.")
    sessions = page.meta.get("sessions")
    if not isinstance(sessions, list) or not sessions:
        raise PluginError(f"{where}: the front matter needs `sessions:`, a list of the module's sessions.")
    pages = {t.slug: t for t in module.topics} | {h.slug: h for h in module.handouts}
    sheets = {w.slug: w for w in course.worksheets}
    rows = []
    for number, session in enumerate(sessions, start=1):
        what = f"{where}: session {number}"
        if not isinstance(session, dict):
            raise PluginError(f"{what} must be a mapping of {', '.join(sorted(SESSION_KEYS))}.")
        unknown = set(session) - SESSION_KEYS
        if unknown:
            raise PluginError(f"{what} has unknown keys {sorted(unknown)}; use {sorted(SESSION_KEYS)}.")
        curriculum.require_keys(session, REQUIRED_SESSION_KEYS, what)
        missing = [s for s in session["topics"] if s not in pages]
        if missing:
            raise PluginError(f"{what} names topics Module {module.number} does not have: {missing}.")
        printed = session.get("print") or []
        unknown_sheets = [s for s in printed if s not in sheets]
        if unknown_sheets:
            raise PluginError(f"{what} prints worksheets that curriculum.yml does not list: {unknown_sheets}.")
        rows.append({
            "number": number,
            "topics": [pages[s] for s in session["topics"]],
            "question": one_line(session["question"]),
            "review": one_line(session["review"]),
            "teach": one_line(session["teach"]),
            "practice": one_line(session["practice"]),
            "home": one_line(session["home"]),
            "prepare": one_line(session["prepare"]),
            "print": [sheets[s] for s in printed],
        })
    return curriculum.render(
        "session-glance.md", module=module, rows=rows, shape=shape, fmt=minutes, here=page.file.src_uri,
        checks=FIDELITY_CHECKS,
    )


def one_line(text: object) -> str:
    """Session text goes into a table cell: one line, and a bar would end the cell."""
    return " ".join(str(text).split()).replace("|", "/")


# ---------------------------------------------------------------- Dialogues

def is_practitioner_page(uri: str) -> bool:
    return uri.endswith("/practitioner-guide.md") or uri.startswith("program-guide/")


def render_dialogues(markdown: str, path: str) -> str:
    out: list[str] = []
    for piece in split_blocks(markdown, DIALOGUE_INFO):
        if isinstance(piece, str):
            out.append(piece)
        else:
            out.append("\n" + dialogue_html(piece.body, f"{path}:{piece.line}") + "\n")
    return "\n".join(out)


def dialogue_html(source: str, where: str) -> str:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise PluginError(f"{where}: the dialogue block is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise PluginError(f"{where}: a dialogue block is a mapping with title, technique and turns.")
    unknown = set(data) - DIALOGUE_KEYS
    if unknown:
        raise PluginError(f"{where}: unknown dialogue setting(s) {sorted(unknown)}; use {sorted(DIALOGUE_KEYS)}.")
    for key in ("title", "technique"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PluginError(f"{where}: a dialogue needs a {key}.")
    turns = data.get("turns")
    if not isinstance(turns, list) or len(turns) < 2:
        raise PluginError(f"{where}: a dialogue needs turns: a list of two or more speaker lines.")
    lines = []
    for turn in turns:
        if not isinstance(turn, dict) or len(turn) != 1 or next(iter(turn)) not in SPEAKERS:
            raise PluginError(f"{where}: each turn is one line 'speaker: words', the speaker one of {sorted(SPEAKERS)}.")
        speaker, words = next(iter(turn.items()))
        lines.append(
            f'<p class="imr-dialogue__turn imr-dialogue__turn--{speaker}">'
            f'<span class="imr-dialogue__speaker">{SPEAKERS[speaker]}:</span> {html.escape(str(words))}</p>'
        )
    note = f'<p class="imr-dialogue__note">{html.escape(data["note"])}</p>' if data.get("note") else ""
    return (
        '<figure class="imr-dialogue">'
        f'<figcaption class="imr-dialogue__caption"><strong>{html.escape(data["title"])}</strong> '
        f'<span class="imr-dialogue__technique">Technique: {html.escape(data["technique"])}</span></figcaption>'
        f'{"".join(lines)}{note}</figure>'
    )
