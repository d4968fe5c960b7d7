// "Copy as text": a worksheet as a plain-text note (a session plan becomes a
// progress note for the agency's record), put on the clipboard. Nothing leaves
// the browser: the text goes only where the person pastes it.

function fieldValue(field) {
  const table = field.querySelector("table");
  if (table) {
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    return [...table.querySelectorAll("tbody tr")]
      .map((row) => [...row.querySelectorAll("input")].map((input, col) => [headers[col], input.value.trim()]))
      .filter((cells) => cells.some(([, value]) => value))
      .map((cells) => "- " + cells.filter(([, value]) => value).map(([name, value]) => `${name}: ${value}`).join("; "))
      .join("\n");
  }
  const output = field.querySelector("output");
  if (output) return output.textContent.trim();
  const choices = [...field.querySelectorAll("input[type=checkbox], input[type=radio]")];
  if (choices.length) {
    const other = field.querySelector(".ws-other input[type=text]");
    const picked = choices.filter((c) => c.checked).map((c) => c.value);
    if (other && other.value.trim()) picked.push(other.value.trim());
    return picked.join("; ");
  }
  const text = field.querySelector("textarea, input[type=text], input[type=date]");
  return text ? text.value.trim() : "";
}

export function sheetAsText(blocks) {
  const heading = document.querySelector("article h1");
  const lines = [heading ? heading.firstChild.textContent.trim() : document.title, ""];
  for (const block of blocks) {
    for (const field of block.querySelectorAll(".ws-field")) {
      const label = field.querySelector(".ws-label");
      const value = fieldValue(field);
      if (!label || !value) continue;
      const name = label.textContent.trim();
      lines.push(value.includes("\n") ? `${name}:\n${value}` : `${name}: ${value}`);
    }
  }
  return lines.join("\n") + "\n";
}
