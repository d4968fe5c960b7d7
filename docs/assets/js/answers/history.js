// Check-ins ([data-ws-history]): a person saves today's ratings as one row, and
// sees every saved row as a table and a small chart of the totals over time.
// The rows are kept as the field's value (a list of rows of text), so they are
// backed up, restored and erased like every other answer. Drawn with DOM and
// inline SVG; no chart library, nothing from elsewhere.

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

export function renderHistory(el, binding) {
  const names = el.dataset.wsSum.split(" ");
  const rows = readHistory(el);
  const label = el.querySelector(".ws-label");
  const save = document.createElement("button");
  save.type = "button";
  save.className = "ws-button";
  save.textContent = "Save today's check-in";
  save.addEventListener("click", () => binding.addCheckIn(el));
  const parts = [label];
  if (rows.length === 0) {
    const none = document.createElement("p");
    none.className = "ws-hint";
    none.textContent = "No check-ins saved yet. Rate each area above, then save today's check-in.";
    parts.push(none);
  } else {
    parts.push(chart(rows, names.length * 4), table(rows, names.map((n) => legendOf(binding, n))));
  }
  parts.push(save);
  el.replaceChildren(...parts);
}

function total(row) {
  return row.slice(1).reduce((sum, value) => sum + (Number(value) || 0), 0);
}

function chart(rows, highest) {
  const width = 600;
  const height = 220;
  const left = 50;
  const bottom = 190;
  const top = 20;
  const step = rows.length > 1 ? (width - left - 30) / (rows.length - 1) : 0;
  const y = (value) => bottom - ((bottom - top) * value) / highest;
  const figure = document.createElement("figure");
  figure.className = "ws-history__chart";
  const totals = rows.map(total);
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Total scores over time: ${rows.map((r, i) => `${r[0]}, ${totals[i]}`).join("; ")}.` });
  for (const value of [0, highest / 2, highest]) {
    picture.append(svg("line", { x1: left, x2: width - 20, y1: y(value), y2: y(value), class: "ws-history__grid" }));
    picture.append(svg("text", { x: left - 8, y: y(value) + 5, "text-anchor": "end" }, String(value)));
  }
  const points = totals.map((value, i) => `${left + 10 + i * step},${y(value)}`).join(" ");
  picture.append(svg("polyline", { points, class: "ws-history__line" }));
  totals.forEach((value, i) => {
    const dot = svg("circle", { cx: left + 10 + i * step, cy: y(value), r: 6, class: "ws-history__dot" });
    dot.append(svg("title", {}, `${rows[i][0]}: ${value}`));
    picture.append(dot);
    picture.append(svg("text", { x: left + 10 + i * step, y: height - 6, "text-anchor": "middle" }, rows[i][0].slice(5)));
  });
  const caption = document.createElement("figcaption");
  caption.textContent = `Total of all areas at each check-in (highest possible: ${highest}).`;
  figure.append(picture, caption);
  return figure;
}

function table(rows, labels) {
  const wrapper = document.createElement("div");
  wrapper.className = "ws-table-scroll";
  const element = document.createElement("table");
  const head = element.createTHead().insertRow();
  for (const text of ["Date", "Total", ...labels]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    const cells = [row[0], String(total(row)), ...row.slice(1)];
    for (const text of cells) tr.insertCell().textContent = text === "" ? "-" : text;
  }
  wrapper.append(element);
  return wrapper;
}
