// Entry point for saving answers. Material's instant navigation swaps pages
// without reloading, so set up on every document$ emission (not on
// DOMContentLoaded), tear down the previous page's bindings first, and
// subscribe only once however often this module is evaluated. The My answers
// page's code is loaded only on that page.

import { setUpFields } from "./answers/page.js";
import { openStorage } from "./answers/store.js";
import { onEveryPage } from "./on-every-page.js";

function siteBase() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(base.endsWith("/") ? base : base + "/", window.location.href);
}

// Material's config gives the site root relative to the first page loaded;
// resolve it once, before instant navigation moves on.
const SITE_BASE = siteBase();
let tearDown = () => {};
let visit = 0;

// While the lock is on and this tab is unlocked: "Lock" in the header and the
// idle timer (./answers/lock.js, loaded only then). The head script kept room
// for the button from the first paint; give it back if this tab is not unlocked.
async function showLockButton(unlocked) {
  document.documentElement.toggleAttribute("data-imr-unlocked", unlocked);
  if (unlocked) (await import("./answers/lock.js")).showLockButton();
  else document.querySelector("[data-imr-lock]")?.remove();
}

async function setUpPage() {
  tearDown();
  tearDown = () => {};
  const thisVisit = ++visit;
  const isCurrent = () => thisVisit === visit; // false once the reader has moved on
  const state = await openStorage(); // where this page's answers are: see answers/store.js
  if (!isCurrent()) return;
  showLockButton(state === "unlocked");
  const fieldsTearDown = await setUpFields(document, isCurrent, state);
  if (isCurrent()) tearDown = fieldsTearDown;
  else fieldsTearDown();
  if (document.querySelector("[data-imr-my-answers]")) {
    const { setUpMyAnswers } = await import("./answers/my-answers.js");
    if (isCurrent()) setUpMyAnswers(document, SITE_BASE, state);
  }
}

onEveryPage("__imrAnswersStarted", setUpPage);
