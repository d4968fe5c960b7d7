// Totals of ratings ([data-ws-score], the fidelity self-check): worked out from the
// fields each time one changes, never stored. Loaded by page.js only on a page
// that has a score.

import { t } from "../words.js";

export function updateScores(binding) {
  for (const block of binding.blocks) {
    block.querySelectorAll("[data-ws-score]").forEach((score) => {
      const names = score.dataset.wsSum.split(" ");
      const rated = names
        .map((name) => ({ name, value: binding.valueOf(name), controls: binding.controls(name) }))
        .filter((item) => item.value !== "" && !Number.isNaN(Number(item.value)));
      const total = rated.reduce((sum, item) => sum + Number(item.value), 0);
      const highest = Math.max(...names.map((name) => Math.max(...binding.controls(name).map((c) => Number(c.value) || 0))));
      score.querySelector("output").textContent = scoreText(score, total, highest, rated.length, names.length);
      score.toggleAttribute("data-ws-rated", rated.length > 0);
      const below = score.querySelector("[data-ws-score-below]");
      if (!below) return;
      const limit = Number(below.dataset.wsScoreBelow);
      const list = below.querySelector("ul");
      list.replaceChildren(
        ...rated
          .filter((item) => Number(item.value) < limit)
          .map((item) => {
            const li = document.createElement("li");
            const legend = item.controls[0].closest("fieldset").querySelector("legend");
            li.textContent = `${legend ? legend.textContent : item.name}: ${item.value}`;
            return li;
          })
      );
      below.hidden = list.children.length === 0;
    });
  }
}

// What a score says. With `bands` (a list of [lowest mean, name], highest first)
// it gives the mean of the rated items to one decimal, and names the band only
// once every item is rated: a mean of a few items is not a verdict (review R-A1).
function scoreText(score, total, highest, count, all) {
  if (count === 0) return t("Not rated yet");
  if (count < all) {
    const values = { total, count, all, mean: mean(total, count) };
    if (!score.dataset.wsBands) return t("{total} so far ({count} of {all} items rated)", values);
    return t("{total} so far ({count} of {all} items rated). Mean so far {mean}. The band shows when all {all} items are rated.", values);
  }
  const values = { total, most: highest * all, all, mean: mean(total, count) };
  if (!score.dataset.wsBands) return t("{total} out of {most} ({all} of {all} items rated)", values);
  const band = JSON.parse(score.dataset.wsBands).find(([lowest]) => Number(values.mean) >= lowest);
  return band
    ? t("{total} out of {most} ({all} of {all} items rated). Mean {mean}: {band}", { ...values, band: band[1] })
    : t("{total} out of {most} ({all} of {all} items rated). Mean {mean}", values);
}

function mean(total, count) {
  return (Math.round((total / count) * 10) / 10).toFixed(1);
}
