// Present mode: a page shown one section (a heading and what follows it) at a
// time, full screen, for a group. Moved with the keys presentation clickers send
// (arrows, Page Up/Down, space); Escape leaves. Practitioner notes are left
// out, and "Your turn" questions show as discussion prompts, never as boxes
// holding someone's saved answers. A page whose front matter says
// `present: steps` reveals the items of its numbered lists one at a time, so a
// group can follow an exercise at its own pace.

import { setUpPacers } from "./pacer.js";

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]);
const LEFT_OUT = ".practitioner, .imr-pager, .imr-page-actions, .headerlink, .ws-toolbar, .ws-status-area, script";

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
  heading.textContent = "Talk it over";
  wrapper.append(heading, list);
  if (block.parentNode) block.replaceWith(wrapper);
  return wrapper;
}

export class Presentation {
  constructor(article, title, mode) {
    this.sections = presentableSections(article);
    this.title = title;
    this.stepByStep = mode === "steps";
    this.index = 0;
    this.revealed = 0;
    this.returnFocus = document.activeElement;
    this.onKey = (event) => this.key(event);
    this.onFullscreen = () => {
      if (!document.fullscreenElement && this.wasFullscreen) this.close();
    };
  }

  open() {
    this.overlay = this.build();
    document.body.append(this.overlay);
    document.documentElement.classList.add("imr-presenting");
    document.addEventListener("keydown", this.onKey, true);
    document.addEventListener("fullscreenchange", this.onFullscreen);
    this.show(0);
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
    overlay.setAttribute("aria-label", `Presenting: ${this.title}`);
    overlay.innerHTML = `
      <div class="imr-present__bar">
        <p class="imr-present__title"></p>
        <p class="imr-present__progress" aria-live="polite"></p>
      </div>
      <div class="imr-present__meter" aria-hidden="true"><span></span></div>
      <div class="imr-present__slide" tabindex="0"></div>
      <div class="imr-present__controls">
        <button type="button" class="ws-button" data-present="previous">Previous</button>
        <button type="button" class="ws-button" data-present="next">Next</button>
        <button type="button" class="ws-button ws-button--quiet" data-present="exit">Exit (Esc)</button>
      </div>`;
    overlay.querySelector(".imr-present__title").textContent = this.title;
    overlay.querySelector("[data-present=previous]").addEventListener("click", () => this.previous());
    overlay.querySelector("[data-present=next]").addEventListener("click", () => this.next());
    overlay.querySelector("[data-present=exit]").addEventListener("click", () => this.close());
    return overlay;
  }

  steps(slide) {
    return this.stepByStep ? [...slide.querySelectorAll("ol:not(.imr-prompts) > li")] : [];
  }

  show(index, revealAll = false) {
    this.index = Math.max(0, Math.min(index, this.sections.length - 1));
    const slide = this.overlay.querySelector(".imr-present__slide");
    slide.replaceChildren(slideContent(this.sections[this.index]));
    setUpPacers(slide);
    const steps = this.steps(slide);
    this.revealed = revealAll ? steps.length : Math.min(1, steps.length);
    this.applySteps(slide);
    slide.scrollTop = 0;
    slide.focus({ preventScroll: true });
  }

  applySteps(slide) {
    const steps = this.steps(slide);
    steps.forEach((step, number) => {
      step.hidden = number >= this.revealed;
      step.classList.toggle("imr-present__current-step", number === this.revealed - 1);
    });
    const total = this.sections.length;
    let progress = `Section ${this.index + 1} of ${total}`;
    if (steps.length) progress += `, step ${this.revealed} of ${steps.length}`;
    this.overlay.querySelector(".imr-present__progress").textContent = progress;
    this.overlay.querySelector(".imr-present__meter span").style.width = `${((this.index + 1) / total) * 100}%`;
    this.overlay.querySelector("[data-present=previous]").disabled = this.index === 0 && this.revealed <= 1;
    this.overlay.querySelector("[data-present=next]").disabled =
      this.index === total - 1 && this.revealed >= steps.length;
  }

  next() {
    const slide = this.overlay.querySelector(".imr-present__slide");
    if (this.revealed < this.steps(slide).length) {
      this.revealed += 1;
      this.applySteps(slide);
    } else if (this.index < this.sections.length - 1) {
      this.show(this.index + 1);
    }
  }

  previous() {
    const slide = this.overlay.querySelector(".imr-present__slide");
    if (this.revealed > 1) {
      this.revealed -= 1;
      this.applySteps(slide);
    } else if (this.index > 0) {
      this.show(this.index - 1, true);
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
    else if (event.key === "End") this.show(this.sections.length - 1, true);
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
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    this.overlay.remove();
    this.overlay = null;
    document.documentElement.classList.remove("imr-presenting");
    if (this.returnFocus && this.returnFocus.focus) this.returnFocus.focus();
    document.dispatchEvent(new CustomEvent("present:close"));
  }
}
