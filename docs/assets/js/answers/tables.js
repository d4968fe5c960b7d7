// Tables of a sheet (rows of text, with "Add a row"): read, written and grown.
// Loaded by page.js only on pages that have one.

import { t } from "../words.js";

export function addRowButtons(blocks) {
  for (const block of blocks) {
    block.querySelectorAll("[data-ws-table]").forEach((wrapper) => {
      if (wrapper.querySelector(".ws-add-row")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ws-button ws-add-row";
      button.textContent = t("Add a row");
      button.addEventListener("click", () => {
        const input = addRow(wrapper);
        input.focus();
      });
      wrapper.append(button);
    });
  }
}

export function readTable(controls) {
  const rows = [];
  for (const input of controls) {
    const row = Number(input.dataset.wsRow);
    const col = Number(input.dataset.wsCol);
    rows[row] = rows[row] || [];
    rows[row][col] = input.value;
  }
  return rows.map((row) => Array.from(row, (cell) => cell || ""));
}

export function writeTable(wrapper, rows) {
  const body = wrapper.querySelector("tbody");
  while (body.rows.length < rows.length) addRow(wrapper);
  [...body.rows].forEach((tr, r) => {
    [...tr.querySelectorAll("input")].forEach((input, c) => {
      const cell = rows[r] && rows[r][c];
      input.value = typeof cell === "string" ? cell : "";
    });
  });
}

// Copies the last row, empty, with ids, names and labels for its new number.
function addRow(wrapper) {
  const body = wrapper.querySelector("tbody");
  const last = body.rows[body.rows.length - 1];
  const row = last.cloneNode(true);
  const number = body.rows.length;
  row.querySelectorAll("[data-ws-print-value]").forEach((cell) => cell.removeAttribute("data-ws-print-value"));
  row.querySelectorAll("input").forEach((input) => {
    input.value = "";
    input.dataset.wsRow = String(number);
    for (const attribute of ["id", "name"]) {
      const old = input.getAttribute(attribute);
      if (old) input.setAttribute(attribute, old.replace(/-r\d+c(\d+)/, `-r${number + 1}c$1`));
    }
    const label = input.getAttribute("aria-label") || "";
    // "Column, row 3" (hooks/worksheets.py, in the page's language): the row's number is the last one.
    input.setAttribute("aria-label", label.replace(/\d+(\D*)$/, `${number + 1}$1`));
  });
  body.append(row);
  return row.querySelector("input");
}
