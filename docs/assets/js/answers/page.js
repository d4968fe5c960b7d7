// Sets up the fields on one page: a binding per sheet, and the status line and
// (on worksheet pages) the toolbar that the build wrote into the page.

import * as store from "./store.js";
import { SheetBinding, useHistory, useScores, useTables } from "./form.js";
import { t } from "../words.js";

const BLANK_PARAM = "print";
const BLANK_VALUE = "blank";
const CARD_CLASS = "imr-print-card";

// `isCurrent` says whether the reader is still on this page once the check-in
// code has loaded (instant navigation may have moved on).
export async function setUpFields(root, isCurrent = () => true, state = "open") {
  if (root.querySelector("[data-ws-history]")) {
    useHistory(await import("./history.js"));
    if (!isCurrent()) return () => {};
  }
  if (root.querySelector("[data-ws-score]")) {
    useScores(await import("./scores.js"));
    if (!isCurrent()) return () => {};
  }
  if (root.querySelector("[data-ws-table]")) {
    useTables(await import("./tables.js"));
    if (!isCurrent()) return () => {};
  }
  const blocks = [...root.querySelectorAll("[data-ws-sheet]")];
  if (blocks.length === 0) return () => {};
  if (isBlankCopy()) return (await import("./blank-copy.js")).setUpBlankCopy(root, blocks);
  if (state === "locked") return (await import("./unlock.js")).showLocked(blocks);

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
    if (store.isShared()) status.said(t("Shared computer: your answers are kept in this tab only and are gone when you close it."));
    bindings.push(binding);
  }
  const bar = root.querySelector("[data-ws-toolbar]");
  if (bar && bindings.length === 1) wireToolbar(bar, bindings[0]);
  const flush = () => bindings.forEach((b) => b.save());
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", flush);
  // The locked answers' encrypted copy is written a moment after each save: if
  // storage is full then, say so as a failed save would.
  const vaultFull = (event) => {
    if (event.detail && event.detail.reason === "full") bindings.forEach((b) => b.status.error(event.detail.message));
  };
  window.addEventListener("worksheet:error", vaultFull);
  return () => {
    window.removeEventListener("pagehide", flush);
    document.removeEventListener("visibilitychange", flush);
    window.removeEventListener("worksheet:error", vaultFull);
    bindings.forEach((b) => b.destroy());
  };
}

function isBlankCopy() {
  return new URLSearchParams(window.location.search).get(BLANK_PARAM) === BLANK_VALUE;
}

// The status line hooks/worksheets.py puts right after a sheet's last block.
function makeStatus(afterBlock) {
  const area = afterBlock.nextElementSibling;
  const polite = area.querySelector("[role=status]");
  const alert = area.querySelector("[role=alert]");
  return {
    saved() {
      alert.textContent = "";
      const time = new Date().toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
      polite.textContent = store.isShared()
        ? t("Saved in this tab only at {time}. Shared computer: your answers are gone when you close this tab.", { time })
        : t("Saved on this device at {time}.", { time });
    },
    said(message) {
      alert.textContent = "";
      polite.textContent = message;
    },
    error(message) {
      if (!message) return;
      polite.textContent = "";
      alert.textContent = message;
    },
  };
}

// The worksheet toolbar the build puts before the first block: run its buttons.
// (The blank-copy link gets its address here: on the print page, whose toolbars
// are hidden, the print plugin would turn "?print=blank" into a broken anchor.)
function wireToolbar(bar, binding) {
  bar.querySelector("[data-ws-action=blank]").href = `${window.location.pathname}?${BLANK_PARAM}=${BLANK_VALUE}`;
  bar.querySelector("[data-ws-action=print]").addEventListener("click", () => {
    binding.save();
    window.print();
  });
  const card = bar.querySelector("[data-ws-action=card]");
  if (card) {
    // The wallet card is this sheet printed differently: styles/paper.css shows only the
    // fields marked data-ws-card, and the crisis line, as panels of a folded card.
    card.addEventListener("click", () => {
      binding.save();
      document.documentElement.classList.add(CARD_CLASS);
      window.addEventListener("afterprint", () => document.documentElement.classList.remove(CARD_CLASS), { once: true });
      window.print();
    });
  }
  const copy = bar.querySelector("[data-ws-action=copy]");
  if (copy) {
    copy.addEventListener("click", async () => {
      binding.save();
      try {
        const { sheetAsText } = await import("./copy-text.js");
        await navigator.clipboard.writeText(sheetAsText(binding.blocks));
        binding.status.said(t("Copied as plain text. Paste it into your agency's record, then clear this worksheet before the next session."));
      } catch (error) {
        binding.status.error(t("This browser did not allow copying. Select the text of the printout instead."));
      }
    });
  }
  bar.querySelector("[data-ws-action=clear]").addEventListener("click", () => {
    if (window.confirm(t("Clear every answer on this worksheet from this device? This cannot be undone."))) {
      binding.clear();
      binding.status.saved();
    }
  });
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
