// Entry point for saving answers. Material's instant navigation swaps pages
// without reloading, so set up on every document$ emission (not on
// DOMContentLoaded), tear down the previous page's bindings first, and
// subscribe only once however often this module is evaluated.

import { setUpFields } from "./answers/page.js";
import { onEveryPage } from "./on-every-page.js";
import { setUpMyAnswers } from "./answers/my-answers.js";

function siteBase() {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(base.endsWith("/") ? base : base + "/", window.location.href);
}

// Material's config gives the site root relative to the first page loaded;
// resolve it once, before instant navigation moves on.
const SITE_BASE = siteBase();
let tearDown = () => {};

function setUpPage() {
  tearDown();
  tearDown = setUpFields(document, SITE_BASE);
  setUpMyAnswers(document, SITE_BASE);
}

onEveryPage("__imrAnswersStarted", setUpPage);
