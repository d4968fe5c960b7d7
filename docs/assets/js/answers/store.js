// Where answers live: this browser's localStorage, one entry per worksheet.
// Two choices on My answers change that (openStorage decides, once a page):
// - "I am on a shared computer" (SHARED_KEY set): this tab's sessionStorage, gone
//   when the tab closes;
// - the lock (LOCK_KEY set, ./lock.js): the answers are kept encrypted in one
//   entry, and a tab that has been given the passphrase works on a copy in memory.
//
// Every key starts with PREFIX, so "erase my answers" removes ours and nothing
// of Material's (color scheme, search, consent). Each entry is an envelope
//   { version, updated, fields: { name: value } }
// where a value is text, a list of text (checklists) or a list of rows of text
// (tables). Nothing stored or imported is ever treated as HTML.

import { t } from "../words.js";

export const VERSION = 1;

const PREFIX = "imr.answers.v1.";
const SHEET_PREFIX = PREFIX + "sheet:";
export const META_KEY = PREFIX + "meta";
const SET_ASIDE_PREFIX = PREFIX + "unreadable:";
export const LOCK_KEY = PREFIX + "lock";
export const SHARED_KEY = PREFIX + "shared-computer";
const SETTINGS = [LOCK_KEY, SHARED_KEY];

export class StorageError extends Error {}
export class LockedError extends StorageError {}

let backend = null;

// What later pages of this tab use instead of localStorage (see the top).
export function useBackend(storageLike) {
  backend = storageLike;
}

export function resetBackend() {
  backend = null;
}

export function currentBackend() {
  return backend;
}

// localStorage itself, or null where the browser refuses it.
function local() {
  try {
    return window.localStorage;
  } catch (error) {
    return null;
  }
}

export function isLocked() {
  const s = local();
  return Boolean(s && s.getItem(LOCK_KEY));
}

export function isShared() {
  const s = local();
  return Boolean(s && s.getItem(SHARED_KEY));
}

// Decides, before a page's fields are bound, where its answers are: "open",
// "shared", "unlocked" (the lock is on, this tab has the key), "locked" (the
// lock is on, no key yet) or "unavailable".
export async function openStorage() {
  if (!isAvailable() && !isLocked()) return "unavailable";
  if (isShared()) {
    useBackend(window.sessionStorage);
    return "shared";
  }
  if (isLocked()) {
    if (backend && backend.imrVault) return "unlocked";
    const lock = await import("./lock.js");
    return (await lock.resume()) ? "unlocked" : "locked";
  }
  return "open";
}

// The storage in use; tests and private windows may have none.
export function storage() {
  if (backend) return backend;
  if (isLocked()) {
    throw new LockedError(t("Your answers are locked with a passphrase. Enter it to open them here."));
  }
  try {
    const candidate = window.localStorage;
    const probe = PREFIX + "probe";
    candidate.setItem(probe, "1");
    candidate.removeItem(probe);
    if (candidate.getItem(SHARED_KEY)) return (backend = window.sessionStorage);
    return candidate;
  } catch (error) {
    const reason = window.imrNoStorage || t("a private window, or storage switched off");
    throw new StorageError(
      t("This browser is not letting the site save answers ({reason}). You can still fill in and print this page, but your answers will be gone when you leave it.", { reason })
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

export function write(key, value) {
  try {
    storage().setItem(key, value);
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StorageError(
      t("Your latest answer could not be saved: this browser's storage for the site is full. Download a backup from My answers, then clear worksheets you no longer need.")
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

// Removes every key of ours (answers, set-aside data, backup date, the lock and
// its encrypted answers, this tab's key) and nothing else, wherever they are.
// Needs no passphrase.
export function clearAll() {
  let count = 0;
  const places = [backend, local()];
  try {
    places.push(window.sessionStorage);
  } catch (error) {
    // no sessionStorage: nothing of ours there either
  }
  for (const s of new Set(places.filter(Boolean))) {
    const ours = ourKeys(s);
    count += ours.length;
    ours.forEach((key) => s.removeItem(key));
  }
  backend = null;
  return count;
}

// Our keys in a storage, the settings (lock, shared computer) included.
export function ourKeys(s) {
  const ours = [];
  for (let index = 0; index < s.length; index += 1) {
    const key = s.key(index);
    if (key && key.startsWith(PREFIX)) ours.push(key);
  }
  return ours;
}

// Our answer keys (not the settings) in a storage, with their text.
export function answerEntries(s) {
  return ourKeys(s).filter((key) => !SETTINGS.includes(key)).map((key) => [key, s.getItem(key)]);
}

// "I am on a shared computer": answers move to this tab's sessionStorage (gone
// when the tab closes), or back to localStorage when it is turned off.
export function setShared(on) {
  const disk = local();
  const tab = window.sessionStorage;
  const [from, to] = on ? [disk, tab] : [tab, disk];
  const entries = answerEntries(from);
  for (const [key, value] of entries) to.setItem(key, value);
  for (const [key] of entries) from.removeItem(key);
  if (on) disk.setItem(SHARED_KEY, "on");
  else disk.removeItem(SHARED_KEY);
  backend = on ? tab : null;
}
