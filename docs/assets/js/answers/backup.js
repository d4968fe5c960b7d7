// Backups of the answers: a file to download, checked completely before any of
// it is restored. Used by My answers (and the lock, for encrypted backups), so
// other pages do not load it.

import { META_KEY, VERSION, readSheet, listSheets, sheetKey, storage, write } from "./store.js";
import { t } from "../words.js";

export const FORMAT = "imr-answers";
export const MAX_BACKUP_BYTES = 2 * 1024 * 1024;
const SLUG = /^[a-z0-9][a-z0-9/_-]{0,199}$/;
const MAX_TEXT = 20000;
const MAX_ITEMS = 200;

export class BackupError extends Error {}

function readMeta() {
  try {
    return JSON.parse(storage().getItem(META_KEY)) || {};
  } catch (error) {
    return {};
  }
}

export function lastBackup() {
  return readMeta().lastBackup || null;
}

export function exportAll() {
  const worksheets = {};
  for (const { slug } of listSheets()) {
    const envelope = readSheet(slug);
    worksheets[slug] = { updated: envelope.updated, fields: envelope.fields };
  }
  return { format: FORMAT, version: VERSION, exported: new Date().toISOString(), worksheets };
}

export function recordBackup(when = new Date().toISOString()) {
  write(META_KEY, JSON.stringify({ ...readMeta(), lastBackup: when }));
}

// Checks a backup file's text completely before anything is written.
export function parseBackup(text) {
  if (typeof text !== "string" || text.length === 0) throw new BackupError(t("The file is empty."));
  if (text.length > MAX_BACKUP_BYTES) {
    throw new BackupError(t("The file is too large to be a backup of answers from this site (over 2 MB)."));
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BackupError(t("The file is not a backup from this site: it could not be read as one."));
  }
  if (!data || typeof data !== "object" || data.format !== FORMAT) {
    throw new BackupError(t("The file is not a backup of answers from this site."));
  }
  if (!Number.isInteger(data.version) || data.version < 1 || data.version > VERSION) {
    throw new BackupError(t("The backup was made by a newer version of this site, which this one cannot read."));
  }
  if (!data.worksheets || typeof data.worksheets !== "object" || Array.isArray(data.worksheets)) {
    throw new BackupError(t("The backup file is damaged: its list of worksheets is missing."));
  }
  const worksheets = {};
  for (const [slug, entry] of Object.entries(data.worksheets)) {
    if (!SLUG.test(slug) || !entry || typeof entry !== "object" || !isFieldMap(entry.fields)) {
      throw new BackupError(t("The backup file is damaged: one of its worksheets cannot be read."));
    }
    worksheets[slug] = { updated: typeof entry.updated === "string" ? entry.updated : null, fields: entry.fields };
  }
  return { format: FORMAT, version: data.version, exported: data.exported || null, worksheets };
}

function isFieldMap(fields) {
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return false;
  return Object.entries(fields).every(([name, value]) => /^[a-z0-9:-]{1,80}$/.test(name) && isValue(value, 0));
}

function isValue(value, depth) {
  if (typeof value === "string") return value.length <= MAX_TEXT;
  if (Array.isArray(value) && depth < 2 && value.length <= MAX_ITEMS) return value.every((v) => isValue(v, depth + 1));
  return false;
}

// What importing a backup would do: for each worksheet, "add" or "replace".
export function planImport(backup) {
  return Object.entries(backup.worksheets).map(([slug, entry]) => {
    const current = readSheet(slug);
    return { slug, action: current ? "replace" : "add", updated: entry.updated, currentUpdated: current && current.updated };
  });
}

// Writes every worksheet of the backup, or (if storage fails part way) none of them.
export function applyImport(backup) {
  const s = storage();
  const before = new Map();
  try {
    for (const [slug, entry] of Object.entries(backup.worksheets)) {
      const key = sheetKey(slug);
      before.set(key, s.getItem(key));
      const envelope = { version: VERSION, updated: entry.updated || new Date().toISOString(), fields: entry.fields };
      write(key, JSON.stringify(envelope));
    }
  } catch (error) {
    for (const [key, value] of before) {
      try {
        if (value === null) s.removeItem(key);
        else s.setItem(key, value);
      } catch (ignored) {
        // Restoring the old value shrinks storage use, so it does not fail in practice.
      }
    }
    throw error;
  }
  return before.size;
}
