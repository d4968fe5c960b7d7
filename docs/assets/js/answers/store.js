// Where answers live: this browser's localStorage, one entry per worksheet.
//
// Every key starts with PREFIX, so "erase my answers" removes ours and nothing
// of Material's (color scheme, search, consent). Each entry is an envelope
//   { version, updated, fields: { name: value } }
// where a value is text, a list of text (checklists) or a list of rows of text
// (tables). Nothing stored or imported is ever treated as HTML.

export const FORMAT = "imr-answers";
export const VERSION = 1;
export const MAX_BACKUP_BYTES = 2 * 1024 * 1024;

const PREFIX = "imr.answers.v1.";
const SHEET_PREFIX = PREFIX + "sheet:";
const META_KEY = PREFIX + "meta";
const SET_ASIDE_PREFIX = PREFIX + "unreadable:";
const SLUG = /^[a-z0-9][a-z0-9/_-]{0,199}$/;
const MAX_TEXT = 20000;
const MAX_ITEMS = 200;

export class StorageError extends Error {}
export class BackupError extends Error {}

let backend = null;

// The storage in use; tests and private windows may have none.
function storage() {
  if (backend) return backend;
  try {
    const candidate = window.localStorage;
    const probe = PREFIX + "probe";
    candidate.setItem(probe, "1");
    candidate.removeItem(probe);
    backend = candidate;
    return backend;
  } catch (error) {
    throw new StorageError(
      `This browser is not letting the site save answers (${window.imrNoStorage || "a private window, or storage switched off"}). ` +
        "You can still fill in and print this page, but your answers will be gone when you leave it."
    );
  }
}

// Why answers cannot be saved here, or "" when they can.
export function unavailableReason() {
  try {
    storage();
    return "";
  } catch (error) {
    return error.message;
  }
}

export function isAvailable() {
  try {
    storage();
    return true;
  } catch (error) {
    return false;
  }
}

export function sheetKey(slug) {
  return SHEET_PREFIX + slug;
}

export function slugFromKey(key) {
  return key && key.startsWith(SHEET_PREFIX) ? key.slice(SHEET_PREFIX.length) : null;
}

function write(key, value) {
  try {
    storage().setItem(key, value);
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(
      "Your latest answer could not be saved: this browser's storage for the site is full. " +
        "Download a backup from My answers, then clear worksheets you no longer need."
    );
  }
}

// Reads an envelope from its JSON text; unreadable data is set aside, never deleted.
export function parseEnvelope(text, slug) {
  if (text == null) return null;
  try {
    const data = JSON.parse(text);
    if (!data || typeof data !== "object" || typeof data.fields !== "object" || data.fields === null) {
      throw new Error("not an answers envelope");
    }
    return migrate(data);
  } catch (error) {
    setAside(slug, text);
    return null;
  }
}

// Brings an envelope from an older format version up to this one.
function migrate(envelope) {
  const version = Number(envelope.version) || 1;
  return { version: Math.max(version, VERSION), updated: envelope.updated || null, fields: envelope.fields };
}

function setAside(slug, text) {
  try {
    const s = storage();
    s.setItem(SET_ASIDE_PREFIX + slug + ":" + Date.now(), text);
    s.removeItem(sheetKey(slug));
  } catch (error) {
    // Leave it where it is: better unread than lost.
  }
  window.dispatchEvent(new CustomEvent("worksheet:error", { detail: { slug, reason: "unreadable" } }));
}

export function readSheet(slug) {
  return parseEnvelope(storage().getItem(sheetKey(slug)), slug);
}

// Merges the changed fields into what is stored now (another tab may have
// saved other fields since this page loaded) and writes it back.
export function writeFields(slug, changes) {
  const current = readSheet(slug) || { version: VERSION, updated: null, fields: {} };
  const fields = { ...current.fields, ...changes };
  for (const [name, value] of Object.entries(changes)) {
    if (isEmpty(value)) delete fields[name];
  }
  if (Object.keys(fields).length === 0) {
    storage().removeItem(sheetKey(slug));
    return null;
  }
  const envelope = { version: VERSION, updated: new Date().toISOString(), fields };
  write(sheetKey(slug), JSON.stringify(envelope));
  return envelope;
}

export function isEmpty(value) {
  if (Array.isArray(value)) return value.every(isEmpty);
  return value === "" || value == null;
}

export function listSheets() {
  const s = storage();
  const slugs = [];
  for (let index = 0; index < s.length; index += 1) {
    const slug = slugFromKey(s.key(index));
    if (slug) slugs.push(slug);
  }
  const sheets = [];
  for (const slug of slugs) {
    const envelope = readSheet(slug);
    if (envelope) sheets.push({ slug, updated: envelope.updated, count: Object.keys(envelope.fields).length });
  }
  return sheets.sort((a, b) => String(b.updated).localeCompare(String(a.updated)));
}

export function clearSheet(slug) {
  storage().removeItem(sheetKey(slug));
}

// Removes every key of ours (answers, set-aside data, backup date) and nothing else.
export function clearAll() {
  const s = storage();
  const ours = [];
  for (let index = 0; index < s.length; index += 1) {
    const key = s.key(index);
    if (key && key.startsWith(PREFIX)) ours.push(key);
  }
  ours.forEach((key) => s.removeItem(key));
  return ours.length;
}

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
  if (typeof text !== "string" || text.length === 0) throw new BackupError("The file is empty.");
  if (text.length > MAX_BACKUP_BYTES) {
    throw new BackupError("The file is too large to be a backup of answers from this site (over 2 MB).");
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BackupError("The file is not a backup from this site: it could not be read as one.");
  }
  if (!data || typeof data !== "object" || data.format !== FORMAT) {
    throw new BackupError("The file is not a backup of answers from this site.");
  }
  if (!Number.isInteger(data.version) || data.version < 1 || data.version > VERSION) {
    throw new BackupError("The backup was made by a newer version of this site, which this one cannot read.");
  }
  if (!data.worksheets || typeof data.worksheets !== "object" || Array.isArray(data.worksheets)) {
    throw new BackupError("The backup file is damaged: its list of worksheets is missing.");
  }
  const worksheets = {};
  for (const [slug, entry] of Object.entries(data.worksheets)) {
    if (!SLUG.test(slug) || !entry || typeof entry !== "object" || !isFieldMap(entry.fields)) {
      throw new BackupError("The backup file is damaged: one of its worksheets cannot be read.");
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
