// Entry point for the views: the projector toggle in the header, and the page
// actions (Present, Print) above each page's content. Set up per page on
// Material's document$ (instant navigation), subscribing only once. Present
// mode, the breathing pacer and the print page's edition choice are loaded only
// on the pages, or at the moment, that need them.

import { addProjectorToggle } from "./views/projector.js";
import { onEveryPage } from "./on-every-page.js";
import { t } from "./words.js";

let presentation = null;

// Material's search panel is a dialog without a name; give it one.
function nameSearchDialog() {
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", t("Search this site"));
}

// Material scrolls the left navigation to show the current page, which can leave
// the link at the top cut in half: too small a target to tap (WCAG 2.2 target
// size). Scroll back just enough to show it whole (styles/palette.css keeps the section
// title there from sticking over it).
function uncoverTopNavLink() {
  const wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
  if (!wrap || wrap.scrollTop === 0) return;
  const top = wrap.getBoundingClientRect().top;
  const cut = [...wrap.querySelectorAll(".md-nav__link")]
    .map((link) => link.getBoundingClientRect())
    .find((box) => box.height && box.bottom > top);
  if (cut && cut.top < top) wrap.scrollTop -= Math.ceil(top - cut.top);
}

// Each page's tables are checked when it opens and again whenever one changes
// size. On the print page the browser lays out only the pages near the window
// (paper.css), so its tables are checked as they are laid out, not all at once.
// The code comes with the first page that has a table (most topic pages have none).
let wideTables = null;

async function watchTables(article) {
  if (wideTables) wideTables.watcher.disconnect();
  const wraps = [...article.querySelectorAll(".md-typeset__scrollwrap")];
  if (wraps.length === 0) return;
  if (!wideTables) {
    const code = await import("./wide-tables.js");
    wideTables = { ...code, watcher: code.tableSizeWatcher() };
  }
  if (!article.isConnected) return;
  for (const wrap of wraps) {
    wideTables.watcher.observe(wrap);
    if (wrap.firstElementChild) wideTables.watcher.observe(wrap.firstElementChild);
  }
  if (!article.querySelector("#print-site-page")) wideTables.letWideTablesScrollByKeyboard(wraps);
}

function setUpPage() {
  requestAnimationFrame(uncoverTopNavLink);
  if (presentation) presentation.close();
  presentation = null;
  addProjectorToggle();
  nameSearchDialog();
  if (document.getElementById("print-site-page")) {
    import("./views/edition.js").then(({ setUpEditionChoice }) => setUpEditionChoice());
  }
  const article = document.querySelector("article.md-content__inner");
  if (!article) return;
  watchTables(article);
  if (article.querySelector("[data-imr-pacer]")) {
    import("./views/pacer.js").then(({ setUpPacers }) => setUpPacers(article));
  }
  const present = article.querySelector("[data-imr-action=present]");
  // The build shows Present on pages with sections; a page whose sections all sit
  // inside other blocks has nothing to step through.
  if (present && !article.querySelector(":scope > h2")) present.hidden = true;
  else if (present) {
    present.removeAttribute("data-imr-pending");
    present.addEventListener("click", async () => {
      const { Presentation } = await import("./views/present.js");
      const heading = article.querySelector("h1");
      const title = heading ? heading.firstChild.textContent.trim() : document.title;
      presentation = new Presentation(article, title, present.dataset.imrPresentMode);
      presentation.open();
    });
  }
  const print = article.querySelector("[data-imr-action=print]");
  if (print) {
    print.removeAttribute("data-imr-pending");
    print.addEventListener("click", () => window.print());
  }
}

onEveryPage("__imrViewsStarted", setUpPage);
