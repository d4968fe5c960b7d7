// Present mode: a page shown one section (a heading and what follows it) at a
// time, on as many slides as it needs, full screen, for a group. Moved with the
// keys presentation clickers send (arrows, Page Up/Down, space); Escape leaves.
// Practitioner notes are left out, and "Your turn" questions show as discussion
// prompts, never as boxes holding someone's saved answers. A page whose front
// matter says `present: steps` reveals the items of its numbered lists one at a
// time (counted within the slide), so a group can follow an exercise at its own
// pace.
//
// Nothing on the wall scrolls. When presentation opens, and again whenever the
// slide area changes size (full screen, a resized window), each section is laid
// out in the slide area and split where it overflows: between blocks first,
// then between the items of a list, the rows of a table (its header repeated)
// or the paragraphs of a quote or box. A diagram is scaled down instead. A
// slide that continues a section repeats its heading, marked "(continued)".
// A block too big even for a slide of its own gets smaller type (down to 75%).

import { setUpPacers } from "./pacer.js";
import { t } from "../words.js";

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]);
// Never on a group's wall: practitioner notes, page furniture, and what holds one
// person's answers (My answers' list and settings, the passphrase form).
const LEFT_OUT = ".practitioner, .imr-pager, .imr-page-actions, .headerlink, .ws-toolbar, .ws-status-area, script, [data-imr-my-answers], .ws-unlock";

function presentableSections(article) {
  const sections = [];
  let current = { nodes: [] };
  for (const node of article.children) {
    if (node.matches(LEFT_OUT)) continue;
    if (node.tagName === "H2") {
      if (current.nodes.length) sections.push(current);
      current = { nodes: [] };
    }
    current.nodes.push(node);
  }
  if (current.nodes.length) sections.push(current);
  return sections;
}

// A copy of a section for the wall: no ids (they would repeat the page's), no
// practitioner notes, fields turned into prompts.
function slideContent(section) {
  const fragment = document.createDocumentFragment();
  for (const node of section.nodes) {
    const copy = node.cloneNode(true);
    copy.querySelectorAll(LEFT_OUT).forEach((el) => el.remove());
    copy.querySelectorAll("[data-ws-sheet]").forEach(toPrompts);
    if (copy.matches("[data-ws-sheet]")) {
      fragment.append(toPrompts(copy));
      continue;
    }
    fragment.append(copy);
  }
  fragment.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
  fragment.querySelectorAll("[aria-labelledby], [aria-describedby], [for]").forEach((el) => {
    el.removeAttribute("aria-labelledby");
    el.removeAttribute("aria-describedby");
    el.removeAttribute("for");
  });
  return fragment;
}

function toPrompts(block) {
  const list = document.createElement("ol");
  list.className = "imr-prompts";
  block.querySelectorAll(".ws-field .ws-label").forEach((label) => {
    const item = document.createElement("li");
    item.textContent = label.textContent;
    list.append(item);
  });
  const wrapper = document.createElement("div");
  wrapper.className = "imr-prompts-box";
  const heading = document.createElement("p");
  heading.className = "imr-prompts-box__title";
  heading.textContent = t("Talk it over");
  wrapper.append(heading, list);
  if (block.parentNode) block.replaceWith(wrapper);
  return wrapper;
}

// ---- Fitting sections to the slide area

const MIN_DIAGRAM_SCALE = 0.6; // below this a diagram moves to a slide of its own
const MIN_TYPE_SIZE = 75; // per cent: the smallest type a block too big for any slide gets
const DRAWINGS = "svg.imr-dg, .imr-pacer__stage";
const PACER = "[data-imr-pacer]";
// Blocks that may be split between their children (a box or a sample dialogue
// keeps its title on each part), and lists inside a block split between their
// items: a table's rows (bare, or in the wrapper Material puts around it) and
// the questions of a "Talk it over" box.
const SPLIT_BETWEEN_CHILDREN = "ul, ol, blockquote, .admonition, .imr-dialogue, .imr-doors";
const KEPT_ON_EACH_PART = ".admonition-title, figcaption";
const SPLIT_INSIDE = ":scope > tbody, :scope > .md-typeset__table > table > tbody, :scope > ol.imr-prompts";

function fits(area) {
  return area.scrollHeight <= area.clientHeight;
}

function continued(heading) {
  const copy = heading.cloneNode(true);
  const mark = document.createElement("span");
  mark.className = "imr-present__continued";
  mark.textContent = t("(continued)");
  copy.append(" ", mark);
  return copy;
}

// The items a block may be split between: a list's items, a table's body rows,
// the questions of a "Talk it over" box.
function splitItems(block) {
  const holder = block.matches(SPLIT_BETWEEN_CHILDREN) ? block : block.querySelector(SPLIT_INSIDE);
  return holder ? [...holder.children].filter((item) => !item.matches(KEPT_ON_EACH_PART)) : [];
}

// Puts as many items of the block on the slide as fit (at least one on a slide
// that holds nothing else), leaving at least two of a longer list for the next
// slide; returns how many, 0 if none fit.
function fillItems(area, block, alone) {
  const part = block.cloneNode(true);
  const items = splitItems(part);
  const holder = items[0].parentNode;
  items.forEach((item) => item.remove());
  area.append(part);
  let count = 0;
  for (const item of items.slice(0, items.length > 3 ? -2 : -1)) {
    holder.append(item);
    if (!fits(area)) {
      item.remove();
      break;
    }
    count += 1;
  }
  if (!count && alone) holder.append(items[0]);
  if (!count && !alone) part.remove();
  return count || (alone ? 1 : 0);
}

// What is left of a list or table once its first `count` items are shown; an
// ordered list goes on counting where the last slide stopped.
function restOf(block, count) {
  const rest = block.cloneNode(true);
  const list = rest.matches("ol") ? rest : rest.querySelector("ol.imr-prompts");
  if (list) list.start = list.start + count;
  splitItems(rest).slice(0, count).forEach((item) => item.remove());
  return rest;
}

// Scales the block's drawings down until the slide fits; false when they would
// shrink below MIN_DIAGRAM_SCALE on a slide that could give them more room.
function shrinkDiagrams(area, block, alone) {
  const drawings = [...block.querySelectorAll(DRAWINGS)].filter((svg) => svg.getBoundingClientRect().height);
  const heights = drawings.map((svg) => svg.getBoundingClientRect().height);
  const total = heights.reduce((sum, height) => sum + height, 0);
  if (!total) return false;
  const scale = (total - (area.scrollHeight - area.clientHeight) - 1) / total;
  if (scale < MIN_DIAGRAM_SCALE && !alone) return false;
  drawings.forEach((svg, n) => (svg.style.maxHeight = `${Math.max(0, Math.floor(heights[n] * scale))}px`));
  if (fits(area) || alone) return fits(area);
  drawings.forEach((svg) => (svg.style.maxHeight = ""));
  return false;
}

// The last resort for a block too big for a slide of its own: smaller type.
function shrinkType(area) {
  for (let size = 95; size >= MIN_TYPE_SIZE && !fits(area); size -= 5) area.style.fontSize = `${size}%`;
  return area.style.fontSize;
}

// Lays one section out in the slide area and returns its slides: the nodes of
// each (pacers set up, drawings scaled), the type size if it had to shrink, and
// where each begins, so that the reader keeps their place when the page is
// laid out again at another size.
function fitSection(area, blocks, section) {
  const heading = blocks[0] && blocks[0].matches("h1, h2") ? blocks.shift() : null;
  const queue = blocks.map((node, block) => ({ node, block, item: 0 }));
  const slides = [];
  const begin = () => {
    area.style.fontSize = "";
    area.replaceChildren(...(heading ? [slides.length ? continued(heading) : heading] : []));
    const first = queue[0] || { block: 0, item: 0 };
    return { place: placeOf(section, first.block, first.item) };
  };
  const finish = () => {
    slide.fontSize = shrinkType(area);
    slide.nodes = [...area.children];
    slides.push(slide);
    slide = queue.length ? begin() : null;
  };
  let slide = begin();
  while (queue.length) {
    const piece = queue.shift();
    const alone = area.children.length === (heading ? 1 : 0);
    area.append(piece.node);
    if (piece.node.matches(PACER) || piece.node.querySelector(PACER)) setUpPacers(area);
    if (fits(area) || shrinkDiagrams(area, piece.node, alone)) continue;
    if (alone && splitItems(piece.node).length < 2) {
      finish(); // too big even alone: it keeps a slide of its own
      continue;
    }
    piece.node.remove();
    const count = splitItems(piece.node).length > 1 ? fillItems(area, piece.node, alone) : 0;
    if (count) queue.unshift({ ...piece, node: restOf(piece.node, count), item: piece.item + count });
    else queue.unshift(piece);
    finish();
  }
  if (slide) finish();
  return slides;
}

// Where a slide begins in the page (section, block, item of a list), as one
// number that grows through the page.
function placeOf(section, block, item) {
  return (section * 1000 + block) * 100000 + item;
}

// The slide that shows the place a reader was at: the last one beginning at or
// before it.
function slideFor(slides, place) {
  let found = 0;
  slides.forEach((slide, n) => {
    if (slide.place <= place) found = n;
  });
  return found;
}

export class Presentation {
  constructor(article, title, mode) {
    this.sections = presentableSections(article);
    this.title = title;
    this.stepByStep = mode === "steps";
    this.slides = [];
    this.index = 0;
    this.revealed = 0;
    this.returnFocus = document.activeElement;
    this.onKey = (event) => this.key(event);
    this.onFullscreen = () => {
      if (!document.fullscreenElement && this.wasFullscreen) this.close();
    };
    this.resized = new ResizeObserver(() => requestAnimationFrame(() => this.refit()));
  }

  open() {
    this.overlay = this.build();
    this.area = this.overlay.querySelector(".imr-present__slide");
    document.body.append(this.overlay);
    document.documentElement.classList.add("imr-presenting");
    document.addEventListener("keydown", this.onKey, true);
    document.addEventListener("fullscreenchange", this.onFullscreen);
    this.paginate();
    this.show(0);
    this.resized.observe(this.area);
    if (this.overlay.requestFullscreen) {
      this.overlay
        .requestFullscreen()
        .then(() => (this.wasFullscreen = true))
        .catch(() => {});
    }
    this.overlay.dispatchEvent(new CustomEvent("present:open", { bubbles: true }));
  }

  build() {
    const overlay = document.createElement("div");
    overlay.className = "imr-present md-typeset";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", t("Presenting: {title}", { title: this.title }));
    overlay.innerHTML = `
      <div class="imr-present__bar">
        <p class="imr-present__title"></p>
        <p class="imr-present__progress" aria-live="polite"></p>
      </div>
      <div class="imr-present__meter" aria-hidden="true"><span></span></div>
      <div class="imr-present__slide" tabindex="0"></div>
      <div class="imr-present__controls">
        <button type="button" class="ws-button" data-present="previous">${t("Previous")}</button>
        <button type="button" class="ws-button" data-present="next">${t("Next")}</button>
        <button type="button" class="ws-button ws-button--quiet" data-present="exit">${t("Exit (Esc)")}</button>
      </div>`;
    overlay.querySelector(".imr-present__title").textContent = this.title;
    overlay.querySelector("[data-present=previous]").addEventListener("click", () => this.previous());
    overlay.querySelector("[data-present=next]").addEventListener("click", () => this.next());
    overlay.querySelector("[data-present=exit]").addEventListener("click", () => this.close());
    return overlay;
  }

  // Splits every section into slides that fit the slide area as it is now. The
  // progress line is measured at its longest, so that it cannot wrap later.
  paginate() {
    this.overlay.querySelector(".imr-present__progress").textContent =
      t("Slide {slide} of {slides}, step {step} of {steps}", { slide: 888, slides: 888, step: 88, steps: 88 });
    this.slides = this.sections.flatMap((section, n) => fitSection(this.area, [...slideContent(section).children], n));
  }

  // Lays the sections out again after the slide area changed size, keeping the
  // reader on the content they were at.
  refit() {
    if (!this.overlay || this.area.clientWidth + "x" + this.area.clientHeight === this.size) return;
    const { place } = this.slides[this.index];
    const revealed = this.revealed;
    this.paginate();
    const index = slideFor(this.slides, place);
    this.show(index, this.slides[index].place === place ? revealed : 1);
  }

  steps(slide) {
    return this.stepByStep ? [...slide.querySelectorAll("ol:not(.imr-prompts) > li")] : [];
  }

  // Shows slide `index` with `revealed` steps (Infinity: all of them).
  show(index, revealed = 1) {
    this.index = Math.max(0, Math.min(index, this.slides.length - 1));
    const slide = this.area;
    slide.replaceChildren(...this.slides[this.index].nodes);
    slide.style.fontSize = this.slides[this.index].fontSize;
    this.revealed = Math.min(revealed, this.steps(slide).length);
    this.applySteps(slide);
    slide.scrollTop = 0;
    slide.focus({ preventScroll: true });
    this.size = slide.clientWidth + "x" + slide.clientHeight;
  }

  applySteps(slide) {
    const steps = this.steps(slide);
    steps.forEach((step, number) => {
      step.hidden = number >= this.revealed;
      step.classList.toggle("imr-present__current-step", number === this.revealed - 1);
    });
    const total = this.slides.length;
    const where = { slide: this.index + 1, slides: total, step: this.revealed, steps: steps.length };
    const progress = steps.length ? t("Slide {slide} of {slides}, step {step} of {steps}", where) : t("Slide {slide} of {slides}", where);
    this.overlay.querySelector(".imr-present__progress").textContent = progress;
    this.overlay.querySelector(".imr-present__meter span").style.width = `${((this.index + 1) / total) * 100}%`;
    this.overlay.querySelector("[data-present=previous]").disabled = this.index === 0 && this.revealed <= 1;
    this.overlay.querySelector("[data-present=next]").disabled =
      this.index === total - 1 && this.revealed >= steps.length;
  }

  next() {
    if (this.revealed < this.steps(this.area).length) {
      this.revealed += 1;
      this.applySteps(this.area);
    } else if (this.index < this.slides.length - 1) {
      this.show(this.index + 1);
    }
  }

  previous() {
    if (this.revealed > 1) {
      this.revealed -= 1;
      this.applySteps(this.area);
    } else if (this.index > 0) {
      this.show(this.index - 1, Infinity);
    }
  }

  key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onButton = event.target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter");
    if (event.key === "Escape") this.close();
    else if (onButton) return;
    else if (NEXT_KEYS.has(event.key)) this.next();
    else if (PREVIOUS_KEYS.has(event.key)) this.previous();
    else if (event.key === "Home") this.show(0);
    else if (event.key === "End") this.show(this.slides.length - 1, Infinity);
    else if (event.key === "Tab") return this.trapFocus(event);
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  trapFocus(event) {
    const focusable = [...this.overlay.querySelectorAll("button:not([disabled]), a[href]")];
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      last.focus();
      event.preventDefault();
    } else if (!event.shiftKey && document.activeElement === last) {
      first.focus();
      event.preventDefault();
    }
  }

  close() {
    if (!this.overlay) return;
    document.removeEventListener("keydown", this.onKey, true);
    document.removeEventListener("fullscreenchange", this.onFullscreen);
    this.resized.disconnect();
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    this.overlay.remove();
    this.overlay = null;
    document.documentElement.classList.remove("imr-presenting");
    if (this.returnFocus && this.returnFocus.focus) this.returnFocus.focus();
    document.dispatchEvent(new CustomEvent("present:close"));
  }
}
