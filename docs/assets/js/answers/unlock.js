// The passphrase form, where the lock keeps answers closed: on a page's fields
// (page.js loads this module only then) and on My answers.

import { element } from "./page.js";
import { t } from "../words.js";

// The lock is on and this tab has no key: the fields stay empty and inert, and a
// small form asks for the passphrase (hidden in the projector view and present
// mode, so it never shows on a group's screen; paper says why the sheet is blank).
export function showLocked(blocks) {
  blocks.forEach((block) => (block.inert = true));
  const form = unlockForm(() => window.location.reload());
  const printed = element("p", "ws-locked-print", t("Your answers are locked, so this sheet printed blank."));
  blocks[0].before(form, printed);
  return () => {
    form.remove();
    printed.remove();
  };
}

let unlockForms = 0;

// The passphrase form (also on My answers); `opened` runs once the answers are open.
export function unlockForm(opened) {
  const id = `imr-passphrase-${++unlockForms}`;
  const form = element("form", "ws-unlock ws-toolbar");
  const text = element("p", "ws-toolbar__note", t("Your answers are locked with a passphrase. Enter it to open them in this tab."));
  const label = element("label", "ws-label", t("Passphrase"));
  label.htmlFor = id;
  const input = element("input");
  input.type = "password";
  input.id = id;
  input.autocomplete = "current-password";
  input.required = true;
  const submit = element("button", "ws-button", t("Open my answers"));
  submit.type = "submit";
  const status = element("p", "ws-status");
  status.setAttribute("role", "status");
  const alert = element("p", "ws-status ws-status--error");
  alert.setAttribute("role", "alert");
  form.append(text, label, input, submit, status, alert);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    alert.textContent = "";
    status.textContent = t("Opening your answers…");
    try {
      const lock = await import("./lock.js");
      await lock.unlock(input.value);
      status.textContent = t("Opened.");
      opened();
    } catch (error) {
      status.textContent = "";
      alert.textContent = error.message || t("That passphrase did not open your answers.");
      input.value = "";
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

