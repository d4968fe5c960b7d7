// On the combined print page: a choice (on screen only) between the practitioner
// manual (everything) and the participant workbook (handouts, handouts 2A-2E and
// worksheets; no practitioner guides, program guide, planning sheets or notes).
// ?edition=workbook opens the workbook directly, for bookmarks and `make pdf`;
// ?edition=worksheets keeps only the worksheets (blank in a browser with none saved).

const PRACTITIONER_ONLY = [
  'section.print-page[id$="-practitioner-guide"]',
  'section.print-page[id^="program-guide"]',
  "section.print-page#worksheets-session-plan",
  "section.print-page#worksheets-fidelity-self-check",
].join(", ");

function markPractitionerOnly(root) {
  root.querySelectorAll(PRACTITIONER_ONLY).forEach((el) => el.classList.add("imr-practitioner-only"));
  // A group (such as "Program guide") whose pages are all practitioner-only.
  root.querySelectorAll("section.md-section").forEach((group) => {
    const pages = [...group.querySelectorAll(":scope > section.print-page")];
    if (pages.length && pages.every((page) => page.classList.contains("imr-practitioner-only"))) {
      group.classList.add("imr-practitioner-only");
    }
  });
  // Their entries in the table of contents.
  root.querySelectorAll("#print-page-toc a[href^='#']").forEach((link) => {
    const target = root.getElementById ? root.getElementById(link.hash.slice(1)) : document.getElementById(link.hash.slice(1));
    if (target && target.closest(".imr-practitioner-only")) link.closest("li").classList.add("imr-practitioner-only");
  });
}

function setEdition(edition) {
  document.documentElement.classList.toggle("imr-workbook", edition === "workbook" || edition === "worksheets");
  document.documentElement.classList.toggle("imr-worksheets-only", edition === "worksheets");
  document.querySelectorAll("input[name=imr-edition]").forEach((input) => (input.checked = input.value === edition));
}

export function setUpEditionChoice() {
  const page = document.getElementById("print-site-page");
  if (!page || document.querySelector(".imr-edition")) return;
  const choose = () => {
    markPractitionerOnly(document);
    const chooser = document.createElement("fieldset");
    chooser.className = "imr-edition";
    chooser.innerHTML = `
      <legend>Which edition do you want to print?</legend>
      <label><input type="radio" name="imr-edition" value="manual"> Practitioner manual: everything</label>
      <label><input type="radio" name="imr-edition" value="workbook"> Participant workbook: handouts and worksheets, no practitioner guides or notes</label>
      <p>Then use your browser's Print command, or save as PDF. This choice does not print.</p>`;
    chooser.addEventListener("change", (event) => {
      setEdition(event.target.value);
      const url = new URL(window.location.href);
      url.searchParams.set("edition", event.target.value);
      window.history.replaceState(null, "", url);
    });
    page.before(chooser);
    const asked = new URLSearchParams(window.location.search).get("edition");
    setEdition(["workbook", "worksheets"].includes(asked) ? asked : "manual");
  };
  if (document.readyState === "complete") choose();
  else window.addEventListener("load", choose, { once: true });
}
