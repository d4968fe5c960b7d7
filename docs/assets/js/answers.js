// Entry point for saving answers. Material's instant navigation swaps pages
// without reloading, so set up on every document$ emission (not on
// DOMContentLoaded), tear down the previous page's bindings first, and
// subscribe only once however often this module is evaluated. The My answers
// page's code is loaded only on that page.

import { setUpFields } from "./answers/page.js";
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

async function setUpPage() {
  tearDown();
  tearDown = () => {};
  const thisVisit = ++visit;
  const isCurrent = () => thisVisit === visit; // false once the reader has moved on
  const fieldsTearDown = await setUpFields(document, isCurrent);
  if (isCurrent()) tearDown = fieldsTearDown;
  else fieldsTearDown();
  if (document.querySelector("[data-imr-my-answers]")) {
    const { setUpMyAnswers } = await import("./answers/my-answers.js");
    if (isCurrent()) setUpMyAnswers(document, SITE_BASE);
  }
}

onEveryPage("__imrAnswersStarted", setUpPage);
