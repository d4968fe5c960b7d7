// A table wider than its box (a phone, the projector view's larger text, a
// worksheet's check-ins) scrolls sideways inside the box; keyboard users must be
// able to reach the box to scroll it. A table that fits again is no extra stop.
// Used by views.js for the tables of every page, and by answers/history.js for
// the tables it draws.

const BOX = ".md-typeset__scrollwrap, .ws-table-scroll";

// Measure every box first, then change attributes: measuring after a change would
// make the browser lay the page out again, table after table.
export function letWideTablesScrollByKeyboard(boxes) {
  const wideness = boxes.map((box) => box.scrollWidth > box.clientWidth);
  boxes.forEach((box, index) => {
    const wide = wideness[index];
    if (wide && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.dataset.imrScrollsByKeyboard = "";
    } else if (!wide && box.dataset.imrScrollsByKeyboard !== undefined) {
      box.removeAttribute("tabindex");
      delete box.dataset.imrScrollsByKeyboard;
    }
  });
}

// An observer that checks each observed box (or the box around an observed table)
// again whenever it changes size: a phone turned, a window narrowed, the
// projector view switched on, a page of the print page laid out as it comes near.
export function tableSizeWatcher() {
  return new ResizeObserver((changes) => {
    const boxes = new Set(changes.map((change) => change.target.closest(BOX)));
    letWideTablesScrollByKeyboard([...boxes].filter(Boolean));
  });
}
