// Sets up the fields on one page: a binding per sheet, a status line after each
// sheet's last block, and on worksheet pages a toolbar (print, blank copy, clear).

import * as store from "./store.js";
import { SheetBinding } from "./form.js";

const BLANK_PARAM = "print";
const BLANK_VALUE = "blank";

export function setUpFields(root, siteBase) {
  const blocks = [...root.querySelectorAll("[data-ws-sheet]")];
  if (blocks.length === 0) return () => {};
  if (isBlankCopy()) return setUpBlankCopy(root, blocks);

  const bySheet = new Map();
  for (const block of blocks) {
    const sheet = block.dataset.wsSheet;
    if (!bySheet.has(sheet)) bySheet.set(sheet, []);
    bySheet.get(sheet).push(block);
  }
  const bindings = [];
  for (const [sheet, sheetBlocks] of bySheet) {
    const status = makeStatus(sheetBlocks[sheetBlocks.length - 1]);
    const binding = new SheetBinding(sheet, sheetBlocks, status);
    status.error(store.unavailableReason());
    binding.restore();
    bindings.push(binding);
  }
  const first = blocks[0];
  if (first.dataset.wsKind === "worksheet" && bindings.length === 1) {
    first.before(makeToolbar(bindings[0], siteBase));
  }
  const flush = () => bindings.forEach((b) => b.save());
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", flush);
  return () => {
    window.removeEventListener("pagehide", flush);
    document.removeEventListener("visibilitychange", flush);
    bindings.forEach((b) => b.destroy());
  };
}

function isBlankCopy() {
  return new URLSearchParams(window.location.search).get(BLANK_PARAM) === BLANK_VALUE;
}

// A blank copy for printing: nothing restored, nothing saved, fields inert.
function setUpBlankCopy(root, blocks) {
  document.documentElement.classList.add("ws-blank-copy");
  blocks.forEach((block) => (block.inert = true));
  const note = element("div", "ws-toolbar ws-blank-note");
  const text = element("p", "", "This is a blank copy for printing. Your saved answers are not shown here, and nothing you had saved has changed.");
  const back = element("a", "ws-button", "Back to my answers on this worksheet");
  back.href = window.location.pathname;
  const print = button("Print", () => window.print());
  note.append(text, print, back);
  blocks[0].before(note);
  const timer = setTimeout(() => window.print(), 300);
  return () => {
    clearTimeout(timer);
    document.documentElement.classList.remove("ws-blank-copy");
  };
}

function makeStatus(afterBlock) {
  const area = element("div", "ws-status-area");
  const polite = element("p", "ws-status");
  polite.setAttribute("role", "status");
  const alert = element("p", "ws-status ws-status--error");
  alert.setAttribute("role", "alert");
  area.append(polite, alert);
  afterBlock.after(area);
  return {
    saved() {
      alert.textContent = "";
      const time = new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
      polite.textContent = `Saved on this device at ${time}.`;
    },
    error(message) {
      if (!message) return;
      polite.textContent = "";
      alert.textContent = message;
    },
  };
}

function makeToolbar(binding, siteBase) {
  const bar = element("div", "ws-toolbar");
  const note = element("p", "ws-toolbar__note");
  note.append("Your answers save as you type, in this browser only. ");
  const link = element("a", "", "Back up or erase them on My answers");
  link.href = new URL("my-answers/", siteBase).href;
  note.append(link, ".");
  const actions = element("div", "ws-toolbar__actions");
  actions.append(
    button("Print this worksheet", () => {
      binding.save();
      window.print();
    }),
    linkButton("Print a blank copy", `${window.location.pathname}?${BLANK_PARAM}=${BLANK_VALUE}`),
    button("Clear this worksheet", () => {
      if (window.confirm("Clear every answer on this worksheet from this device? This cannot be undone.")) {
        binding.clear();
        binding.status.saved();
      }
    }),
  );
  bar.append(note, actions);
  return bar;
}

export function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  return el;
}

export function button(text, onClick) {
  const el = element("button", "ws-button", text);
  el.type = "button";
  el.addEventListener("click", onClick);
  return el;
}

function linkButton(text, href) {
  const el = element("a", "ws-button", text);
  el.href = href;
  return el;
}
