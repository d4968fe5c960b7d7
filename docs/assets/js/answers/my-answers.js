// The "My answers" page: what is saved on this device, backup to a file,
// restore from a file, and erasing one worksheet or everything.

import * as backups from "./backup.js";
import * as lock from "./lock.js";
import * as store from "./store.js";
import { button, element } from "./page.js";
import { unlockForm } from "./unlock.js";
import { t } from "../words.js";

// `state` is where answers are (store.openStorage): open, shared, unlocked, locked.
export async function setUpMyAnswers(root, siteBase, state = "open") {
  const host = root.querySelector("[data-imr-my-answers]");
  if (!host) return;
  const titles = await loadSheetTitles(siteBase);
  const view = new MyAnswers(host, titles, siteBase, state);
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

function parsedOrNull(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    return null;
  }
}

function formatDate(iso) {
  if (!iso) return t("unknown");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return t("unknown");
  return date.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

class MyAnswers {
  constructor(host, titles, siteBase, state) {
    this.host = host;
    this.titles = titles;
    this.siteBase = siteBase;
    this.state = state;
    this.host.replaceChildren();
    this.message = element("p", "ws-status");
    this.message.setAttribute("role", "status");
    this.alert = element("p", "ws-status ws-status--error");
    this.alert.setAttribute("role", "alert");
    this.list = element("div", "imr-answers-list");
    this.backup = element("div", "imr-answers-backup");
    this.preview = element("div", "imr-answers-preview");
    this.settings = element("div", "imr-lock-settings");
    this.host.append(this.backup, this.preview, this.message, this.alert, this.settings, this.list);
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
    if (this.state === "locked") {
      this.renderLocked();
      return;
    }
    if (!store.isAvailable()) {
      this.warn(store.unavailableReason());
      return;
    }
    this.renderBackup();
    this.renderSettings();
    this.renderList();
  }

  // The lock is on and this tab has no key: the passphrase, or erase everything.
  renderLocked() {
    const heading = element("h2", "", t("Your answers are locked"));
    heading.id = "your-answers-are-locked";
    const form = unlockForm(() => window.location.reload());
    this.backup.replaceChildren(heading, form);
    const forgot = element("h2", "", t("Forgot your passphrase?"));
    forgot.id = "forgot-your-passphrase";
    const text = element("p", "", t("Nobody can recover it: not your practitioner, not us. You can erase every answer saved here and start again, or restore from a backup afterwards."));
    this.list.replaceChildren(forgot, text, this.eraseAllButton());
  }

  // The lock and the shared-computer choice.
  renderSettings() {
    const heading = element("h2", "", t("Lock my answers, or forget them when I leave"));
    heading.id = "lock-my-answers";
    this.settings.replaceChildren(heading, ...(this.state === "unlocked" ? this.lockOnParts() : this.lockOffParts()), ...this.sharedParts());
  }

  lockOnParts() {
    const minutes = lock.idleMinutes();
    const text = element("p", "", t("The lock is on. Your answers are kept encrypted in this browser. This tab is open: it locks when you press Lock, after {minutes} minutes without use, or when you close it.", { minutes }));
    const idle = this.idleChoice(minutes, (value) => {
      lock.setIdleMinutes(value);
      this.say(t("This tab will lock after {minutes} minutes without use.", { minutes: value }));
    });
    const lockNow = button(t("Lock now"), () => {
      lock.lockNow();
      window.location.reload();
    });
    const off = button(t("Turn off the lock"), async () => {
      if (!window.confirm(t("Turn off the lock? Your answers will be saved in this browser as plain text again, readable by anyone who uses it."))) return;
      await lock.turnOff();
      window.location.reload();
    });
    off.classList.add("ws-button--quiet");
    const actions = element("div", "ws-toolbar__actions");
    actions.append(lockNow, off);
    return [text, idle, actions];
  }

  lockOffParts() {
    if (this.state === "shared") {
      return [element("p", "", t("To lock your answers with a passphrase, first turn off the shared-computer choice below."))];
    }
    const intro = element("p", "", t("Turn on the lock and your answers are kept encrypted in this browser. To see them, or to fill in a worksheet, you enter your passphrase once in each tab. A forgotten passphrase cannot be recovered by anyone, so make a backup first."));
    const backupFirst = button(t("Download a backup first"), () => this.download());
    backupFirst.classList.add("ws-button--quiet");
    const first = this.passwordField("imr-lock-new", t("New passphrase (at least 8 characters)"), "new-password");
    const again = this.passwordField("imr-lock-again", t("The same passphrase again"), "new-password");
    const idle = this.idleChoice(lock.DEFAULT_IDLE_MINUTES, () => {});
    const understand = element("label");
    const tick = element("input");
    tick.type = "checkbox";
    tick.id = "imr-lock-understand";
    understand.append(tick, " " + t("I understand that if I forget the passphrase, nobody can open my answers."));
    const turnOn = button(t("Turn on the lock"), async () => {
      const passphrase = first.querySelector("input").value;
      if (passphrase.length < 8) return this.warn(t("Nothing was changed. Choose a passphrase of at least 8 characters."));
      if (passphrase !== again.querySelector("input").value) return this.warn(t("Nothing was changed. The two passphrases are not the same."));
      if (!tick.checked) return this.warn(t("Nothing was changed. Tick the box to say you understand a forgotten passphrase cannot be recovered."));
      turnOn.disabled = true;
      this.say(t("Turning on the lock…"));
      try {
        await lock.turnOn(passphrase, Number(idle.querySelector("select").value));
        window.location.reload();
      } catch (error) {
        turnOn.disabled = false;
        this.warn(t("Nothing was changed. {reason}", { reason: error.message }));
      }
    });
    const actions = element("div", "ws-toolbar__actions");
    actions.append(backupFirst, turnOn);
    return [intro, first, again, idle, understand, actions];
  }

  sharedParts() {
    const label = element("label");
    const box = element("input");
    box.type = "checkbox";
    box.id = "imr-shared-computer";
    box.checked = this.state === "shared";
    box.disabled = this.state === "unlocked";
    label.append(box, " " + t("I am on a shared computer: forget my answers when I close this tab"));
    box.addEventListener("change", () => {
      if (box.checked && !window.confirm(t("Your answers will be kept in this tab only, and gone when you close it. Download a backup first if you want to keep them. Go on?"))) {
        box.checked = false;
        return;
      }
      store.setShared(box.checked);
      this.state = box.checked ? "shared" : "open";
      this.renderSettings();
      this.renderList();
      this.say(box.checked
        ? t("Shared computer: your answers are now kept in this tab only, and are gone when you close it.")
        : t("Your answers are saved in this browser again, until you erase them."));
    });
    const note = element("p", "ws-hint", this.state === "unlocked"
      ? t("The lock is on, so this choice is not needed: turn off the lock to use it.")
      : t("Your answers then survive reloading and moving between pages, but not closing the tab."));
    return [label, note];
  }

  passwordField(id, text, autocomplete) {
    const wrap = element("p");
    const label = element("label", "", text);
    label.htmlFor = id;
    const input = element("input");
    input.type = "password";
    input.id = id;
    input.autocomplete = autocomplete;
    wrap.append(label, input);
    return wrap;
  }

  idleChoice(current, changed) {
    const wrap = element("p");
    const label = element("label", "", t("Lock a tab after this long without use"));
    const select = element("select");
    select.id = `imr-lock-idle-${Math.random().toString(36).slice(2, 7)}`;
    label.htmlFor = select.id;
    for (const minutes of lock.IDLE_CHOICES) {
      const option = element("option", "", t("{minutes} minutes", { minutes }));
      option.value = String(minutes);
      option.selected = minutes === current;
      select.append(option);
    }
    select.addEventListener("change", () => changed(Number(select.value)));
    wrap.append(label, select);
    return wrap;
  }

  title(slug) {
    const known = this.titles[slug];
    return known ? known.title : slug;
  }

  renderList() {
    const sheets = store.listSheets();
    const heading = element("h2", "", t("Saved on this device"));
    heading.id = "saved-on-this-device";
    if (sheets.length === 0) {
      this.list.replaceChildren(heading, element("p", "", t("No answers are saved in this browser yet.")));
      return;
    }
    const table = element("table", "imr-answers-table");
    const head = table.createTHead().insertRow();
    for (const label of [t("Worksheet or page"), t("Last changed"), t("Clear")]) {
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
      const clear = button(t("Clear {title}", { title: this.title(sheet.slug) }), () => this.clearOne(sheet.slug));
      clear.classList.add("ws-button--quiet");
      row.insertCell().append(clear);
    }
    const wrapper = element("div", "md-typeset__table");
    wrapper.append(table);
    this.list.replaceChildren(heading, wrapper, this.eraseAllButton());
  }

  renderBackup() {
    const heading = element("h2", "", t("Back up and restore"));
    heading.id = "back-up-and-restore";
    const last = backups.lastBackup();
    const when = element(
      "p",
      "imr-answers-last-backup",
      last ? t("Your last backup from this browser was made on {date}.", { date: formatDate(last) }) : t("You have not made a backup from this browser yet.")
    );
    const download = button(t("Download a backup of all my answers"), () => this.download());
    const label = element("label", "ws-button", t("Restore answers from a backup file"));
    const input = element("input", "imr-visually-hidden");
    input.type = "file";
    input.accept = ".json,application/json";
    input.id = "imr-restore-file";
    label.htmlFor = input.id;
    input.addEventListener("change", () => this.readFile(input));
    const actions = element("div", "ws-toolbar__actions");
    actions.append(download, label, input);
    const parts = [heading, when, actions];
    if (this.state === "unlocked") {
      const plain = element("label");
      this.plainChoice = element("input");
      this.plainChoice.type = "checkbox";
      this.plainChoice.id = "imr-backup-plain";
      plain.append(this.plainChoice, " " + t("Download a plain backup instead (anyone who opens the file can read it)"));
      parts.push(element("p", "", t("Backups of locked answers are encrypted: your passphrase opens them.")), plain);
    }
    this.backup.replaceChildren(...parts);
  }

  async download() {
    const backup = backups.exportAll();
    const count = Object.keys(backup.worksheets).length;
    if (count === 0) {
      this.say(t("There is nothing to back up yet: no answers are saved in this browser."));
      return;
    }
    const plain = this.state !== "unlocked" || (this.plainChoice && this.plainChoice.checked);
    const file = plain ? backup : await lock.encryptBackup(backup);
    const blob = new Blob([JSON.stringify(file, null, 2)], { type: "application/json" });
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = `imr-answers-${backup.exported.slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    try {
      backups.recordBackup(backup.exported);
    } catch (error) {
      // The download worked; only the date of it could not be kept.
    }
    this.renderBackup();
    if (plain) {
      this.say(count === 1
        ? t("Backup downloaded: 1 worksheet. Anyone who opens the file can read it: keep it somewhere private.")
        : t("Backup downloaded: {count} worksheets. Anyone who opens the file can read it: keep it somewhere private.", { count }));
    } else {
      this.say(count === 1
        ? t("Encrypted backup downloaded: 1 worksheet. Your passphrase opens it.")
        : t("Encrypted backup downloaded: {count} worksheets. Your passphrase opens it.", { count }));
    }
  }

  async readFile(input) {
    const file = input.files && input.files[0];
    input.value = "";
    this.preview.replaceChildren();
    if (!file) return;
    if (file.size > backups.MAX_BACKUP_BYTES) {
      this.warn(t("Nothing was changed. The file is too large to be a backup of answers from this site (over 2 MB)."));
      return;
    }
    let backup;
    try {
      const text = await file.text();
      const encrypted = parsedOrNull(text);
      if (encrypted && encrypted.encrypted) {
        this.askBackupPassphrase(encrypted);
        return;
      }
      backup = backups.parseBackup(text);
    } catch (error) {
      this.warn(t("Nothing was changed. {reason}", { reason: error.message }));
      return;
    }
    this.showPlan(backup);
  }

  // An encrypted backup: its passphrase, then the usual check of what it holds.
  askBackupPassphrase(file) {
    const heading = element("h3", "", t("This backup is encrypted"));
    heading.id = "this-backup-is-encrypted";
    const field = this.passwordField("imr-backup-passphrase", t("The passphrase it was made with"), "current-password");
    const open = button(t("Open the backup"), async () => {
      try {
        const text = await lock.decryptBackup(file, field.querySelector("input").value);
        this.showPlan(backups.parseBackup(text));
      } catch (error) {
        this.warn(t("Nothing was changed. {reason}", { reason: error.message }));
      }
    });
    const actions = element("div", "ws-toolbar__actions");
    actions.append(open, this.cancelButton());
    this.preview.replaceChildren(heading, field, actions);
    this.say(t("Enter the backup's passphrase to see what it holds."));
    field.querySelector("input").focus();
  }

  // Cancel in a restore's preview: nothing changes.
  cancelButton() {
    const cancel = button(t("Cancel"), () => {
      this.preview.replaceChildren();
      this.say(t("Nothing was changed."));
    });
    cancel.classList.add("ws-button--quiet");
    return cancel;
  }

  showPlan(backup) {
    const plan = backups.planImport(backup);
    if (plan.length === 0) {
      this.warn(t("Nothing was changed. The backup file holds no answers."));
      return;
    }
    const heading = element("h3", "", t("Restore from this backup?"));
    heading.id = "restore-from-this-backup";
    const list = element("ul");
    for (const item of plan) {
      const text =
        item.action === "add"
          ? t("Add: {title} (saved {saved})", { title: this.title(item.slug), saved: formatDate(item.updated) })
          : t("Replace: {title}. The answers on this device (changed {changed}) will be replaced by the backup's (saved {saved}).",
            { title: this.title(item.slug), changed: formatDate(item.currentUpdated), saved: formatDate(item.updated) });
      list.append(element("li", "", text));
    }
    const note = element("p", "", t("Worksheets that are not in the file stay as they are."));
    const confirm = button(t("Restore these answers"), () => this.restore(backup));
    const actions = element("div", "ws-toolbar__actions");
    actions.append(confirm, this.cancelButton());
    this.preview.replaceChildren(heading, list, note, actions);
    this.say(plan.length === 1
      ? t("The backup holds 1 worksheet. Check the list, then restore.")
      : t("The backup holds {count} worksheets. Check the list, then restore.", { count: plan.length }));
    confirm.focus();
  }

  restore(backup) {
    try {
      const count = backups.applyImport(backup);
      this.preview.replaceChildren();
      this.renderList();
      this.say(count === 1
        ? t("Restored 1 worksheet from the backup.")
        : t("Restored {count} worksheets from the backup.", { count }));
    } catch (error) {
      this.warn(t("Nothing was changed. {reason}", { reason: error.message }));
    }
  }

  clearOne(slug) {
    if (!window.confirm(t("Clear your answers on \"{title}\" from this device? This cannot be undone.", { title: this.title(slug) }))) return;
    store.clearSheet(slug);
    this.renderList();
    this.say(t("Cleared {title}.", { title: this.title(slug) }));
  }

  // Works without the passphrase, whatever the lock's state.
  eraseAllButton() {
    const eraseAll = button(t("Erase all my answers from this device"), () => this.clearEverything());
    eraseAll.classList.add("ws-button--danger");
    return eraseAll;
  }

  clearEverything() {
    const question = t("Erase every answer saved by this site in this browser? Download a backup first if you want to keep them. This cannot be undone.");
    if (!window.confirm(question)) return;
    store.clearAll();
    try {
      lock.lockNow();
    } catch (error) {
      // nothing was open
    }
    this.state = "open";
    this.render();
    this.say(t("All your answers have been erased from this device."));
  }
}
