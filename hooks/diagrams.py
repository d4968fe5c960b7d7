"""The diagrams hook: draws teaching diagrams as inline SVG from data in the page.

A page declares a diagram in a fenced block whose body is YAML:

    ```diagram
    kind: staircase
    title: A goal broken into small steps
    caption: A big goal is easier to reach one small step at a time.
    steps: [List jobs I'd like, Update my résumé, Practice an interview]
    goal: A part-time job
    ```

or, for a diagram shared by several pages, names a file in diagrams/ at the top of
the project: `use: stress-vulnerability-cup` (the file holds the same YAML).

Kinds: staircase, cycle, circles, traffic-light, timeline, cup (see KINDS and
AUTHORING.md). Every label is real SVG text: searchable, selectable and printed as
text. The <svg> has role="img", a <title> (the accessible name) and a <desc> (the
accessible description, written from the data unless the block gives one). Colors
are CSS classes whose values are custom properties in styles/diagrams.css, so a diagram follows
the light and dark schemes, the projector view and print.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import strings
from fences import split_blocks

DIAGRAM_INFO = "diagram"
SHARED_FOLDER = "diagrams"  # a translation's own shared diagrams: i18n/<lang>/diagrams/
_ = strings.translator("en")  # our words in the drawings, in the page's language (set per build)
WIDTH = 720
NARROW_WIDTH = 360  # every kind has a second drawing for phones (see NARROW_KINDS)
MARGIN = 20
# Average advance of a character, as a share of the font size. Generous, so that
# wrapped lines fit in the widest fonts a system may fall back to (DejaVu Sans).
CHAR_WIDTH = 0.58
BOLD_CHAR_WIDTH = 0.64

COMMON_SETTINGS = {"kind", "title", "description", "caption", "heading", "note"}


# ---------------------------------------------------------------- MkDocs events

# Priority 110: with the worksheets hook, before the curriculum hook adds lines and
# before mkdocs-print-site-plugin captures the page.
@event_priority(110)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if DIAGRAM_INFO not in markdown:
        return markdown
    global _
    root = Path(config.config_file_path).parent
    lang = str(config.theme.get("language") or "en")
    _ = strings.translator(lang)
    key = page.file.src_uri.removesuffix(".md").replace("/", "-")
    shared = root / "i18n" / lang / SHARED_FOLDER if lang != "en" else root / SHARED_FOLDER
    return render_diagram_blocks(markdown, key=key, path=page.file.src_path, shared=shared)


def render_diagram_blocks(markdown: str, *, key: str, path: str, shared: Path) -> str:
    """Replace each ```diagram block with its figure; leave every other fence alone."""
    out: list[str] = []
    count = 0
    for piece in split_blocks(markdown, DIAGRAM_INFO):
        if isinstance(piece, str):
            out.append(piece)
            continue
        count += 1
        where = f"{path}:{piece.line}"
        data = load_block(piece.body, where, shared)
        out.append("\n" + piece.indent + figure(data, f"dg-{key}-{count}", where) + "\n")
    return "\n".join(out)


def load_block(source: str, where: str, shared: Path) -> dict:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise PluginError(f"{where}: the diagram block is not valid YAML: {error}") from None
    if isinstance(data, dict) and set(data) == {"use"}:
        file = shared / f"{data['use']}.yml"
        if not file.is_file():
            raise PluginError(f"{where}: no shared diagram {file.name} in {SHARED_FOLDER}/.")
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise PluginError(f"{where}: a diagram block is a YAML mapping with kind and title.")
    kind = data.get("kind")
    if kind not in KINDS:
        raise PluginError(f"{where}: unknown diagram kind {kind!r}; use one of {sorted(KINDS)}.")
    if not data.get("title"):
        raise PluginError(f"{where}: a diagram needs a title (its accessible name).")
    draw, settings = KINDS[kind]
    unknown = set(data) - COMMON_SETTINGS - settings
    if unknown:
        raise PluginError(f"{where}: unknown setting(s) {sorted(unknown)} for a {kind} diagram.")
    return data


def figure(data: dict, dom_id: str, where: str) -> str:
    draw, _ = KINDS[data["kind"]]
    narrow = NARROW_KINDS.get(data["kind"])
    try:
        body, height, described = draw(data)
        small = narrow(data) if narrow else None
    except (KeyError, TypeError, ValueError) as error:
        raise PluginError(f"{where}: the {data['kind']} diagram is missing or misusing a setting: {error}") from None
    description = " ".join(str(data.get("description") or described).split())
    svgs = svg(data, dom_id, WIDTH, height, body, description, "imr-dg--wide" if small else "")
    if small:
        svgs += svg(data, f"{dom_id}-narrow", NARROW_WIDTH, small[1], small[0], description, "imr-dg--narrow")
    caption = f"<figcaption>{esc(data['caption'])}</figcaption>" if data.get("caption") else ""
    return f'<figure class="imr-diagram">{svgs}{caption}</figure>'


def svg(data: dict, dom_id: str, width: float, height: float, body: str, description: str, variant: str) -> str:
    """One drawing: named by its <title>, described by its <desc>, on its own paper."""
    classes = " ".join(c for c in ("imr-dg", f"imr-dg--{data['kind']}", variant) if c)
    return (
        f'<svg class="{classes}" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-labelledby="{dom_id}-title" aria-describedby="{dom_id}-desc" id="{dom_id}">'
        f'<title id="{dom_id}-title">{esc(data["title"])}</title>'
        f'<desc id="{dom_id}-desc">{esc(description)}</desc>'
        f'<rect class="dg-paper" x="0" y="0" width="{width}" height="{height:.0f}"/>'
        f"{body}</svg>"
    )


# ---------------------------------------------------------------- Drawing helpers

def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def wrap(value: object, width: float, size: float, bold: bool = False) -> list[str]:
    """Break text into lines that fit `width` user units at font `size`."""
    per_char = size * (BOLD_CHAR_WIDTH if bold else CHAR_WIDTH)
    return textwrap.wrap(str(value), max(int(width // per_char), 4), break_on_hyphens=False, break_long_words=False) or [""]


def text(x: float, y: float, lines: list[str], size: float, *, bold: bool = False, anchor: str = "start",
         cls: str = "dg-text", leading: float = 1.25) -> str:
    """One <text> with a <tspan> per line; y is the first line's baseline."""
    weight = ' font-weight="700"' if bold else ""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + i * size * leading:.1f}">{esc(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{cls}" font-size="{size}" text-anchor="{anchor}"{weight}>{spans}</text>'


def heading(data: dict, width: float = WIDTH) -> tuple[str, float]:
    """The diagram's own heading, if it has one, and the height it takes."""
    if not data.get("heading"):
        return "", 12
    size = 28 if width == WIDTH else 21
    lines = wrap(data["heading"], width - 2 * MARGIN, size, bold=True)
    return text(width / 2, 12 + size, lines, size, bold=True, anchor="middle"), 26 + len(lines) * size * 1.25 + 10


def note(data: dict, y: float, width: float = WIDTH) -> tuple[str, float]:
    """A closing line under the drawing, if the block has a note."""
    if not data.get("note"):
        return "", y
    size = 20 if width == WIDTH else 17
    lines = wrap(data["note"], width - 2 * MARGIN, size)
    return (text(width / 2, y + size + 6, lines, size, anchor="middle", cls="dg-text dg-muted"),
            y + size + 6 + len(lines) * size * 1.25 + 8)


def star(cx: float, cy: float, r: float) -> str:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy - radius * math.sin(angle):.1f}")
    return f'<polygon class="dg-star" points="{" ".join(points)}"/>'


def badge(cx: float, cy: float, label: object, r: float = 15, size: float = 17) -> str:
    """A filled circle with a number (or a letter) in it."""
    return (f'<circle class="dg-badge" cx="{cx:.1f}" cy="{cy:.1f}" r="{r}"/>'
            + text(cx, cy + size * 0.36, [str(label)], size, bold=True, anchor="middle", cls="dg-on-badge"))


def arrowhead(x: float, y: float, angle: float, size: float = 16) -> str:
    """A filled triangle pointing along `angle` (radians) with its tip at (x, y)."""
    left = (x - size * math.cos(angle - 0.45), y - size * math.sin(angle - 0.45))
    right = (x - size * math.cos(angle + 0.45), y - size * math.sin(angle + 0.45))
    return f'<polygon class="dg-arrowhead" points="{x:.1f},{y:.1f} {left[0]:.1f},{left[1]:.1f} {right[0]:.1f},{right[1]:.1f}"/>'


def sentence_list(items: list) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else _("{list} and {last}", list=", ".join(items[:-1]), last=items[-1])


# ---------------------------------------------------------------- Kinds

def draw_staircase(data: dict) -> tuple[str, float, str]:
    """Steps rising left to right to a goal marked with a star."""
    steps, goal = [str(s) for s in data["steps"]], str(data["goal"])
    top, y = heading(data)
    blocks = len(steps) + 1
    width = (WIDTH - 2 * MARGIN) / blocks
    base, rise, size = 150, 46, 19
    floor = y + base + rise * (blocks - 1) + 8
    parts = [top]
    for i, label in enumerate(steps + [goal]):
        x, block_top = MARGIN + i * width, floor - base - rise * i
        is_goal = i == len(steps)
        parts.append(f'<rect class="{"dg-goal" if is_goal else "dg-step"}" x="{x + 3:.1f}" y="{block_top:.1f}" '
                     f'width="{width - 6:.1f}" height="{floor - block_top:.1f}" rx="8"/>')
        cx = x + width / 2
        if is_goal:
            parts.append(star(cx, block_top + 28, 20))
            parts.append(text(cx, block_top + 72, [_("My goal")], size, bold=True, anchor="middle"))
        else:
            parts.append(f'<circle class="dg-badge" cx="{cx:.1f}" cy="{block_top + 28:.1f}" r="19"/>')
            parts.append(text(cx, block_top + 35, [str(i + 1)], 20, bold=True, anchor="middle", cls="dg-on-badge"))
            parts.append(text(cx, block_top + 72, [_("First step") if i == 0 else _("Step {n}", n=i + 1)], size, bold=True, anchor="middle"))
        parts.append(text(cx, block_top + 98, wrap(label, width - 18, size), size, anchor="middle"))
    tail, height = note(data, floor)
    parts.append(tail)
    described = (
        _("A staircase of {count} steps rising from left to right to a goal marked with a star.", count=len(steps)) + " "
        + " ".join(f"{_('First step') if i == 0 else _('Step {n}', n=i + 1)}: {s}." for i, s in enumerate(steps))
        + " " + _("At the top, my goal: {goal}.", goal=goal)
        + (f" {data['note']}" if data.get("note") else "")
    )
    return "".join(parts), height + 10, described


def draw_cycle(data: dict) -> tuple[str, float, str]:
    """Numbered steps around a circle, each arrow leading to the next, the last back to the first."""
    steps = [str(s) for s in data["steps"]]
    top, y = heading(data)
    count, radius, node, size = len(steps), 250, 74, 18
    cx, cy = WIDTH / 2, y + radius + node + 4
    parts = [top, f'<circle class="dg-track" cx="{cx}" cy="{cy:.1f}" r="{radius}"/>']
    angles = [-math.pi / 2 + i * 2 * math.pi / count for i in range(count)]
    gap = (node + 8) / radius  # the angle a node takes up on the track, each side
    for angle in angles:
        end = angle + 2 * math.pi / count - gap
        tip = (cx + radius * math.cos(end), cy + radius * math.sin(end))
        parts.append(arrowhead(tip[0], tip[1], end + math.pi / 2))
    for i, (label, angle) in enumerate(zip(steps, angles)):
        x, y_node = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        lines = wrap(label, node * 1.6, size)
        parts.append(f'<circle class="dg-node" cx="{x:.1f}" cy="{y_node:.1f}" r="{node}"/>')
        first = y_node - (len(lines) * size * 1.25) / 2 + size + 10
        parts.append(text(x, first - 26, [str(i + 1)], 22, bold=True, anchor="middle", cls="dg-text dg-number"))
        parts.append(text(x, first, lines, size, anchor="middle"))
    center = [str(c) for c in data.get("center") or []]
    if center:
        lines = [line for part in center for line in wrap(part, radius * 1.1, 20)]
        parts.append(text(cx, cy - (len(lines) - 1) * 12.5 + 6, lines, 20, anchor="middle", cls="dg-text dg-strong"))
    tail, height = note(data, cy + radius + node)
    parts.append(tail)
    described = (
        _("{count} steps arranged in a circle, with arrows going clockwise from each step to the next.", count=count) + " "
        + " ".join(f"{_('Step {n}', n=i + 1)}: {s}." for i, s in enumerate(steps))
        + " " + _("An arrow leads from step {count} back to step 1.", count=count)
        + (" " + _("The middle says: {words}", words=" ".join(center)) if center else "")
        + (f" {data['note']}" if data.get("note") else "")
    )
    return "".join(parts), height + 10, described


def draw_circles(data: dict) -> tuple[str, float, str]:
    """Rings around a center: the closer to the middle, the closer to the person."""
    rings, center = data["rings"], str(data.get("center", _("Me")))
    top, y = heading(data)
    inner, outer = 52, (WIDTH - 2 * MARGIN) / 2
    step = (outer - inner) / len(rings)
    cx, cy = WIDTH / 2, y + outer
    parts = [top]
    parts.append(rings_around(cx, cy, inner, step, len(rings), center, 26))
    for i, ring in enumerate(rings):
        low, high = inner + step * i, inner + step * (i + 1)
        middle = (low + high) / 2
        parts.append(text(cx, cy - middle + 8, [str(ring["label"])], 21, bold=True, anchor="middle"))
        examples = ring.get("examples") or []
        if examples:
            parts.append(ring_examples(cx, cy, low, high, ", ".join(str(e) for e in examples)))
    tail, height = note(data, cy + outer)
    parts.append(tail)
    described = (
        _("Circles inside circles, with {center} in the center.", center=center) + " "
        + " ".join(
            (_("The first ring is {label}", label=str(r["label"]).lower()) if i == 0
             else _("The next ring is {label}", label=str(r["label"]).lower()) if i < len(rings) - 1
             else _("The outer ring is {label}", label=str(r["label"]).lower()))
            + (_(", such as {examples}.", examples=sentence_list(r["examples"])) if r.get("examples") else ".")
            for i, r in enumerate(rings)
        )
        + (f" {data['note']}" if data.get("note") else "")
    )
    return "".join(parts), height + 10, described


def rings_around(cx: float, cy: float, inner: float, step: float, count: int, center: str, size: float) -> str:
    """The rings, outermost first so each inner one sits on top, and the center with its name."""
    rings = [
        f'<circle class="dg-ring dg-ring-{min(i, 2) + 1}" cx="{cx}" cy="{cy:.1f}" r="{inner + step * (i + 1):.1f}"/>'
        for i in reversed(range(count))
    ]
    return ("".join(rings) + f'<circle class="dg-badge" cx="{cx}" cy="{cy:.1f}" r="{inner}"/>'
            + text(cx, cy + size * 0.36, [center], size, bold=True, anchor="middle", cls="dg-on-badge"))


def ring_examples(cx: float, cy: float, low: float, high: float, words: str, size: float = 17) -> str:
    """Examples in the lower part of a ring, each line as wide as the ring allows there."""
    lines: list[str] = []
    rest = words.split()
    distance = low + size + 6
    while rest and distance + 4 < high:
        room = 2 * math.sqrt(max(high ** 2 - (distance + 4) ** 2, 0)) - 20
        line = wrap(" ".join(rest), room, size)[0]
        lines.append(line)
        rest = rest[len(line.split()):]
        distance += size * 1.2
    if rest:
        raise ValueError(f"the examples {words!r} do not fit in their ring; shorten them")
    return text(cx, cy + low + size + 6, lines, size, anchor="middle", leading=1.2)


LIGHT_SIGNS = {"green": "check", "yellow": "warning", "red": "stop"}


def light_sign(kind: str, cx: float, cy: float, scale: float = 1) -> str:
    """A shape inside each lamp, so the meaning never rests on color alone."""
    shape = (
        '<path class="dg-sign" d="M-22,0 l14,15 l28,-30"/>' if kind == "check"
        else '<rect class="dg-sign-fill" x="-5" y="-26" width="10" height="34" rx="3"/><circle class="dg-sign-fill" cx="0" cy="20" r="6"/>'
        if kind == "warning"
        else '<path class="dg-sign" d="M-18,-18 l36,36 M18,-18 l-36,36"/>'
    )
    return f'<g transform="translate({cx:.1f} {cy:.1f}) scale({scale})">{shape}</g>'


def light_color(light: dict) -> str:
    color = str(light["color"])
    if color not in LIGHT_SIGNS:
        raise ValueError(f"light color {color!r} (use green, yellow or red)")
    return color


def light_words(light: dict, x: float, top: float, width: float, label_size: float, size: float) -> tuple[str, float]:
    """A lamp's label and lines, from `top` down; returns their markup and where they end."""
    y = top + label_size + 10
    label = wrap(light["label"], width, label_size, bold=True)
    out = [text(x, y, label, label_size, bold=True)]
    y += (len(label) - 1) * label_size * 1.25 + label_size + 8
    for paragraph in light.get("lines") or []:
        lines = wrap(paragraph, width, size)
        out.append(text(x, y, lines, size))
        y += len(lines) * size * 1.25 + 5
    return "".join(out), y + 4


def draw_traffic_light(data: dict) -> tuple[str, float, str]:
    """A traffic light whose lamps each lead to a box saying what to do."""
    lights = data["lights"]
    top, y = heading(data)
    box_x, size, gap = 176, 19, 18
    box_width = WIDTH - MARGIN - box_x
    parts, lamps, described = [top], [], []
    housing_top = y
    for light in lights:
        color = light_color(light)
        body, bottom = light_words(light, box_x + 36, y + 4, box_width - 56, 23, size)
        box_height = max(bottom - y, 124)
        parts.append(f'<rect class="dg-box dg-{color}" x="{box_x}" y="{y:.1f}" width="{box_width}" height="{box_height:.1f}" rx="14"/>')
        parts.append(f'<rect class="dg-lamp-{color}" x="{box_x}" y="{y:.1f}" width="16" height="{box_height:.1f}" rx="6"/>')
        parts.append(body)
        lamps.append((color, y + box_height / 2))
        described.append(f"{light['label']}. " + " ".join(str(p) for p in light.get("lines") or []))
        y += box_height + gap
    housing_bottom = y - gap
    parts.append(f'<rect class="dg-housing" x="{MARGIN + 10}" y="{housing_top:.1f}" width="120" height="{housing_bottom - housing_top:.1f}" rx="30"/>')
    for color, lamp_y in lamps:
        parts.append(f'<line class="dg-link dg-{color}" x1="150" y1="{lamp_y:.1f}" x2="{box_x}" y2="{lamp_y:.1f}"/>')
        parts.append(f'<circle class="dg-lamp-{color}" cx="{MARGIN + 70}" cy="{lamp_y:.1f}" r="48"/>')
        parts.append(light_sign(LIGHT_SIGNS[color], MARGIN + 70, lamp_y))
    tail, height = note(data, housing_bottom)
    parts.append(tail)
    text_described = (
        _("A traffic light with {count} lamps, each joined to a box of words.", count=len(lights)) + " "
        + " ".join(f"{lamp}: {words}" for lamp, words in zip((_("Top lamp"), _("Middle lamp"), _("Bottom lamp")), described))
    )
    return "".join(parts), height + 10, text_described


def draw_timeline(data: dict) -> tuple[str, float, str]:
    """Rows of bars split into numbered parts, each as wide as its usual minutes."""
    parts_list, rows = [str(p) for p in data["parts"]], data["rows"]
    top, y = heading(data)
    out = [top]
    # The key: numbered parts, in two columns when every name fits in one.
    column = (WIDTH - 2 * MARGIN) / 2
    if any(len(wrap(label, column - 48, 18)) > 1 for label in parts_list):
        column = WIDTH - 2 * MARGIN
    half = math.ceil(len(parts_list) / round((WIDTH - 2 * MARGIN) / column))
    key_y = y + 8
    for i, label in enumerate(parts_list):
        x = MARGIN + (i // half) * column
        row_y = key_y + (i % half) * 34
        out.append(f'<circle class="dg-badge" cx="{x + 16}" cy="{row_y + 10}" r="15"/>')
        out.append(text(x + 16, row_y + 17, [str(i + 1)], 18, bold=True, anchor="middle", cls="dg-on-badge"))
        out.append(text(x + 40, row_y + 17, [label], 18))
    y = key_y + half * 34 + 20
    described = []
    for row in rows:
        minutes = [str(m) for m in row["minutes"]]
        if len(minutes) != len(parts_list):
            raise ValueError(f"row {row['label']!r} has {len(minutes)} minutes for {len(parts_list)} parts")
        out.append(text(MARGIN, y + 22, [str(row["label"])], 21, bold=True))
        y += 36
        spans = [middle_minutes(m) for m in minutes]
        x, total = MARGIN, sum(spans)
        for i, (span, label) in enumerate(zip(spans, minutes)):
            width = (WIDTH - 2 * MARGIN) * span / total
            out.append(f'<rect class="dg-segment dg-segment-{i % 2 + 1}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="92" rx="6"/>')
            out.append(f'<circle class="dg-badge" cx="{x + width / 2:.1f}" cy="{y + 24:.1f}" r="15"/>')
            out.append(text(x + width / 2, y + 31, [str(i + 1)], 18, bold=True, anchor="middle", cls="dg-on-badge"))
            out.append(text(x + width / 2, y + 62, [label, "min"], 16, anchor="middle", leading=1.1))
            x += width
        described.append(f"{row['label']}: " + ", ".join(f"part {i + 1} about {m} minutes" for i, m in enumerate(minutes)) + ".")
        y += 92 + 18
    tail, height = note(data, y - 10)
    out.append(tail)
    text_described = (
        f"A timeline of the {len(parts_list)} parts of a session, from left to right, each as wide as its usual minutes. "
        + "The parts are: " + "; ".join(f"{i + 1}, {p}" for i, p in enumerate(parts_list)) + ". "
        + " ".join(described)
        + (f" {data['note']}" if data.get("note") else "")
    )
    return "".join(out), height + 10, text_described


def middle_minutes(value: str) -> float:
    """'8–12' -> 10.0, '5' -> 5.0: the width a part takes on the bar."""
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", value)]
    if not numbers:
        raise ValueError(f"minutes {value!r} has no number")
    return sum(numbers) / len(numbers)


def draw_cup(data: dict) -> tuple[str, float, str]:
    """The stress-vulnerability cup: layers fill it, a drain of protective factors empties it."""
    bottom_layer, top_layer = data["layers"]
    pour, drain, spill = data["pour"], data["drain"], str(data["spill"])
    top, y = heading(data)
    rim, base = y + 40, y + 430
    level = rim + 60
    split = base - 150
    cup = Cup(left=222, right=462, inset=30, rim=rim, base=base)
    parts = [top, cup.water(level, split, top_layer, bottom_layer, 23, 18, 170)]
    # Drops spilling over the rim, and what that means.
    for dx, dy in ((472, rim - 6), (488, rim + 22), (478, rim + 50)):
        parts.append(f'<path class="dg-drop" d="M{dx},{dy - 12} q9,14 0,20 q-9,-6 0,-20z"/>')
    spill_lines = wrap(spill, 190, 18, bold=True)
    parts.append(text(512, rim + 2, spill_lines, 18, bold=True))
    # The drain: a pipe with a tap from the foot of the cup to the protective factors.
    pipe_y = base - 26
    parts.append(f'<path class="dg-pipe" d="M{cup.wall(pipe_y, left=False) - 4:.1f},{pipe_y} H510"/>')
    parts.append(f'<rect class="dg-tap" x="466" y="{pipe_y - 22}" width="16" height="44" rx="4"/>')
    parts.append(arrowhead(512, pipe_y, 0, 18))
    parts.append(cup.outline())
    # The side boxes.
    pour_box = side_box(MARGIN, y + 14, 178, str(pour["label"]), pour["items"], "•")
    parts.append(pour_box[0])
    parts.append(f'<path class="dg-pour" d="M{MARGIN + 178},{y + 60} Q{228},{y + 40} {262},{level + 26}"/>')
    parts.append(arrowhead(262, level + 26, math.atan2(level + 26 - (y + 40), 262 - 228)))
    base_box = side_box(MARGIN, max(pour_box[1] + 20, split - 20), 178, str(bottom_layer["label"]), bottom_layer.get("items") or [], "•")
    parts.append(base_box[0])
    drain_box = side_box(520, rim + 150, WIDTH - MARGIN - 520, str(drain["label"]), drain["items"], "✓")
    parts.append(drain_box[0])
    floor = max(base, base_box[1], drain_box[1]) + 10
    tail, height = note(data, floor)
    parts.append(tail)
    described = (
        _("A cup of water. The bottom layer is {label}: {text}", label=bottom_layer["label"], text=bottom_layer["text"])
        + (_(", from {items}.", items=sentence_list(bottom_layer["items"])) if bottom_layer.get("items") else ".")
        + " " + _("On top of it is {label}: {text}, poured in from a box listing {items}.", label=top_layer["label"],
                  text=top_layer["text"], items=sentence_list(pour["items"]))
        + " " + _("Drops spill over the rim: {spill}", spill=spill)
        + " " + _("At the foot of the cup, a drain with a tap leads to a box: {label}: {items}.", label=drain["label"],
                  items=sentence_list(drain["items"]))
        + (f" {data['note']}" if data.get("note") else "")
    )
    return "".join(parts), height + 10, described


@dataclass(frozen=True)
class Cup:
    """A cup narrower at its foot: `inset` in from each side of its rim."""
    left: float
    right: float
    inset: float
    rim: float
    base: float

    def wall(self, at: float, left: bool) -> float:
        share = (at - self.rim) / (self.base - self.rim)
        return self.left + self.inset * share if left else self.right - self.inset * share

    def water(self, level: float, split: float, top_layer: dict, bottom_layer: dict,
              label_size: float, size: float, width: float) -> str:
        """Two layers of water, the line between them, and their labels."""
        out = []
        for cls, upper, lower in (("dg-water-2", level, split), ("dg-water-1", split, self.base)):
            corners = [(self.wall(upper, True), upper), (self.wall(upper, False), upper),
                       (self.wall(lower, False), lower), (self.wall(lower, True), lower)]
            out.append(f'<polygon class="{cls}" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in corners)}"/>')
        out.append(f'<line class="dg-level" x1="{self.wall(split, True):.1f}" y1="{split}" '
                   f'x2="{self.wall(split, False):.1f}" y2="{split}"/>')
        middle = (self.left + self.right) / 2
        for layer, at in ((top_layer, (level + split) / 2), (bottom_layer, (split + self.base) / 2)):
            out.append(text(middle, at - size * 0.2, [str(layer["label"])], label_size, bold=True, anchor="middle"))
            out.append(text(middle, at + size * 1.35, wrap(layer["text"], width, size), size, anchor="middle"))
        return "".join(out)

    def outline(self) -> str:
        return (f'<path class="dg-cup" d="M{self.left},{self.rim} L{self.left + self.inset},{self.base} '
                f'L{self.right - self.inset},{self.base} L{self.right},{self.rim}"/>')


def draw_cup_narrow(data: dict) -> tuple[str, float]:
    """The cup for a phone, top to bottom: what pours in, the cup, the drain and what drains it."""
    bottom_layer, top_layer = data["layers"]
    pour, drain = data["pour"], data["drain"]
    top, y = heading(data, NARROW_WIDTH)
    full = NARROW_WIDTH - 2 * MARGIN
    pour_box, y = side_box(MARGIN, y, full, str(pour["label"]), pour["items"], "•")
    parts = [top, pour_box]
    parts.append(f'<path class="dg-pour" d="M{NARROW_WIDTH / 2},{y + 2} v18"/>')
    parts.append(arrowhead(NARROW_WIDTH / 2, y + 30, math.pi / 2, 12))
    spill = wrap(data["spill"], 96, 15, bold=True)
    rim = y + 34
    cup = Cup(left=MARGIN + 96, right=NARROW_WIDTH - MARGIN - 96 + 20, inset=14, rim=rim, base=rim + 200)
    parts.append(text(MARGIN, rim + 16, spill, 15, bold=True))
    for dx, dy in ((cup.right + 8, rim + 4), (cup.right + 20, rim + 28)):
        parts.append(f'<path class="dg-drop" d="M{dx},{dy - 12} q9,14 0,20 q-9,-6 0,-20z"/>')
    parts.append(cup.water(rim + 26, cup.base - 96, top_layer, bottom_layer, 17, 14, cup.right - cup.left - 40))
    parts.append(cup.outline())
    if bottom_layer.get("items"):
        parts.append(text(cup.right + 8, cup.base - 40, wrap(", ".join(str(i) for i in bottom_layer["items"]), 70, 14), 14))
    middle = (cup.left + cup.right) / 2
    parts.append(f'<path class="dg-pipe" d="M{middle},{cup.base} v30"/>')
    parts.append(f'<rect class="dg-tap" x="{middle - 20}" y="{cup.base + 8}" width="40" height="14" rx="4"/>')
    parts.append(arrowhead(middle, cup.base + 46, math.pi / 2, 14))
    drain_box, y = side_box(MARGIN, cup.base + 50, full, str(drain["label"]), drain["items"], "✓")
    parts.append(drain_box)
    tail, height = note(data, y, NARROW_WIDTH)
    parts.append(tail)
    return "".join(parts), height + 8


def side_box(x: float, y: float, width: float, label: str, items: list, bullet: str) -> tuple[str, float]:
    """A titled box of short items; returns its markup and its bottom edge."""
    size = 17
    lines = [bullet + " " + line if i == 0 else "   " + line
             for item in items for i, line in enumerate(wrap(item, width - 40, size))]
    title = wrap(label, width - 24, 19, bold=True)
    height = 24 + len(title) * 24 + len(lines) * size * 1.3 + 6
    return (
        f'<rect class="dg-box" x="{x}" y="{y:.1f}" width="{width}" height="{height:.1f}" rx="12"/>'
        + text(x + 14, y + 30, title, 19, bold=True)
        + text(x + 14, y + 36 + len(title) * 24, lines, size, leading=1.3),
        y + height,
    )


# ---------------------------------------------------------------- Narrow drawings (phones)

def draw_staircase_narrow(data: dict) -> tuple[str, float]:
    """The staircase for a phone: a row per step, each set further right, the goal on top."""
    steps, goal = [str(s) for s in data["steps"]], str(data["goal"])
    top, y = heading(data, NARROW_WIDTH)
    rows = [(_("My goal"), goal, True)] + [
        (_("First step") if i == 0 else _("Step {n}", n=i + 1), label, False) for i, label in reversed(list(enumerate(steps)))
    ]
    indent, size = 16, 17
    parts = [top]
    for row, (name, label, is_goal) in enumerate(rows):
        x = MARGIN + indent * (len(rows) - 1 - row)
        width = NARROW_WIDTH - MARGIN - x
        lines = wrap(label, width - 64, size)
        height = max(58, 30 + len(lines) * size * 1.25)
        parts.append(f'<rect class="{"dg-goal" if is_goal else "dg-step"}" x="{x:.1f}" y="{y:.1f}" '
                     f'width="{width:.1f}" height="{height:.1f}" rx="8"/>')
        if is_goal:
            parts.append(star(x + 26, y + height / 2, 15))
        else:
            parts.append(badge(x + 26, y + height / 2, len(steps) - row + 1))
        parts.append(text(x + 52, y + 22, [name], size, bold=True))
        parts.append(text(x + 52, y + 22 + size * 1.25, lines, size))
        y += height + 6
    tail, height = note(data, y, NARROW_WIDTH)
    parts.append(tail)
    return "".join(parts), height + 8


def draw_cycle_narrow(data: dict) -> tuple[str, float]:
    """The cycle for a phone: the steps top to bottom, and an arrow from the last back to the first."""
    steps = [str(s) for s in data["steps"]]
    top, y = heading(data, NARROW_WIDTH)
    size, right = 17, NARROW_WIDTH - MARGIN - 30
    parts, middles = [top], []
    for i, label in enumerate(steps):
        lines = wrap(label, right - MARGIN - 56, size)
        height = max(44, 16 + len(lines) * size * 1.25)
        parts.append(f'<rect class="dg-node" x="{MARGIN}" y="{y:.1f}" width="{right - MARGIN}" height="{height:.1f}" rx="10"/>')
        parts.append(badge(MARGIN + 24, y + height / 2, i + 1, 14, 16))
        first = y + height / 2 - (len(lines) - 1) * size * 0.625 + 6
        parts.append(text(MARGIN + 48, first, lines, size))
        middles.append(y + height / 2)
        y += height
        if i < len(steps) - 1:
            parts.append(f'<path class="dg-track" d="M{MARGIN + 24},{y + 2} v12"/>')
            parts.append(arrowhead(MARGIN + 24, y + 22, math.pi / 2, 10))
            y += 24
    # Back to the start, up the right-hand side.
    back = NARROW_WIDTH - MARGIN - 12
    parts.append(f'<path class="dg-track" d="M{right},{middles[-1]:.1f} H{back} V{middles[0]:.1f} H{right + 12}"/>')
    parts.append(arrowhead(right + 2, middles[0], math.pi, 12))
    center = [str(c) for c in data.get("center") or []]
    if center:
        lines = [line for part in center for line in wrap(part, NARROW_WIDTH - 2 * MARGIN, 18, bold=True)]
        parts.append(text(NARROW_WIDTH / 2, y + 30, lines, 18, anchor="middle", cls="dg-text dg-strong"))
        y += 30 + len(lines) * 22
    tail, height = note(data, y, NARROW_WIDTH)
    parts.append(tail)
    return "".join(parts), height + 8


def draw_traffic_light_narrow(data: dict) -> tuple[str, float]:
    """The traffic light for a phone: a small lamp beside each box."""
    top, y = heading(data, NARROW_WIDTH)
    box_x, size, lamp_x = 78, 16, MARGIN + 26
    box_width = NARROW_WIDTH - MARGIN / 2 - box_x
    parts, lamps = [top], []
    housing_top = y
    for light in data["lights"]:
        color = light_color(light)
        body, bottom = light_words(light, box_x + 14, y, box_width - 26, 18, size)
        box_height = max(bottom - y, 80)
        parts.append(f'<rect class="dg-box dg-{color}" x="{box_x}" y="{y:.1f}" width="{box_width}" height="{box_height:.1f}" rx="10"/>')
        parts.append(body)
        lamps.append((color, y + box_height / 2))
        y += box_height + 10
    parts.append(f'<rect class="dg-housing" x="{MARGIN - 6}" y="{housing_top:.1f}" width="64" height="{y - 10 - housing_top:.1f}" rx="18"/>')
    for color, lamp_y in lamps:
        parts.append(f'<line class="dg-link dg-{color}" x1="{lamp_x + 20}" y1="{lamp_y:.1f}" x2="{box_x}" y2="{lamp_y:.1f}"/>')
        parts.append(f'<circle class="dg-lamp-{color}" cx="{lamp_x}" cy="{lamp_y:.1f}" r="25"/>')
        parts.append(light_sign(LIGHT_SIGNS[color], lamp_x, lamp_y, 0.5))
    tail, height = note(data, y - 10, NARROW_WIDTH)
    parts.append(tail)
    return "".join(parts), height + 8


def draw_circles_narrow(data: dict) -> tuple[str, float]:
    """The circles for a phone: numbered rings, and a key below with each ring's people."""
    rings, center = data["rings"], str(data.get("center", _("Me")))
    top, y = heading(data, NARROW_WIDTH)
    inner, outer = 34, NARROW_WIDTH / 2 - MARGIN
    step = (outer - inner) / len(rings)
    cx, cy = NARROW_WIDTH / 2, y + outer
    parts = [top]
    parts.append(rings_around(cx, cy, inner, step, len(rings), center, 19))
    for i in range(len(rings)):
        parts.append(badge(cx, cy - inner - step * (i + 0.5), i + 1, 13, 15))
    y = cy + outer + 14
    for i, ring in enumerate(rings):
        words = str(ring["label"]) + (": " + ", ".join(str(e) for e in ring["examples"]) if ring.get("examples") else "")
        lines = wrap(words, NARROW_WIDTH - 2 * MARGIN - 34, 16)
        parts.append(badge(MARGIN + 13, y + 10, i + 1, 13, 15))
        parts.append(text(MARGIN + 34, y + 16, lines, 16))
        y += max(30, len(lines) * 20 + 8)
    tail, height = note(data, y, NARROW_WIDTH)
    parts.append(tail)
    return "".join(parts), height + 8


def draw_timeline_narrow(data: dict) -> tuple[str, float]:
    """The timeline for a phone: the numbered parts, then for each kind of session a
    bar per part, as long as its usual minutes."""
    parts_list, rows = [str(p) for p in data["parts"]], data["rows"]
    top, y = heading(data, NARROW_WIDTH)
    out = [top]
    for i, label in enumerate(parts_list):
        lines = wrap(label, NARROW_WIDTH - 2 * MARGIN - 34, 16)
        out.append(badge(MARGIN + 13, y + 10, i + 1, 13, 15))
        out.append(text(MARGIN + 34, y + 16, lines, 16))
        y += max(30, len(lines) * 20 + 8)
    longest = max(middle_minutes(str(m)) for row in rows for m in row["minutes"])
    room = NARROW_WIDTH - 2 * MARGIN - 34 - 76
    for row in rows:
        label = wrap(row["label"], NARROW_WIDTH - 2 * MARGIN, 17, bold=True)
        out.append(text(MARGIN, y + 26, label, 17, bold=True))
        y += 14 + len(label) * 21 + 4
        for i, minutes in enumerate(str(m) for m in row["minutes"]):
            width = room * middle_minutes(minutes) / longest
            out.append(badge(MARGIN + 13, y + 13, i + 1, 12, 14))
            out.append(f'<rect class="dg-segment dg-segment-{i % 2 + 1}" x="{MARGIN + 32}" y="{y + 2:.1f}" '
                       f'width="{width:.1f}" height="22" rx="4"/>')
            out.append(text(MARGIN + 40 + width, y + 19, [f"{minutes} min"], 15))
            y += 28
        y += 6
    tail, height = note(data, y, NARROW_WIDTH)
    out.append(tail)
    return "".join(out), height + 8


NARROW_KINDS: dict[str, Callable[[dict], tuple[str, float]]] = {
    "staircase": draw_staircase_narrow,
    "cycle": draw_cycle_narrow,
    "circles": draw_circles_narrow,
    "traffic-light": draw_traffic_light_narrow,
    "timeline": draw_timeline_narrow,
    "cup": draw_cup_narrow,
}

KINDS: dict[str, tuple[Callable[[dict], tuple[str, float, str]], set[str]]] = {
    "staircase": (draw_staircase, {"steps", "goal"}),
    "cycle": (draw_cycle, {"steps", "center"}),
    "circles": (draw_circles, {"center", "rings"}),
    "traffic-light": (draw_traffic_light, {"lights"}),
    "timeline": (draw_timeline, {"parts", "rows"}),
    "cup": (draw_cup, {"layers", "pour", "drain", "spill"}),
}
