"""Small helpers the browser tests share: filling every field and reading it back."""

from __future__ import annotations

import functools
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


FILL_JS = """
(longAnswer) => {
  const kinds = new Set();
  const radiosDone = new Set();
  const fire = (el) => el.dispatchEvent(new Event('input', { bubbles: true }));
  [...document.querySelectorAll('[data-ws-field]')].forEach((el, index) => {
    const name = el.dataset.wsField;
    if (el.dataset.wsHistory !== undefined) return;  // filled by its own button (TestProgressCheckIns)
    if (el.tagName === 'TEXTAREA') {
      kinds.add('long');
      el.value = longAnswer || `First line for ${name}\nSecond line for ${name}`;
    } else if (el.type === 'date') {
      kinds.add('date');
      el.value = '2026-11-20';
    } else if (el.type === 'checkbox') {
      kinds.add('checklist');
      el.checked = index % 2 === 0;
    } else if (el.type === 'radio') {
      kinds.add(el.closest('.ws-rating') ? 'rating' : 'choice');
      if (radiosDone.has(name)) return;
      radiosDone.add(name);
      const group = [...document.querySelectorAll(`[data-ws-field="${name}"][type=radio]`)];
      group[Math.min(1, group.length - 1)].checked = true;
      el = group[Math.min(1, group.length - 1)];
    } else if (el.dataset.wsRow !== undefined) {
      kinds.add('table');
      el.value = `${name} cell ${index}, written out at length as people do`;
    } else {
      kinds.add('short');
      el.value = `Answer for ${name}, written out at length as people often do`;
    }
    fire(el);
  });
  return [...kinds];
}
"""


def fill_every_field(page, long_answer: str | None = None) -> set[str]:
    """Give every field on the page an answer, as typing would (input events); returns the kinds met.
    Text answers are longer than their boxes are wide, as real answers often are."""
    return set(page.evaluate(FILL_JS, long_answer))


FIELD_KINDS = ("short", "long", "date", "checklist", "choice", "rating", "table")


def field_kinds(html: str) -> set[str]:
    """The kinds of field in a built page, read from the markup the hook wrote."""
    classes = re.findall(r'class="ws-field ([^"]*)"', html)
    return {kind for c in classes for kind in FIELD_KINDS if f"ws-{kind}" in c.split()}


def worksheet_slugs() -> list[str]:
    """Worksheets of the modules that have pages, from curriculum.yml."""
    import yaml

    data = yaml.safe_load((ROOT / "curriculum.yml").read_text(encoding="utf-8"))
    slugs = []
    for module in data["modules"]:
        if (ROOT / "docs" / "modules" / module["slug"]).is_dir():
            slugs += [w["slug"] for w in module.get("worksheets") or []]
    slugs += [w["slug"] for w in (data.get("program") or {}).get("worksheets") or []]
    return slugs


def stored_answers(page) -> dict:
    """Everything the site keeps in localStorage, parsed."""
    raw = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('imr.')).map(k => [k, localStorage.getItem(k)]))"
    )
    return {key: json.loads(value) for key, value in raw.items()}


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# axe-core, pinned in package.json (`make test` installs it with npm), put into a
# page once and run there; only the violations come back, one readable line each.
# (axe-playwright-python's newest release carries axe-core 4.12, whose colour
# contrast rule took twice as long as 4.14's on our pages.)
AXE_CORE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async ([context, options]) => {
  const results = await axe.run(context || document, options);
  return results.violations.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 4).map((n) => n.target))}`);
}"""


@functools.cache
def axe_script() -> str:
    assert AXE_CORE.exists(), "axe-core is missing; `make test` installs it with npm"
    return AXE_CORE.read_text(encoding="utf-8")


def axe_violations(page, tags: list[str] | None = None, *, rules: dict | None = None,
                   only_rules: list[str] | None = None, context: dict | None = None) -> list[str]:
    """axe-core's violations on the page as it is now, one readable line each.

    `rules` switches single rules on or off within the WCAG tags; `only_rules` runs
    just those rules; `context` limits the check to parts of the page."""
    if only_rules:
        options = {"runOnly": {"type": "rule", "values": only_rules}}
    else:
        options = {"runOnly": {"type": "tag", "values": tags or AXE_TAGS}}
    if rules:
        options["rules"] = rules
    options["resultTypes"] = ["violations"]
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    return page.evaluate(AXE_RUN, [context, options])


# Colours fade in over a moment after a switch (Material's transitions): measure
# them once they have.
TRANSITIONS_DONE = """() => Promise.allSettled(document.getAnimations()
  .filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished))"""


def switch_scheme(page, scheme: str):
    """Switch the open page to Material's `default` (light) or `slate` (dark) scheme
    with the header's toggle (its label's click, without Playwright's wait for a still
    target: the views' own buttons are clicked for real in tests/test_views.py). The
    choice is remembered, so switch back before the next page."""
    # Each toggle's label points at the scheme it switches to (mkdocs.yml's palette).
    page.evaluate("""(scheme) => {
      if (document.body.dataset.mdColorScheme !== scheme)
        document.querySelector(`label[for='__palette_${scheme === 'slate' ? 1 : 0}']`).click();
    }""", scheme)
    page.wait_for_function("(scheme) => document.body.dataset.mdColorScheme === scheme", arg=scheme)
    page.evaluate(TRANSITIONS_DONE)


def switch_projector_view(page, on: bool, *, settle: bool = True):
    """Switch the projector view on or off with the header's button (its click, as
    switch_scheme does); with `settle`, wait until colours have finished fading (for a
    check of colours; sizes change at once)."""
    page.evaluate("""(on) => {
      const button = document.querySelector("[data-imr-projector-toggle]");
      if (button.getAttribute("aria-pressed") !== String(on)) button.click();
    }""", on)
    page.wait_for_function(
        "(on) => (document.documentElement.dataset.imrView === 'projector') === on", arg=on)
    if settle:
        page.evaluate(TRANSITIONS_DONE)


def present_until(page, selector: str, most: int = 30):
    """Start present mode on the open page and step forward until a slide holds
    `selector`; returns the present-mode dialog."""
    page.get_by_role("button", name="Present").click()
    dialog = page.get_by_role("dialog", name="Presenting:")
    for _ in range(most):
        if dialog.locator(selector).count():
            break
        page.keyboard.press("ArrowRight")
    return dialog


def open_print_page(page, edition: str = "manual"):
    """The print page at ?edition=..., once its edition is set up."""
    page.goto(f"print_page/?edition={edition}", timeout=60_000)
    page.wait_for_selector(f'html[data-imr-edition="{edition}"]', state="attached")


def choose_edition(page, edition: str):
    """Pick an edition in the print page's chooser on screen, as a person would."""
    page.emulate_media(media="screen")
    chooser = page.locator(".imr-edition")
    if edition.startswith("module-"):
        chooser.locator("select").select_option(edition)
    else:
        chooser.locator(f"input[value={edition}]").check()
    page.wait_for_selector(f'html[data-imr-edition="{edition}"]', state="attached")


def fake_pdf_folder(folder: Path, files: dict[str, int], missing: tuple[str, ...] = ()) -> Path:
    """A pdf folder as `make pdf` leaves it (stand-in files, each with its page count
    in manifest.json), without the files named in `missing`."""
    folder.mkdir()
    for name in files:
        if name not in missing:
            (folder / name).write_bytes(b"%PDF-1.4 fake")
    manifest = {"paper": "letter", "files": [{"file": name, "pages": pages} for name, pages in files.items()]}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder
