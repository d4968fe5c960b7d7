"""Small helpers the browser tests share: filling every field and reading it back."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SNAPSHOT_JS = """
() => [...document.querySelectorAll('[data-ws-field]')].map((el) => [
  el.closest('[data-ws-sheet]').dataset.wsSheet,
  el.dataset.wsField,
  el.dataset.wsRow === undefined ? '' : el.dataset.wsRow + ',' + el.dataset.wsCol,
  el.value,
  el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value,
])
"""


def snapshot(page) -> list:
    """Every field's sheet, name, cell and value (checked state for boxes)."""
    return page.evaluate(SNAPSHOT_JS)


def fill_every_field(page, long_answer: str | None = None) -> set[str]:
    """Give every field on the page an answer; returns the field kinds met."""
    kinds: set[str] = set()
    fields = page.locator("[data-ws-field]")
    radios_done: set[str] = set()
    for index in range(fields.count()):
        field = fields.nth(index)
        tag, kind, name, row = field.evaluate(
            "el => [el.tagName.toLowerCase(), el.type, el.dataset.wsField, el.dataset.wsRow]"
        )
        if tag == "textarea":
            kinds.add("long")
            field.fill(long_answer or f"First line for {name}\nSecond line for {name}")
        elif kind == "date":
            kinds.add("date")
            field.fill("2026-11-20")
        elif kind == "checkbox":
            kinds.add("checklist")
            if index % 2 == 0:
                field.check()
        elif kind == "radio":
            kinds.add("rating" if field.evaluate("el => !!el.closest('.ws-rating')") else "choice")
            if name not in radios_done:
                radios_done.add(name)
                group = page.locator(f'[data-ws-field="{name}"][type="radio"]')
                group.nth(min(1, group.count() - 1)).check()
        elif row is not None:
            kinds.add("table")
            field.fill(f"{name} cell {index}")
        else:
            kinds.add("short")
            field.fill(f"Answer for {name}")
    return kinds


def worksheet_slugs() -> list[str]:
    """Worksheets of the modules that have pages, from curriculum.yml."""
    import yaml

    data = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
    slugs = []
    for module in data["modules"]:
        if (ROOT / "docs" / "modules" / module["slug"]).is_dir():
            slugs += [w["slug"] for w in module.get("worksheets") or []]
    return slugs


def stored_answers(page) -> dict:
    """Everything the site keeps in localStorage, parsed."""
    raw = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('imr.')).map(k => [k, localStorage.getItem(k)]))"
    )
    return {key: json.loads(value) for key, value in raw.items()}


def page_text_lines(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]
