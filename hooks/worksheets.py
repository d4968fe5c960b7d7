"""The worksheets hook: turns ```fields blocks into accessible, printable form markup.

A page declares its fields in a fenced block whose body is a YAML list. Each item
names its kind and its field name in one line, then its settings:

    ```fields
    - date: when
      label: Today's date
    - long: goal
      label: My goal
      hint: Say it in your own words.
      lines: 4
    - checklist: helpers
      label: Who could help me
      options: [A friend, Someone in my family, My practitioner]
      other: true
    ```

Kinds: short, long, date, checklist, choice, rating, table (see FIELD_KINDS).
Every field is saved in the browser under a key made of the page's sheet id and
the field's own name (never its position or wording), carried in data-ws-*
attributes because mkdocs-print-site-plugin rewrites ids and names on the print
page. The markup works and prints without JavaScript; assets/js/answers.js adds
saving, restoring, a status line and the print mirrors.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import strings
from fences import split_blocks

# ---------------------------------------------------------------- Data

FIELDS_INFO = "fields"
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
WORKSHEETS_PREFIX = "worksheets/"
DEFAULT_LINES = 4
DEFAULT_TABLE_ROWS = 3
MAX_TABLE_ROWS = 30
SHEET_INDEX = "assets/sheets.json"
MY_ANSWERS_URL = "my-answers/"

# Every sheet seen in this build: id -> {"title", "url"}; written to SHEET_INDEX so
# the "My answers" page can name and link what is saved.
SHEETS: dict[str, dict[str, str]] = {}


@dataclass(frozen=True)
class Field:
    kind: str
    name: str
    settings: dict
    sheet: str
    where: str  # "path:line" for error messages
    lang: str = "en"  # the page's language, for the words the form adds (hooks/strings.py)

    def t(self, message: str, **values) -> str:
        return html.escape(strings.translator(self.lang)(message, **values), quote=True)

    @property
    def key(self) -> str:
        return f"{self.sheet}/{self.name}"

    @property
    def dom_id(self) -> str:
        return "ws-" + re.sub(r"[^a-z0-9-]+", "-", f"{self.sheet}-{self.name}")

    def text(self, setting: str, required: bool = False) -> str:
        value = self.settings.get(setting)
        if value is None or value == "":
            if required:
                raise PluginError(f"{self.where}: the {self.kind} field '{self.name}' needs a {setting}.")
            return ""
        if not isinstance(value, (str, int, float)):
            raise PluginError(f"{self.where}: the {setting} of field '{self.name}' must be text.")
        return html.escape(str(value), quote=True)

    def strings(self, setting: str) -> list[str]:
        values = self.settings.get(setting)
        if not isinstance(values, list) or not values or not all(isinstance(v, (str, int)) for v in values):
            raise PluginError(f"{self.where}: the {self.kind} field '{self.name}' needs {setting}: a list of text.")
        return [str(v) for v in values]

    def earlier_wordings(self, options: list[str]) -> dict[str, list[str]]:
        """`was:` maps an option's text to the text it had before it was reworded, or to
        a list of them when it was reworded more than once (answers saved under any of
        them still tick it)."""
        was = self.settings.get("was") or {}
        earlier = {k: [v] if isinstance(v, str) else v for k, v in was.items()} if isinstance(was, dict) else None
        if earlier is None or not all(
            isinstance(v, list) and v and all(isinstance(t, str) for t in v) for v in earlier.values()
        ):
            raise PluginError(
                f"{self.where}: was: of field '{self.name}' must map an option to its earlier text (or a list of them)."
            )
        unknown = [k for k in earlier if k not in options]
        if unknown:
            raise PluginError(f"{self.where}: was: of field '{self.name}' names options it does not have: {unknown}.")
        return earlier

    def number(self, setting: str, default: int, low: int, high: int) -> int:
        value = self.settings.get(setting, default)
        if not isinstance(value, int) or not low <= value <= high:
            raise PluginError(f"{self.where}: {setting} of field '{self.name}' must be a whole number {low}-{high}.")
        return value


# ---------------------------------------------------------------- Hooks

def on_pre_build(*, config: MkDocsConfig) -> None:
    SHEETS.clear()


# Priority 110: before the curriculum hook adds lines (so line numbers in error
# messages match the file) and before mkdocs-print-site-plugin captures the page.
@event_priority(110)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "```" + FIELDS_INFO not in markdown and "~~~" + FIELDS_INFO not in markdown:
        return markdown
    sheet = sheet_id(page)
    existing = SHEETS.get(sheet)
    if existing and existing["source"] != page.file.src_uri:
        raise PluginError(f"{page.file.src_path}: sheet id '{sheet}' is already used by {existing['source']}.")
    kind = "worksheet" if page.file.src_uri.startswith(WORKSHEETS_PREFIX) else "your-turn"
    SHEETS[sheet] = {"title": page.title or sheet, "url": page.url, "source": page.file.src_uri}
    first_line = front_matter_lines(page, markdown)
    my_answers = get_relative_url(MY_ANSWERS_URL, page.url)
    return render_fields_blocks(markdown, sheet=sheet, kind=kind, path=page.file.src_path, first_line=first_line,
                                my_answers=my_answers, compact=page.meta.get("print") == "compact",
                                copy=page.meta.get("copy") == "text", card=card_fields(page),
                                lang=str(config.theme.get("language") or "en"))


def on_post_build(*, config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / SHEET_INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    index = {sheet: {"title": v["title"], "url": v["url"]} for sheet, v in sorted(SHEETS.items())}
    target.write_text(json.dumps(index, indent=1), encoding="utf-8")


# ---------------------------------------------------------------- Helpers

def sheet_id(page: Page) -> str:
    """The id under which a page's answers are kept: front matter `sheet`, else its path."""
    explicit = page.meta.get("sheet")
    if explicit:
        return str(explicit)
    uri = page.file.src_uri.removesuffix(".md").removesuffix("/index")
    return uri.removeprefix(WORKSHEETS_PREFIX).removeprefix("modules/")


def front_matter_lines(page: Page, markdown: str) -> int:
    """How many source lines (front matter) come before the Markdown we were given."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    except (OSError, TypeError):
        return 0
    return max(source.count("\n") - markdown.count("\n"), 0)


def card_fields(page: Page) -> list[str]:
    """Front matter `card:` lists the fields that print on the sheet's wallet card."""
    card = page.meta.get("card") or []
    if not isinstance(card, list) or not all(isinstance(name, str) for name in card):
        raise PluginError(f"{page.file.src_path}: card: must list the names of the fields on the wallet card.")
    return card


def render_fields_blocks(markdown: str, *, sheet: str, kind: str = "worksheet", path: str, first_line: int = 0,
                         my_answers: str = "../my-answers/", compact: bool = False, copy: bool = False,
                         card: list[str] = (), lang: str = "en") -> str:
    """Replace each ```fields block with its HTML; leave every other fence alone.

    A worksheet's toolbar goes before its first block and the sheet's status line
    after its last, in the page itself rather than added by script, so nothing
    moves when the page comes to life.
    """
    out: list[str] = []
    seen: dict[str, str] = {}
    scores: list[Field] = []
    blocks: list[int] = []
    for piece in split_blocks(markdown, FIELDS_INFO):
        if isinstance(piece, str):
            out.append(piece)
            continue
        fields = parse_fields(piece.body, sheet=sheet, where=f"{path}:{first_line + piece.line}", seen=seen, lang=lang)
        scores += [f for f in fields if f.kind in ("score", "history")]
        blocks.append(len(out))
        out.append(render_block(fields, sheet, kind, compact, card))
    check_score_sources(seen, scores)
    unknown = [name for name in card if name not in seen]
    if unknown:
        raise PluginError(f"{path}: card: names fields this page does not have: {unknown}.")
    if blocks:
        out[blocks[-1]] += STATUS_AREA
        if kind == "worksheet":
            out[blocks[0]] = toolbar(my_answers, copy, bool(card), strings.translator(lang)) + out[blocks[0]]
    return "\n".join(out)


STATUS_AREA = (
    '<div class="ws-status-area"><p class="ws-status" role="status"></p>'
    '<p class="ws-status ws-status--error" role="alert"></p></div>\n'
)


def card_panel(field_html: str) -> str:
    """A field's HTML marked as one panel of the wallet card."""
    return re.sub(r"^<(div|fieldset) ", r"<\1 data-ws-card ", field_html, count=1)


def toolbar(my_answers: str, copy: bool = False, card: bool = False, t=strings.translator("en")) -> str:
    """A worksheet's toolbar; assets/js/answers/page.js runs its buttons. Left off the print page.
    `copy`: front matter `copy: text` adds "Copy as text" (the session plan's progress note);
    `card`: front matter `card:` adds "Print a wallet card"."""
    copy_button = f'<button type="button" class="ws-button" data-ws-action="copy">{t("Copy as text")}</button>' if copy else ""
    copy_button += f'<button type="button" class="ws-button" data-ws-action="card">{t("Print a wallet card")}</button>' if card else ""
    return (
        '\n<div class="ws-toolbar print-site-plugin-ignore" data-ws-toolbar>'
        f'<p class="ws-toolbar__note">{t("Your answers save as you type, in this browser only.")} '
        f'<a href="{html.escape(my_answers, quote=True)}">{t("Back up or erase them on My answers")}</a>.</p>'
        '<div class="ws-toolbar__actions">'
        f'<button type="button" class="ws-button" data-ws-action="print">{t("Print this worksheet")}</button>'
        f'<a class="ws-button" data-ws-action="blank">{t("Print a blank copy")}</a>'
        f"{copy_button}"
        f'<button type="button" class="ws-button" data-ws-action="clear">{t("Clear this worksheet")}</button>'
        "</div></div>"
    )


def check_score_sources(seen: dict[str, str], scores: list[Field]) -> None:
    for score in scores:
        missing = [name for name in score.strings("sum") if name not in seen]
        if missing:
            raise PluginError(f"{score.where}: the score '{score.name}' adds up fields this page does not have: {missing}.")


def parse_fields(source: str, *, sheet: str, where: str, seen: dict[str, str], lang: str = "en") -> list[Field]:
    try:
        items = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise PluginError(f"{where}: the fields block is not valid YAML: {error}") from error
    if not isinstance(items, list) or not items:
        raise PluginError(f"{where}: a fields block must be a YAML list of fields.")
    fields = []
    for position, item in enumerate(items, start=1):
        item_where = f"{where} (field {position})"
        if not isinstance(item, dict):
            raise PluginError(f"{item_where}: each field is a mapping such as '- long: my-answer'.")
        kinds = [key for key in item if key in FIELD_KINDS]
        if len(kinds) != 1:
            unknown = [key for key in item if key not in SETTINGS]
            raise PluginError(
                f"{item_where}: name exactly one kind of field ({', '.join(FIELD_KINDS)}); "
                + (f"unknown: {', '.join(map(str, unknown))}." if unknown else f"found {kinds or 'none'}.")
            )
        kind = kinds[0]
        name = item[kind]
        if not isinstance(name, str) or not NAME.match(name):
            raise PluginError(
                f"{item_where}: the {kind} field needs a name of lowercase letters, digits and hyphens, "
                f"such as '- {kind}: my-answer'; found {name!r}."
            )
        if name in seen:
            raise PluginError(f"{item_where}: the field name '{name}' is already used on this page at {seen[name]}.")
        stray = [key for key in item if key != kind and key not in SETTINGS]
        if stray:
            raise PluginError(f"{item_where}: field '{name}' has unknown settings: {', '.join(map(str, stray))}.")
        settings = {k: v for k, v in item.items() if k != kind}
        field = Field(kind=kind, name=name, settings=settings, sheet=sheet, where=item_where, lang=lang)
        field.text("label", required=True)
        seen[name] = item_where
        fields.append(field)
    return fields


def render_block(fields: list[Field], sheet: str, kind: str, compact: bool = False, card: list[str] = ()) -> str:
    """`compact`: the page's front matter says `print: compact`, for a plan meant to
    print on a page or two (two columns, fewer ruled lines; see styles/paper.css). `card`: the
    fields that also print on the sheet's wallet card, marked data-ws-card."""
    inner = "".join(card_panel(FIELD_KINDS[f.kind](f)) if f.name in card else FIELD_KINDS[f.kind](f) for f in fields)
    classes = f"ws ws--{kind}" + (" ws--compact" if compact else "")
    html_block = f'<div class="{classes}" data-ws-sheet="{html.escape(sheet, quote=True)}" data-ws-kind="{kind}">{inner}</div>'
    return "\n" + html_block + "\n"


# ---------------------------------------------------------------- Field kinds

def hint_html(field: Field) -> tuple[str, str]:
    """The hint paragraph and the aria-describedby attribute that points at it."""
    hint = field.text("hint")
    if not hint:
        return "", ""
    hint_id = f"{field.dom_id}-hint"
    return f'<p class="ws-hint" id="{hint_id}">{hint}</p>', f' aria-describedby="{hint_id}"'


def data_attrs(field: Field, suffix: str = "") -> str:
    return f'data-ws-field="{field.name}{suffix}"'


def render_short(field: Field) -> str:
    hint, described = hint_html(field)
    return (
        f'<div class="ws-field ws-short">'
        f'<label class="ws-label" for="{field.dom_id}">{field.text("label")}</label>{hint}'
        f'<input type="text" id="{field.dom_id}" name="{field.dom_id}" {data_attrs(field)}'
        f' autocomplete="off"{described}>'
        f"{print_copy(field, 1)}"
        f"</div>"
    )


def print_copy(field: Field, lines: int) -> str:
    """What prints in place of a text box: the answer whole (filled in by the script),
    or, when there is none, ruled lines to write on (borders, which print even when
    background graphics are off)."""
    return (
        f'<div class="ws-print-value" aria-hidden="true" data-ws-mirror="{field.name}"></div>'
        f'<div class="ws-print-lines" aria-hidden="true">{"<span></span>" * lines}</div>'
    )


def render_long(field: Field) -> str:
    hint, described = hint_html(field)
    lines = field.number("lines", DEFAULT_LINES, 1, 40)
    return (
        f'<div class="ws-field ws-long" style="--ws-lines: {lines}">'
        # Named by aria-labelledby, not "for": the print page rewrites every label's
        # "for" but not the ids of textareas, which would leave the two apart.
        f'<label class="ws-label" id="{field.dom_id}-label">{field.text("label")}</label>{hint}'
        f'<textarea id="{field.dom_id}" name="{field.dom_id}" rows="{lines}" aria-labelledby="{field.dom_id}-label"'
        f' {data_attrs(field)}{described}></textarea>'
        f"{print_copy(field, lines)}"
        f"</div>"
    )


def render_date(field: Field) -> str:
    hint, described = hint_html(field)
    return (
        f'<div class="ws-field ws-date">'
        f'<label class="ws-label" for="{field.dom_id}">{field.text("label")}</label>{hint}'
        f'<input type="date" id="{field.dom_id}" name="{field.dom_id}" {data_attrs(field)}{described}>'
        f"{print_copy(field, 1)}"
        f"</div>"
    )


def render_options(field: Field, input_type: str) -> str:
    hint, described = hint_html(field)
    items = []
    options = field.strings("options")
    # `values`: a translation saves each option under its English wording (hooks/language.py).
    values = field.strings("values") if "values" in field.settings else options
    if len(values) != len(options):
        raise PluginError(f"{field.where}: field '{field.name}' has {len(options)} options but {len(values)} values.")
    earlier = field.earlier_wordings(values)
    for number, (option, saved) in enumerate(zip(options, values), start=1):
        option_id = f"{field.dom_id}-{number}"
        value = html.escape(saved, quote=True)
        # A reworded option still finds the answers saved under its earlier text.
        was = f' data-ws-was="{html.escape(json.dumps(earlier[saved]), quote=True)}"' if saved in earlier else ""
        items.append(
            f'<li class="ws-option"><input type="{input_type}" id="{option_id}" name="{field.dom_id}"'
            f' value="{value}"{was} {data_attrs(field)}><label for="{option_id}">{html.escape(option, quote=True)}</label></li>'
        )
    if field.settings.get("other"):
        other_id = f"{field.dom_id}-other"
        items.append(
            f'<li class="ws-option ws-other"><label for="{other_id}">{field.t("Other:")}</label>'
            f'<input type="text" id="{other_id}" name="{other_id}" {data_attrs(field, ":other")} autocomplete="off">'
            f'<div class="ws-print-value" aria-hidden="true" data-ws-mirror="{field.name}:other"></div>'
            f"</li>"
        )
    return (
        f'<fieldset class="ws-field ws-{field.kind}"{described}>'
        f'<legend class="ws-label">{field.text("label")}</legend>{hint}'
        f'<ul class="ws-options">{"".join(items)}</ul>'
        f"</fieldset>"
    )


def render_checklist(field: Field) -> str:
    return render_options(field, "checkbox")


def render_choice(field: Field) -> str:
    return render_options(field, "radio")


def render_rating(field: Field) -> str:
    hint, _ = hint_html(field)
    low = field.number("min", 0, 0, 10)
    high = field.number("max", 10, low + 1, 10)
    low_text, high_text = field.text("low"), field.text("high")
    scale_id = f"{field.dom_id}-scale"
    anchors = ""
    if low_text or high_text:
        anchors = (
            f'<p class="ws-scale-anchors" id="{scale_id}">'
            f'<span>{low} = {low_text}</span><span>{high} = {high_text}</span></p>'
        )
    described_ids = [f"{field.dom_id}-hint"] if hint else []
    described_ids += [scale_id] if anchors else []
    described_attr = f' aria-describedby="{" ".join(described_ids)}"' if described_ids else ""
    options = "".join(
        f'<li class="ws-point"><input type="radio" id="{field.dom_id}-{value}" name="{field.dom_id}"'
        f' value="{value}" {data_attrs(field)}><label for="{field.dom_id}-{value}">{value}</label></li>'
        for value in range(low, high + 1)
    )
    return (
        f'<fieldset class="ws-field ws-rating"{described_attr}>'
        f'<legend class="ws-label">{field.text("label")}</legend>{hint}{anchors}'
        f'<ul class="ws-scale">{options}</ul>'
        f"</fieldset>"
    )


def render_score(field: Field) -> str:
    """A total of other fields' ratings, worked out in the browser and never stored."""
    names = field.strings("sum")
    below = field.number("below", 0, 0, 10)
    label_id = f"{field.dom_id}-label"
    flagged = ""
    if below:
        flagged = (
            f'<div class="ws-score__below" data-ws-score-below="{below}">'
            f'<p class="ws-hint">{field.t("Items rated below {below}:", below=below)}</p><ul></ul></div>'
        )
    bands = score_bands(field)
    bands_attr = f' data-ws-bands="{html.escape(json.dumps(bands), quote=True)}"' if bands else ""
    return (
        f'<div class="ws-field ws-score" data-ws-score="{field.name}" data-ws-sum="{" ".join(names)}"{bands_attr}>'
        f'<p class="ws-label" id="{label_id}">{field.text("label")}</p>'
        f'<output class="ws-score__total" aria-labelledby="{label_id}" aria-live="polite">{field.t("Not rated yet")}</output>'
        f"{score_lines(len(names), bands, field.t)}{flagged}</div>"
    )


def score_lines(count: int, bands: list[list], t=lambda message, **values: message.format(**values)) -> str:
    """Lines to work the score out by hand on a blank printed sheet (shown on paper only, until a rating is given)."""
    parts = [f"<span>{t('Total')}</span><span class=\"ws-score__blank\"></span>"]
    if bands:
        parts.append(f"<span>{t('÷ {count} = mean', count=count)}</span><span class=\"ws-score__blank\"></span>")
        parts.append(f"<span>{t('Band')}</span><span class=\"ws-score__blank ws-score__blank--wide\"></span>")
    return f'<p class="ws-score__lines" aria-hidden="true">{"".join(parts)}</p>'



def score_bands(field: Field) -> list[list]:
    """`bands:` names the mean of the rated items: a list of [lowest mean, name], highest first."""
    bands = field.settings.get("bands")
    if bands is None:
        return []
    ok = isinstance(bands, list) and bands and all(
        isinstance(b, list) and len(b) == 2 and isinstance(b[0], (int, float)) and isinstance(b[1], str) for b in bands
    )
    if not ok or [b[0] for b in bands] != sorted((b[0] for b in bands), reverse=True):
        raise PluginError(f"{field.where}: bands of field '{field.name}' must list [lowest mean, name] pairs, highest first.")
    return [[float(b[0]), b[1]] for b in bands]


def render_history(field: Field) -> str:
    """Saved rows of other fields' ratings (check-ins, reviews): a table and a chart, drawn in the browser.

    `entry` names one saved row ("check-in" unless set); `measure: mean` charts the
    mean of the rated items instead of their total; `columns` gives short headings
    for the table, one per name in `sum` (the fields' own labels otherwise); `hint`
    says what saving a row is for. A history with nothing saved does not print.
    """
    names = field.strings("sum")
    date = field.settings.get("dated-by", "")
    entry = field.text("entry") or field.t("check-in")
    measure = field.settings.get("measure", "total")
    if measure not in ("total", "mean"):
        raise PluginError(f"{field.where}: measure of field '{field.name}' must be total or mean.")
    columns = field.strings("columns") if "columns" in field.settings else []
    if any("|" in column for column in columns):
        raise PluginError(f"{field.where}: column headings of field '{field.name}' cannot hold '|'.")
    if columns and len(columns) != len(names):
        raise PluginError(f"{field.where}: field '{field.name}' needs one column heading for each name in sum.")
    label_id = f"{field.dom_id}-label"
    headings = f' data-ws-columns="{html.escape("|".join(columns), quote=True)}"' if columns else ""
    hint, described = hint_html(field)
    return (
        f'<div class="ws-field ws-history" data-ws-field="{field.name}" data-ws-history'
        f' data-ws-sum="{" ".join(names)}" data-ws-date="{html.escape(str(date), quote=True)}"'
        f' data-ws-entry="{entry}" data-ws-measure="{measure}"{headings}'
        f' data-ws-empty role="group" aria-labelledby="{label_id}"{described}>'
        f'<p class="ws-label" id="{label_id}">{field.text("label")}</p>{hint}'
        f'<p class="ws-hint" data-ws-none>{field.t("No {entry}s saved yet.", entry=entry)}</p>'
        f"</div>"
    )


def render_table(field: Field) -> str:
    hint, described = hint_html(field)
    columns = field.strings("columns")
    rows = field.number("rows", DEFAULT_TABLE_ROWS, 1, MAX_TABLE_ROWS)
    caption_id = f"{field.dom_id}-caption"
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body = "".join(table_row(field, columns, row) for row in range(rows))
    return (
        f'<div class="ws-field ws-table" data-ws-table="{field.name}" data-ws-columns="{len(columns)}">'
        f'<p class="ws-label" id="{caption_id}">{field.text("label")}</p>{hint}'
        f'<div class="ws-table-scroll"><table aria-labelledby="{caption_id}"{described}>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        f"</div>"
    )


def table_row(field: Field, columns: list[str], row: int) -> str:
    # data-ws-label: on a phone each row shows as a card, and each cell shows its
    # column's heading as its label (styles/worksheets.css); a row added in the
    # browser is a copy of the last one, so it carries the labels too (form.js).
    cells = "".join(
        f'<td data-ws-label="{html.escape(column, quote=True)}"><input type="text" id="{field.dom_id}-r{row + 1}c{col + 1}" name="{field.dom_id}-r{row + 1}c{col + 1}"'
        f' aria-label="{html.escape(column, quote=True)}, {field.t("row {n}", n=row + 1)}" {data_attrs(field)}'
        f' data-ws-row="{row}" data-ws-col="{col}" autocomplete="off"></td>'
        for col, column in enumerate(columns)
    )
    return f"<tr>{cells}</tr>"


FIELD_KINDS: dict[str, Callable[[Field], str]] = {
    "short": render_short,
    "long": render_long,
    "date": render_date,
    "checklist": render_checklist,
    "choice": render_choice,
    "rating": render_rating,
    "table": render_table,
    "score": render_score,
    "history": render_history,
}

# The settings a field may carry, besides its kind.
SETTINGS = {"label", "hint", "lines", "options", "values", "was", "other", "bands", "min", "max", "low", "high", "columns", "rows", "sum", "below", "dated-by", "entry", "measure"}
