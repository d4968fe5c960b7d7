// Check-ins and reviews ([data-ws-history]): a person saves today's ratings as
// one row, and sees every saved row as a table and a small chart over time of
// each row's total (or, with measure: mean, the mean of the items rated).
// The rows are kept as the field's value (a list of rows of text), so they are
// backed up, restored and erased like every other answer. Drawn with DOM and
// inline SVG; no chart library, nothing from elsewhere.

import { tableSizeWatcher } from "../wide-tables.js";
import { t } from "../words.js";

const SVG = "http://www.w3.org/2000/svg";

export function isHistory(el) {
  return el && el.dataset && el.dataset.wsHistory !== undefined;
}

export function readHistory(el) {
  try {
    const rows = JSON.parse(el.dataset.value || "[]");
    return Array.isArray(rows) ? rows : [];
  } catch (error) {
    return [];
  }
}

export function writeHistory(el, rows, binding) {
  el.dataset.value = JSON.stringify(Array.isArray(rows) ? rows : []);
  renderHistory(el, binding);
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function legendOf(binding, name) {
  const control = binding.controls(name)[0];
  const legend = control && control.closest("fieldset") && control.closest("fieldset").querySelector("legend");
  return legend ? legend.textContent.trim() : name;
}

// Today's ratings, as one row: [date, rating, rating, ...].
export function currentRow(el, binding) {
  const names = el.dataset.wsSum.split(" ");
  const dateName = el.dataset.wsDate;
  const dateControl = dateName ? binding.controls(dateName)[0] : null;
  const date = (dateControl && dateControl.value) || new Date().toISOString().slice(0, 10);
  return [date, ...names.map((name) => {
    const checked = binding.controls(name).find((c) => c.checked);
    return checked ? checked.value : "";
  })];
}

// How one saved row is summed up: the total of its ratings, or (measure: mean)
// the mean of the items rated, to one decimal place.
function measureOf(el) {
  return el.dataset.wsMeasure === "mean" ? "mean" : "total";
}

function summary(row, measure) {
  const rated = row.slice(1).filter((value) => value !== "" && !Number.isNaN(Number(value)));
  const sum = rated.reduce((total, value) => total + Number(value), 0);
  if (measure === "total") return sum;
  return rated.length ? Math.round((sum / rated.length) * 10) / 10 : 0;
}

// As the sheet's own score shows it: a mean always with one decimal place.
function shown(value, measure) {
  return measure === "mean" ? value.toFixed(1) : String(value);
}

// The highest a row's summary can be, from the rating buttons on the page.
function highestOf(el, binding, names) {
  const tops = names.map((name) => Math.max(0, ...binding.controls(name).map((c) => Number(c.value) || 0)));
  return measureOf(el) === "mean" ? Math.max(...tops) : tops.reduce((a, b) => a + b, 0);
}

function headingsOf(el, binding, names) {
  const given = el.dataset.wsColumns;
  return given ? given.split("|") : names.map((name) => legendOf(binding, name));
}

export function renderHistory(el, binding) {
  const names = el.dataset.wsSum.split(" ");
  const entry = el.dataset.wsEntry || "check-in";
  const measure = measureOf(el);
  const rows = readHistory(el);
  const label = el.querySelector(".ws-label");
  const hint = el.querySelector(":scope > .ws-hint:not([data-ws-none])");
  const save = document.createElement("button");
  save.type = "button";
  save.className = "ws-button";
  save.textContent = t("Save today's {entry}", { entry });
  save.addEventListener("click", () => binding.addCheckIn(el));
  const parts = hint ? [label, hint] : [label];
  if (rows.length === 0) {
    const none = document.createElement("p");
    none.className = "ws-hint";
    none.dataset.wsNone = "";
    none.textContent = t("No {entry}s saved yet. Make your ratings above, then save today's {entry}.", { entry });
    parts.push(none);
  } else {
    const highest = highestOf(el, binding, names);
    parts.push(chart(rows, highest, measure, entry), table(rows, measure, headingsOf(el, binding, names)));
  }
  parts.push(save);
  el.toggleAttribute("data-ws-empty", rows.length === 0);
  el.replaceChildren(...parts);
}

function chart(rows, highest, measure, entry) {
  const width = 600;
  const height = 220;
  const left = 50;
  const bottom = 190;
  const top = 20;
  const step = rows.length > 1 ? (width - left - 30) / (rows.length - 1) : 0;
  const y = (value) => bottom - ((bottom - top) * value) / highest;
  const figure = document.createElement("figure");
  figure.className = "ws-history__chart";
  const values = rows.map((row) => summary(row, measure));
  const name = measure === "mean" ? t("Mean rating") : t("Total score");
  const points = rows.map((r, i) => `${r[0]}, ${shown(values[i], measure)}`).join("; ");
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("{name} over time: {points}.", { name, points }) });
  for (const value of [0, highest / 2, highest]) {
    picture.append(svg("line", { x1: left, x2: width - 20, y1: y(value), y2: y(value), class: "ws-history__grid" }));
    picture.append(svg("text", { x: left - 8, y: y(value) + 5, "text-anchor": "end" }, String(value)));
  }
  const line = values.map((value, i) => `${left + 10 + i * step},${y(value)}`).join(" ");
  picture.append(svg("polyline", { points: line, class: "ws-history__line" }));
  values.forEach((value, i) => {
    const dot = svg("circle", { cx: left + 10 + i * step, cy: y(value), r: 6, class: "ws-history__dot" });
    dot.append(svg("title", {}, `${rows[i][0]}: ${shown(value, measure)}`));
    picture.append(dot);
    picture.append(svg("text", { x: left + 10 + i * step, y: height - 6, "text-anchor": "middle" }, rows[i][0].slice(5)));
  });
  const caption = document.createElement("figcaption");
  caption.textContent = measure === "mean"
    ? t("Mean of the items rated at each {entry} (highest possible: {highest}).", { entry, highest })
    : t("Total of all ratings at each {entry} (highest possible: {highest}).", { entry, highest });
  figure.append(picture, caption);
  return figure;
}

// A table of many ratings is wider than a phone: its box becomes a keyboard stop
// while it is too wide, as every table's does (../wide-tables.js).
const tablesThatChangedSize = tableSizeWatcher();

function table(rows, measure, labels) {
  const wrapper = document.createElement("div");
  wrapper.className = "ws-table-scroll";
  tablesThatChangedSize.observe(wrapper);
  const element = document.createElement("table");
  const head = element.createTHead().insertRow();
  for (const text of [t("Date"), measure === "mean" ? t("Mean") : t("Total"), ...labels]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    const cells = [row[0], shown(summary(row, measure), measure), ...row.slice(1)];
    for (const text of cells) tr.insertCell().textContent = text === "" ? "-" : text;
  }
  wrapper.append(element);
  return wrapper;
}
