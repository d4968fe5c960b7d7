// "Print a blank copy" (?print=blank): nothing restored, nothing saved, fields
// inert, and the print dialog opens. Loaded by page.js only for such a copy.

import { button, element } from "./page.js";
import { t } from "../words.js";

// A blank copy for printing: nothing restored, nothing saved, fields inert.
export function setUpBlankCopy(root, blocks) {
  document.documentElement.classList.add("ws-blank-copy");
  blocks.forEach((block) => (block.inert = true));
  const note = element("div", "ws-toolbar ws-blank-note");
  const text = element("p", "", t("This is a blank copy for printing. Your saved answers are not shown here, and nothing you had saved has changed."));
  const back = element("a", "ws-button", t("Back to my answers on this worksheet"));
  back.href = window.location.pathname;
  const print = button(t("Print"), () => window.print());
  note.append(text, print, back);
  const bar = root.querySelector("[data-ws-toolbar]");
  if (bar) bar.replaceWith(note);
  else blocks[0].before(note);
  const timer = setTimeout(() => window.print(), 300);
  return () => {
    clearTimeout(timer);
    document.documentElement.classList.remove("ws-blank-copy");
  };
}

