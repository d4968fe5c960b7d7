// The lock: answers kept encrypted in this browser, opened with a passphrase.
//
// Loaded only where it is used (a browser with the lock on, and My answers).
// With the lock on, localStorage holds one entry of ours besides the settings,
// store.LOCK_KEY: { salt, iterations, idleMinutes, vault: { iv, data } }, where
// the vault is every answer entry as JSON, encrypted with AES-GCM under a key
// derived from the passphrase by PBKDF2-SHA-256 (ITERATIONS, a random salt).
// Nothing readable stays in storage. A tab given the passphrase keeps the key in
// its sessionStorage (gone when the tab closes) and works on the answers in
// memory (VaultStorage), writing the vault again after every change. The key is
// forgotten on Lock, after the idle time the person chose, or when the tab closes.
//
// What it protects against: the next person at the same computer, and someone
// copying the browser's files. Not: someone watching the screen, malware, or a
// tab that is already unlocked (My answers and the README say so).

import { BackupError, FORMAT } from "./backup.js";
import * as store from "./store.js";
import { t } from "../words.js";

export const ITERATIONS = 600000;
export const IDLE_CHOICES = [5, 15, 30, 60];
export const DEFAULT_IDLE_MINUTES = 15;
const KEY_ENTRY = "imr.answers.v1.tab-key"; // sessionStorage: this tab's key while unlocked
const ACTIVE_ENTRY = "imr.answers.v1.tab-active"; // sessionStorage: when this tab was last used

export class WrongPassphrase extends Error {}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function deriveKey(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    base,
    { name: "AES-GCM", length: 256 },
    true,
    ["encrypt", "decrypt"]
  );
}

async function encrypt(key, text) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(text));
  return { iv: toBase64(iv), data: toBase64(data) };
}

async function decrypt(key, box) {
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(box.iv) }, key, fromBase64(box.data));
    return decoder.decode(plain);
  } catch (error) {
    throw new WrongPassphrase(t("That passphrase did not open your answers. Nothing was shown or changed."));
  }
}

function readRecord() {
  try {
    return JSON.parse(window.localStorage.getItem(store.LOCK_KEY));
  } catch (error) {
    return null;
  }
}

function writeRecord(record) {
  try {
    window.localStorage.setItem(store.LOCK_KEY, JSON.stringify(record));
  } catch (error) {
    throw new store.StorageError(
      t("Your latest answer could not be saved: this browser's storage for the site is full. Download a backup from My answers, then clear worksheets you no longer need.")
    );
  }
}

// The answers of an unlocked tab: a Storage-like map in memory, written back to
// the encrypted vault after every change (in order, one write at a time).
class VaultStorage {
  constructor(key, entries, vaultData) {
    this.imrVault = true;
    this.cryptoKey = key;
    this.map = new Map(entries);
    this.removed = new Set();
    this.seen = vaultData;
    this.writing = Promise.resolve();
    this.onOtherTab = (event) => {
      if (event.key === store.LOCK_KEY && event.newValue) this.takeFromOtherTab();
    };
    window.addEventListener("storage", this.onOtherTab);
  }

  get length() {
    return this.map.size;
  }

  key(index) {
    return [...this.map.keys()][index] ?? null;
  }

  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }

  setItem(key, value) {
    this.map.set(key, String(value));
    this.removed.delete(key);
    this.persist();
  }

  removeItem(key) {
    this.map.delete(key);
    this.removed.add(key);
    this.persist();
  }

  // Another tab wrote the vault: keep each worksheet's newer copy, and tell the
  // page (as a storage event) about worksheets that changed.
  async merge(record) {
    const theirs = JSON.parse(await decrypt(this.cryptoKey, record.vault));
    const changed = [];
    for (const [key, value] of Object.entries(theirs)) {
      if (this.removed.has(key)) continue;
      const mine = this.map.get(key);
      if (mine === value) continue;
      if (mine === undefined || updatedOf(value) > updatedOf(mine)) {
        this.map.set(key, value);
        changed.push([key, value]);
      }
    }
    this.seen = record.vault.data;
    return changed;
  }

  async takeFromOtherTab() {
    const record = readRecord();
    if (!record || record.vault.data === this.seen) return;
    for (const [key, value] of await this.merge(record)) {
      window.dispatchEvent(new StorageEvent("storage", { key, newValue: value }));
    }
  }

  persist() {
    this.writing = this.writing.then(async () => {
      const record = readRecord();
      if (!record) return; // erased meanwhile: nothing to write into
      if (record.vault.data !== this.seen) await this.merge(record);
      record.vault = await encrypt(this.cryptoKey, JSON.stringify(Object.fromEntries(this.map)));
      writeRecord(record);
      this.seen = record.vault.data;
    }).catch((error) => {
      window.dispatchEvent(new CustomEvent("worksheet:error", { detail: { reason: "full", message: error.message } }));
    });
    return this.writing;
  }

  // Stops following other tabs. Writes already asked for still finish.
  close() {
    window.removeEventListener("storage", this.onOtherTab);
  }
}

function updatedOf(envelopeText) {
  try {
    return String(JSON.parse(envelopeText).updated || "");
  } catch (error) {
    return "";
  }
}

async function open(key, record) {
  const entries = Object.entries(JSON.parse(await decrypt(key, record.vault)));
  store.useBackend(new VaultStorage(key, entries, record.vault.data));
}

function rememberKey(raw) {
  window.sessionStorage.setItem(KEY_ENTRY, toBase64(raw));
  touch();
}

function forgetKey() {
  try {
    window.sessionStorage.removeItem(KEY_ENTRY);
    window.sessionStorage.removeItem(ACTIVE_ENTRY);
  } catch (error) {
    // nothing to forget
  }
}

// This tab was used just now (for the idle time).
function touch() {
  try {
    window.sessionStorage.setItem(ACTIVE_ENTRY, String(Date.now()));
  } catch (error) {
    // without sessionStorage the key is not kept either
  }
}

export function idleMinutes() {
  const record = readRecord();
  return (record && IDLE_CHOICES.includes(record.idleMinutes) && record.idleMinutes) || DEFAULT_IDLE_MINUTES;
}

function idleTooLong() {
  const last = Number(window.sessionStorage.getItem(ACTIVE_ENTRY) || 0);
  return Date.now() - last > idleMinutes() * 60000;
}

// A tab that was unlocked before this page (a reload, instant navigation): open
// with the key it kept, unless it sat unused too long.
export async function resume() {
  const record = readRecord();
  const saved = window.sessionStorage.getItem(KEY_ENTRY);
  if (!record || !saved) return false;
  if (idleTooLong()) {
    forgetKey();
    return false;
  }
  try {
    const key = await crypto.subtle.importKey("raw", fromBase64(saved), "AES-GCM", true, ["encrypt", "decrypt"]);
    await open(key, record);
    touch();
    return true;
  } catch (error) {
    forgetKey();
    return false;
  }
}

export async function unlock(passphrase) {
  const record = readRecord();
  if (!record) throw new WrongPassphrase(t("The lock is not on in this browser."));
  const key = await deriveKey(passphrase, fromBase64(record.salt), record.iterations);
  await open(key, record);
  rememberKey(await crypto.subtle.exportKey("raw", key));
}

export function lockNow() {
  forgetKey();
  const backend = store.currentBackend();
  if (backend && backend.imrVault) backend.close();
  store.resetBackend();
}

// Turns the lock on: every answer of this browser goes into the encrypted vault,
// and only then are the readable copies removed.
export async function turnOn(passphrase, minutes = DEFAULT_IDLE_MINUTES) {
  const disk = window.localStorage;
  const entries = store.answerEntries(disk);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(passphrase, salt, ITERATIONS);
  const vault = await encrypt(key, JSON.stringify(Object.fromEntries(entries)));
  const record = { version: 1, salt: toBase64(salt), iterations: ITERATIONS, idleMinutes: minutes, vault };
  writeRecord(record);
  JSON.parse(await decrypt(key, readRecord().vault)); // it reads back before anything is removed
  entries.forEach(([name]) => disk.removeItem(name));
  await open(key, record);
  rememberKey(await crypto.subtle.exportKey("raw", key));
}

// Turns the lock off (in an unlocked tab): the answers go back, readable, into
// localStorage, and only then is the vault removed.
export async function turnOff() {
  const disk = window.localStorage;
  const vault = openVault();
  for (const [name, value] of store.answerEntries(vault)) disk.setItem(name, value);
  disk.removeItem(store.LOCK_KEY);
  vault.close();
  forgetKey();
  store.resetBackend();
}

// This tab's open answers (a VaultStorage), or an error if the tab is locked.
function openVault() {
  const backend = store.currentBackend();
  if (!backend || !backend.imrVault) throw new WrongPassphrase(t("Open your answers with your passphrase first."));
  return backend;
}

export function setIdleMinutes(minutes) {
  const record = readRecord();
  if (!record || !IDLE_CHOICES.includes(minutes)) return;
  record.idleMinutes = minutes;
  writeRecord(record);
}

// Locks this tab after the idle time (checked every few seconds, and counted
// from the last key press, click or touch); `onLocked` shows the page locked.
export function watchIdle(onLocked) {
  let last = 0;
  const seen = () => {
    if (Date.now() - last > 5000) {
      last = Date.now();
      touch();
    }
  };
  ["keydown", "pointerdown", "input", "scroll"].forEach((type) => document.addEventListener(type, seen, { passive: true }));
  const timer = setInterval(() => {
    if (window.sessionStorage.getItem(KEY_ENTRY) && idleTooLong()) {
      lockNow();
      onLocked();
    }
  }, 5000);
  return () => {
    clearInterval(timer);
    ["keydown", "pointerdown", "input", "scroll"].forEach((type) => document.removeEventListener(type, seen));
  };
}

// A backup of locked answers, encrypted with this tab's key (the lock's salt, so
// the same passphrase opens it).
export async function encryptBackup(backup) {
  const record = readRecord();
  const box = await encrypt(openVault().cryptoKey, JSON.stringify(backup));
  return { format: FORMAT, version: store.VERSION, exported: backup.exported, encrypted: { salt: record.salt, iterations: record.iterations, ...box } };
}

// The text of a plain backup from an encrypted one, given its passphrase.
export async function decryptBackup(file, passphrase) {
  const box = file.encrypted;
  if (!box || typeof box.salt !== "string" || typeof box.iv !== "string" || typeof box.data !== "string" || !Number.isInteger(box.iterations)) {
    throw new BackupError(t("The backup file is damaged: its encrypted answers cannot be read."));
  }
  const key = await deriveKey(passphrase, fromBase64(box.salt), box.iterations);
  try {
    return await decrypt(key, box);
  } catch (error) {
    throw new WrongPassphrase(t("That passphrase did not open this backup. Nothing was changed."));
  }
}

// "Lock" in the header, on every page while this tab is unlocked, and the idle
// timer behind it. Either locks the tab and shows the page again, locked.
let stopIdle = null;

export function showLockButton() {
  if (!stopIdle) stopIdle = watchIdle(() => window.location.reload());
  if (document.querySelector("[data-imr-lock]")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "imr-lock-button";
  button.dataset.imrLock = "";
  button.textContent = t("Lock");
  button.title = t("Lock my answers in this tab");
  button.setAttribute("aria-label", t("Lock my answers"));
  button.addEventListener("click", () => {
    lockNow();
    window.location.reload();
  });
  const header = document.querySelector(".md-header__inner");
  if (header) header.append(button);
}
