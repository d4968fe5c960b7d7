// Binds the fields of one sheet (every [data-ws-sheet] block of a page with the
// same id) to storage: restores saved answers, saves every change, keeps the
// print copies of the answers up to date, and follows changes made in other tabs.

import * as store from "./store.js";

// Check-ins and reviews (./history.js) are on two worksheets only, so page.js loads that
// module when a page has them and hands it over here.
let history = null;

export function useHistory(module) {
  history = module;
}

// Tables with "Add a row" (./tables.js) and totals of ratings (./scores.js, the
// fidelity self-check only) are loaded the same way, by the pages that have them.
let tables = null;

export function useTables(module) {
  tables = module;
}

let scores = null;

export function useScores(module) {
  scores = module;
}

function isHistory(el) {
  return Boolean(history && history.isHistory(el));
}

const SAVE_DELAY_MS = 300;

export class SheetBinding {
  constructor(sheet, blocks, status) {
    this.sheet = sheet;
    this.blocks = blocks;
    this.status = status;
    this.pending = {};
    this.timer = null;
    this.onInput = (event) => this.changed(event.target);
    this.onStorage = (event) => {
      if (event.key === store.sheetKey(sheet)) this.applyFromOtherTab(event.newValue);
    };
    for (const block of blocks) {
      block.addEventListener("input", this.onInput);
      block.addEventListener("change", this.onInput);
    }
    window.addEventListener("storage", this.onStorage);
    if (tables) tables.addRowButtons(this.blocks);
    this.focusFromLabels();
    if (history) {
      this.blocks.forEach((block) => block.querySelectorAll("[data-ws-history]").forEach((el) => history.renderHistory(el, this)));
    }
    // Tells anyone waiting (tests, for one) that typing here is now saved.
    blocks.forEach((block) => (block.dataset.wsBound = ""));
  }

  controls(name) {
    return this.blocks.flatMap((block) => [...block.querySelectorAll(`[data-ws-field="${CSS.escape(name)}"]`)]);
  }

  names() {
    const names = new Set();
    for (const block of this.blocks) {
      block.querySelectorAll("[data-ws-field]").forEach((el) => names.add(el.dataset.wsField));
    }
    return [...names];
  }

  restore() {
    let envelope = null;
    try {
      envelope = store.readSheet(this.sheet);
    } catch (error) {
      this.status.error(error.message);
      return;
    }
    if (envelope) {
      for (const [name, value] of Object.entries(envelope.fields)) {
        if (!(name in this.pending)) writeValue(this.controls(name), value, this);
      }
    }
    this.names().forEach((name) => this.mirror(name));
    this.updateScores();
    dispatch(this.blocks[0], "worksheet:restored", { sheet: this.sheet, found: Boolean(envelope) });
  }

  changed(target) {
    const name = target && target.dataset ? target.dataset.wsField : null;
    if (!name) return;
    this.pending[name] = readValue(this.controls(name));
    this.mirror(name);
    this.updateScores();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  save() {
    clearTimeout(this.timer);
    this.timer = null;
    const changes = this.pending;
    if (Object.keys(changes).length === 0) return;
    try {
      store.writeFields(this.sheet, changes);
      this.pending = {};
      this.status.saved();
      dispatch(this.blocks[0], "worksheet:saved", { sheet: this.sheet, fields: Object.keys(changes) });
    } catch (error) {
      // Keep the pending values: the next change tries again.
      this.status.error(error.message);
      dispatch(this.blocks[0], "worksheet:error", { sheet: this.sheet, message: error.message });
    }
  }

  // Another tab saved this sheet: take its values, except for fields this tab is
  // still saving (those are newer here).
  applyFromOtherTab(text) {
    const envelope = text ? store.parseEnvelope(text, this.sheet) : { fields: {} };
    if (!envelope) return;
    for (const name of this.names()) {
      if (name in this.pending) continue;
      const value = name in envelope.fields ? envelope.fields[name] : "";
      writeValue(this.controls(name), value, this);
      this.mirror(name);
    }
    this.updateScores();
  }

  clear() {
    clearTimeout(this.timer);
    this.pending = {};
    store.clearSheet(this.sheet);
    for (const name of this.names()) {
      writeValue(this.controls(name), "", this);
      this.mirror(name);
    }
    this.updateScores();
  }

  addCheckIn(el) {
    const rows = [...history.readHistory(el), history.currentRow(el, this)];
    history.writeHistory(el, rows, this);
    this.pending[el.dataset.wsField] = rows;
    this.save();
  }

  // Totals of ratings ([data-ws-score]), worked out by ./scores.js when the page has them.
  updateScores() {
    if (scores) scores.updateScores(this);
  }

  // The value a field holds now, as it would be saved.
  valueOf(name) {
    return readValue(this.controls(name));
  }

  mirror(name) {
    const controls = this.controls(name);
    if (controls.length && controls[0].dataset.wsRow !== undefined) {
      // A table's box cannot grow on paper: each cell prints its answer as text
      // that wraps (styles/paper.css), and a blank cell keeps its line to write on.
      controls.forEach((input) => input.parentElement.setAttribute("data-ws-print-value", input.value));
      return;
    }
    const value = readValue(controls);
    const text = typeof value !== "string" ? "" : controls[0].type === "date" ? printedDate(value) : value;
    for (const block of this.blocks) {
      block.querySelectorAll(`[data-ws-mirror="${CSS.escape(name)}"]`).forEach((el) => {
        el.textContent = text;
      });
    }
  }

  // A long answer's label names its box with aria-labelledby (see the hook), so
  // clicking the label does not focus the box by itself.
  focusFromLabels() {
    for (const block of this.blocks) {
      block.querySelectorAll(".ws-long > .ws-label").forEach((label) => {
        const box = label.parentElement.querySelector("textarea");
        if (box) label.addEventListener("click", () => box.focus());
      });
    }
  }

  destroy() {
    this.save();
    for (const block of this.blocks) {
      block.removeEventListener("input", this.onInput);
      block.removeEventListener("change", this.onInput);
    }
    window.removeEventListener("storage", this.onStorage);
    this.blocks.forEach((block) => delete block.dataset.wsBound);
  }
}

// ---------------------------------------------------------------- Values

// "2026-11-21" as the reader's own way of writing a date, for paper.
function printedDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T12:00:00`);
  return date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
}

// What an option said before it was reworded (`was:` in its page): answers saved
// under any of those words still tick it.
function earlierWordings(control) {
  return control.dataset.wsWas ? JSON.parse(control.dataset.wsWas) : [];
}

function readValue(controls) {
  if (controls.length === 0) return "";
  const first = controls[0];
  if (isHistory(first)) return history.readHistory(first);
  if (first.dataset.wsRow !== undefined) return tables.readTable(controls);
  if (first.type === "checkbox") return controls.filter((c) => c.checked).map((c) => c.value);
  if (first.type === "radio") return (controls.find((c) => c.checked) || { value: "" }).value;
  return first.value;
}

function writeValue(controls, value, binding) {
  if (controls.length === 0) return;
  const first = controls[0];
  if (isHistory(first)) return history.writeHistory(first, value, binding);
  if (first.dataset.wsRow !== undefined) {
    tables.writeTable(first.closest("[data-ws-table]"), Array.isArray(value) ? value : []);
  } else if (first.type === "checkbox") {
    const chosen = new Set(Array.isArray(value) ? value.map(String) : []);
    controls.forEach((c) => (c.checked = [c.value, ...earlierWordings(c)].some((text) => chosen.has(text))));
  } else if (first.type === "radio") {
    controls.forEach((c) => (c.checked = [c.value, ...earlierWordings(c)].includes(String(value))));
  } else {
    controls.forEach((c) => {
      c.value = typeof value === "string" ? value : "";
    });
  }
}

function dispatch(target, type, detail) {
  target.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
}
