// The projector view: big, high-contrast text without sidebars, for a group
// watching a wall. On and off from a header button or ?view=projector /
// ?view=normal; remembered in this browser until switched off. The inline
// script in overrides/main.html applies the saved choice before first paint.

import { t } from "../words.js";

const KEY = "imr.view";
const ON = "projector";
const ATTRIBUTE = "data-imr-view";

export function isProjector() {
  return document.documentElement.getAttribute(ATTRIBUTE) === ON;
}

function remember(on) {
  try {
    if (on) window.localStorage.setItem(KEY, ON);
    else window.localStorage.removeItem(KEY);
  } catch (error) {
    // Without storage the view still switches; it is just not remembered.
  }
}

export function setProjector(on) {
  if (on) document.documentElement.setAttribute(ATTRIBUTE, ON);
  else document.documentElement.removeAttribute(ATTRIBUTE);
  remember(on);
  document.querySelectorAll("[data-imr-projector-toggle]").forEach((button) => {
    button.setAttribute("aria-pressed", String(on));
  });
}

// The header survives instant navigation, so the button is added once.
export function addProjectorToggle() {
  const header = document.querySelector(".md-header__inner");
  if (!header || header.querySelector("[data-imr-projector-toggle]")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button imr-projector-toggle";
  button.dataset.imrProjectorToggle = "";
  button.setAttribute("aria-pressed", String(isProjector()));
  button.title = t("Large text for a projector or a shared screen");
  const icon = document.querySelector("#imr-icon-projector");
  if (icon) button.append(icon.content.cloneNode(true));
  const label = document.createElement("span");
  label.className = "imr-projector-toggle__label";
  label.textContent = t("Projector view");
  button.append(label);
  button.addEventListener("click", () => setProjector(!isProjector()));
  const search = header.querySelector(".md-search") || header.querySelector("label[for=__search]");
  header.insertBefore(button, search || null);
}
