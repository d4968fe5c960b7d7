// Entry point for the views: the projector toggle in the header, and the page
// actions (Present, Print) above each page's content. Set up per page on
// Material's document$ (instant navigation), subscribing only once.

import { addProjectorToggle } from "./views/projector.js";
import { onEveryPage } from "./on-every-page.js";
import { Presentation, presentableSections } from "./views/present.js";
import { setUpPacers } from "./views/pacer.js";
import { setUpEditionChoice } from "./views/edition.js";

let presentation = null;

// Material's search panel is a dialog without a name; give it one.
function nameSearchDialog() {
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search this site");
}

function setUpPage() {
  if (presentation) presentation.close();
  presentation = null;
  addProjectorToggle();
  nameSearchDialog();
  setUpEditionChoice();
  const article = document.querySelector("article.md-content__inner");
  if (!article) return;
  setUpPacers(article);
  const present = article.querySelector("[data-imr-action=present]");
  if (present && presentableSections(article).length > 1) {
    present.hidden = false;
    present.addEventListener("click", () => {
      const heading = article.querySelector("h1");
      const title = heading ? heading.firstChild.textContent.trim() : document.title;
      presentation = new Presentation(article, title, present.dataset.imrPresentMode);
      presentation.open();
    });
  }
  const print = article.querySelector("[data-imr-action=print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", () => window.print());
  }
}

onEveryPage("__imrViewsStarted", setUpPage);
