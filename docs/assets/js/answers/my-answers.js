// The "My answers" page: what is saved on this device, backup to a file,
// restore from a file, and erasing one worksheet or everything.

import * as store from "./store.js";
import { button, element } from "./page.js";

export async function setUpMyAnswers(root, siteBase) {
  const host = root.querySelector("[data-imr-my-answers]");
  if (!host) return;
  const titles = await loadSheetTitles(siteBase);
  const view = new MyAnswers(host, titles, siteBase);
  view.render();
}

// The worksheet titles: set by a script in the offline edition (a page opened from
// disk cannot fetch), fetched otherwise.
async function loadSheetTitles(siteBase) {
  if (window.imrSheets) return window.imrSheets;
  try {
    const response = await fetch(new URL("assets/sheets.json", siteBase));
    return response.ok ? await response.json() : {};
  } catch (error) {
    return {};
  }
}

function formatDate(iso) {
  if (!iso) return "unknown";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "unknown";
  return date.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

class MyAnswers {
  constructor(host, titles, siteBase) {
    this.host = host;
    this.titles = titles;
    this.siteBase = siteBase;
    this.host.replaceChildren();
    this.message = element("p", "ws-status");
    this.message.setAttribute("role", "status");
    this.alert = element("p", "ws-status ws-status--error");
    this.alert.setAttribute("role", "alert");
    this.list = element("div", "imr-answers-list");
    this.backup = element("div", "imr-answers-backup");
    this.preview = element("div", "imr-answers-preview");
    this.host.append(this.backup, this.preview, this.message, this.alert, this.list);
  }

  say(text) {
    this.alert.textContent = "";
    this.message.textContent = text;
  }

  warn(text) {
    this.message.textContent = "";
    this.alert.textContent = text;
  }

  render() {
    if (!store.isAvailable()) {
      this.warn(store.unavailableReason());
      return;
    }
    this.renderBackup();
    this.renderList();
  }

  title(slug) {
    const known = this.titles[slug];
    return known ? known.title : slug;
  }

  renderList() {
    const sheets = store.listSheets();
    const heading = element("h2", "", "Saved on this device");
    heading.id = "saved-on-this-device";
    if (sheets.length === 0) {
      this.list.replaceChildren(heading, element("p", "", "No answers are saved in this browser yet."));
      return;
    }
    const table = element("table", "imr-answers-table");
    const head = table.createTHead().insertRow();
    for (const label of ["Worksheet or page", "Last changed", "Clear"]) {
      const th = element("th", "", label);
      th.scope = "col";
      head.append(th);
    }
    const body = table.createTBody();
    for (const sheet of sheets) {
      const row = body.insertRow();
      row.dataset.sheet = sheet.slug;
      const name = row.insertCell();
      const known = this.titles[sheet.slug];
      if (known) {
        const link = element("a", "", known.title);
        link.href = new URL(known.url, this.siteBase).href;
        name.append(link);
      } else {
        name.textContent = sheet.slug;
      }
      row.insertCell().textContent = formatDate(sheet.updated);
      const clear = button(`Clear ${this.title(sheet.slug)}`, () => this.clearOne(sheet.slug));
      clear.classList.add("ws-button--quiet");
      row.insertCell().append(clear);
    }
    const wrapper = element("div", "md-typeset__table");
    wrapper.append(table);
    const eraseAll = button("Erase all my answers from this device", () => this.clearEverything());
    eraseAll.classList.add("ws-button--danger");
    this.list.replaceChildren(heading, wrapper, eraseAll);
  }

  renderBackup() {
    const heading = element("h2", "", "Back up and restore");
    heading.id = "back-up-and-restore";
    const last = store.lastBackup();
    const when = element(
      "p",
      "imr-answers-last-backup",
      last ? `Your last backup from this browser was made on ${formatDate(last)}.` : "You have not made a backup from this browser yet."
    );
    const download = button("Download a backup of all my answers", () => this.download());
    const label = element("label", "ws-button", "Restore answers from a backup file");
    const input = element("input", "imr-visually-hidden");
    input.type = "file";
    input.accept = ".json,application/json";
    input.id = "imr-restore-file";
    label.htmlFor = input.id;
    input.addEventListener("change", () => this.readFile(input));
    const actions = element("div", "ws-toolbar__actions");
    actions.append(download, label, input);
    this.backup.replaceChildren(heading, when, actions);
  }

  download() {
    const backup = store.exportAll();
    const count = Object.keys(backup.worksheets).length;
    if (count === 0) {
      this.say("There is nothing to back up yet: no answers are saved in this browser.");
      return;
    }
    const blob = new Blob([JSON.stringify(backup, null, 2)], { type: "application/json" });
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = `imr-answers-${backup.exported.slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    try {
      store.recordBackup(backup.exported);
    } catch (error) {
      // The download worked; only the date of it could not be kept.
    }
    this.renderBackup();
    this.say(`Backup downloaded: ${count} worksheet${count === 1 ? "" : "s"}. Keep the file somewhere private.`);
  }

  async readFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    this.preview.replaceChildren();
    if (!file) return;
    if (file.size > store.MAX_BACKUP_BYTES) {
      this.warn("Nothing was changed. The file is too large to be a backup of answers from this site (over 2 MB).");
      return;
    }
    let backup;
    try {
      backup = store.parseBackup(await file.text());
    } catch (error) {
      this.warn(`Nothing was changed. ${error.message}`);
      return;
    }
    this.showPlan(backup);
  }

  showPlan(backup) {
    const plan = store.planImport(backup);
    if (plan.length === 0) {
      this.warn("Nothing was changed. The backup file holds no answers.");
      return;
    }
    const heading = element("h3", "", "Restore from this backup?");
    heading.id = "restore-from-this-backup";
    const list = element("ul");
    for (const item of plan) {
      const text =
        item.action === "add"
          ? `Add: ${this.title(item.slug)} (saved ${formatDate(item.updated)})`
          : `Replace: ${this.title(item.slug)}. The answers on this device (changed ${formatDate(item.currentUpdated)}) will be replaced by the backup's (saved ${formatDate(item.updated)}).`;
      list.append(element("li", "", text));
    }
    const note = element("p", "", "Worksheets that are not in the file stay as they are.");
    const confirm = button("Restore these answers", () => this.restore(backup));
    const cancel = button("Cancel", () => {
      this.preview.replaceChildren();
      this.say("Nothing was changed.");
    });
    cancel.classList.add("ws-button--quiet");
    const actions = element("div", "ws-toolbar__actions");
    actions.append(confirm, cancel);
    this.preview.replaceChildren(heading, list, note, actions);
    this.say(`The backup holds ${plan.length} worksheet${plan.length === 1 ? "" : "s"}. Check the list, then restore.`);
    confirm.focus();
  }

  restore(backup) {
    try {
      const count = store.applyImport(backup);
      this.preview.replaceChildren();
      this.renderList();
      this.say(`Restored ${count} worksheet${count === 1 ? "" : "s"} from the backup.`);
    } catch (error) {
      this.warn(`Nothing was changed. ${error.message}`);
    }
  }

  clearOne(slug) {
    if (!window.confirm(`Clear your answers on "${this.title(slug)}" from this device? This cannot be undone.`)) return;
    store.clearSheet(slug);
    this.renderList();
    this.say(`Cleared ${this.title(slug)}.`);
  }

  clearEverything() {
    const question = "Erase every answer saved by this site in this browser? Download a backup first if you want to keep them. This cannot be undone.";
    if (!window.confirm(question)) return;
    store.clearAll();
    this.renderBackup();
    this.renderList();
    this.say("All your answers have been erased from this device.");
  }
}
