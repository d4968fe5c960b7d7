// On the combined print page, one edition at a time, chosen on screen (the choice
// does not print) or opened directly with ?edition=:
//   manual      the practitioner manual: everything
//   workbook    the participant workbook: no practitioner guides, program guide,
//               planning sheets or "For practitioners" notes
//   worksheets  the participant worksheets only (blank in a browser with none saved)
//   module-03   one module's handout packet: its overview, topics, handouts and
//               worksheets, without practitioner material
// Each module's pages and worksheets, the topic numbers and the editions' titles come
// from curriculum.yml, as JSON that hooks/print_editions.py puts in the cover page.
// <html data-imr-edition="..."> says which edition is showing (`make pdf` waits for it).

import { t } from "../words.js";

// Practitioner guides and the program guide; planning worksheets are marked
// `for: practitioners` in curriculum.yml.
const PRACTITIONER_PAGES = ['[id$="-practitioner-guide"]', '[id^="program-guide"]'];
const LEFT_OUT = "imr-left-out";

function readPrintData() {
  const data = document.getElementById("imr-print-editions");
  return data ? JSON.parse(data.textContent) : { editions: [], modules: [], numbers: {} };
}

// The sections that hold one page each (the groups, such as "Modules", hold pages).
function pageSections() {
  return [...document.querySelectorAll("#print-site-page section.print-page[id]:not(.md-section)")];
}

function groupSections() {
  return [...document.querySelectorAll("#print-site-page section.print-page.md-section")];
}

function keepsPage(data, edition, module, section) {
  if (edition === "manual") return true;
  if (section.matches(PRACTITIONER_PAGES.join(", ")) || (data.practitionerWorksheets || []).includes(section.id)) return false;
  if (edition === "worksheets") return section.id.startsWith("worksheets-");
  if (module) return module.sections.includes(section.id) || module.worksheets.includes(section.id);
  return true;
}

function leaveOutPages(data, edition, module) {
  pageSections().forEach((section) => section.classList.toggle(LEFT_OUT, !keepsPage(data, edition, module, section)));
  groupSections().forEach((group) => {
    const kept = group.querySelector(`section.print-page[id]:not(.md-section):not(.${LEFT_OUT})`);
    group.classList.toggle(LEFT_OUT, !kept);
    const title = group.querySelector(":scope > h1");
    if (title) title.classList.toggle(LEFT_OUT, leavesOutGroupTitle(edition, module, group));
  });
}

// A group's title fills a page of its own. The cover already says it: the worksheets
// edition leaves out "Worksheets", a handout packet "Modules" and "3. The Stress...".
function leavesOutGroupTitle(edition, module, group) {
  if (edition === "worksheets") return true;
  return Boolean(module && group.querySelector(`#${CSS.escape(module.sections[0])}`));
}

function showCover(edition) {
  document.querySelectorAll("[data-imr-cover]").forEach((part) => (part.hidden = part.dataset.imrCover !== edition));
}

function contentsLinks() {
  return [...document.querySelectorAll("#print-page-toc a")];
}

// Material writes the contents' links as whole addresses, ?edition= included. Once
// the edition changes, they would no longer point into this page (in a saved PDF, they
// would open the site): keep only their fragments.
function linkContentsHere() {
  contentsLinks().forEach((link) => {
    if (link.hash) link.setAttribute("href", link.hash);
  });
}

function headingText(heading) {
  return [...heading.childNodes]
    .filter((node) => !(node.classList && node.classList.contains("headerlink")))
    .map((node) => node.textContent)
    .join("")
    .trim();
}

// "3.2" before the title of the second topic of Module 3, and the same words in the
// table of contents. Runs once: the numbers are the same in every edition.
function numberTopics(numbers) {
  Object.entries(numbers).forEach(([id, number]) => {
    const heading = document.querySelector(`#${CSS.escape(id)} > h1`);
    if (!heading || heading.querySelector(".imr-number")) return;
    const label = document.createElement("span");
    label.className = "imr-number";
    label.textContent = `${number} `;
    heading.prepend(label);
    const entry = contentsLinks().find((link) => link.hash === `#${id}`);
    if (entry) (entry.querySelector(".md-ellipsis") || entry).textContent = headingText(heading);
  });
}

// A group's own title, which styles/paper.css never shows (the group's overview page says it).
const GROUP_TITLE = "section.md-section > h1";

// Whether a page's or group's heading prints in this edition. Read from the classes
// rather than measured: measuring would make the browser lay out every page of the
// print page, which it otherwise does only near the window (styles/paper.css).
function printsHeading(heading) {
  return !heading.closest(`.${LEFT_OUT}`) && !heading.matches(GROUP_TITLE);
}

// Contents lists only what this edition prints; a group stays while it holds an entry
// (hence the reverse order: an entry's children before the entry).
function fitContents() {
  const items = [...document.querySelectorAll("#print-page-toc li")].reverse();
  items.forEach((item) => {
    const link = item.querySelector(":scope > a");
    const target = link && link.hash && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const heading = target && (target.querySelector(":scope > h1") || target);
    const shown = Boolean(heading && printsHeading(heading));
    if (link) link.classList.toggle(LEFT_OUT, !shown);
    const childShown = item.querySelector(`li:not(.${LEFT_OUT})`);
    item.classList.toggle(LEFT_OUT, !shown && !childShown);
  });
}

function editionChooser(data) {
  const chooser = document.createElement("fieldset");
  chooser.className = "imr-edition";
  chooser.innerHTML = `
    <legend>${t("Which edition do you want to print?")}</legend>
    <label><input type="radio" name="imr-edition" value="manual"> ${t("Practitioner manual: everything")}</label>
    <label><input type="radio" name="imr-edition" value="workbook"> ${t("Participant workbook: handouts and worksheets, no practitioner guides or notes")}</label>
    <label><input type="radio" name="imr-edition" value="worksheets"> ${t("Worksheets: every participant worksheet, on its own")}</label>
    <label><input type="radio" name="imr-edition" value="module"> ${t("One module's handout packet: its topics and worksheets, no practitioner notes")}</label>
    <label class="imr-edition__module">${t("Module for the handout packet")}
      <select name="imr-module"></select>
    </label>
    <p>${t("Then use your browser's Print command, or save as PDF. This choice does not print.")}</p>`;
  const select = chooser.querySelector("select");
  data.modules.forEach((module) => select.add(new Option(`${module.number}. ${module.title}`, module.edition)));
  return chooser;
}

function chosenEdition(chooser) {
  const checked = chooser.querySelector("input[name=imr-edition]:checked");
  if (!checked) return "manual";
  return checked.value === "module" ? chooser.querySelector("select").value : checked.value;
}

function knownEdition(data, asked) {
  return data.editions.some((edition) => edition.id === asked) ? asked : "manual";
}

function setEdition(data, chooser, edition) {
  const about = data.editions.find((each) => each.id === edition) || { documentTitle: document.title };
  const module = data.modules.find((each) => each.edition === edition) || null;
  const root = document.documentElement;
  root.classList.toggle("imr-workbook", edition !== "manual");
  leaveOutPages(data, edition, module);
  showCover(edition);
  fitContents();
  document.title = about.documentTitle;
  chooser.querySelectorAll("input[name=imr-edition]").forEach((input) => {
    input.checked = input.value === (module ? "module" : edition);
  });
  if (module) chooser.querySelector("select").value = edition;
  root.dataset.imrEdition = edition;
}

function rememberInAddress(edition) {
  const url = new URL(window.location.href);
  url.searchParams.set("edition", edition);
  window.history.replaceState(null, "", url);
}

export function setUpEditionChoice() {
  const page = document.getElementById("print-site-page");
  if (!page || document.querySelector(".imr-edition")) return;
  const choose = () => {
    const data = readPrintData();
    linkContentsHere();
    numberTopics(data.numbers);
    const chooser = editionChooser(data);
    chooser.addEventListener("change", (event) => {
      if (event.target.name === "imr-module") chooser.querySelector("input[value=module]").checked = true;
      const edition = chosenEdition(chooser);
      setEdition(data, chooser, edition);
      rememberInAddress(edition);
    });
    page.before(chooser);
    setEdition(data, chooser, knownEdition(data, new URLSearchParams(window.location.search).get("edition")));
  };
  if (document.readyState === "complete") choose();
  else window.addEventListener("load", choose, { once: true });
}
