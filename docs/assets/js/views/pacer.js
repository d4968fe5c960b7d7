// A breathing pacer: a circle that grows as a group breathes in and shrinks as
// it breathes out, with the count in words beside it. Start and pause on
// request; for people whose system asks for reduced motion the circle stays
// still and only the words count. Written in a page as
//   <div class="imr-pacer" data-imr-pacer data-in="4" data-hold="2" data-out="6"></div>

import { t } from "../words.js";

const WORDS = () => [t("one"), t("two"), t("three"), t("four"), t("five"), t("six"), t("seven"), t("eight"), t("nine"), t("ten")];
const SMALL = 0.55;

function phases(el) {
  const count = (name, fallback) => Math.max(0, Math.min(10, Number(el.dataset[name]) || fallback));
  // `name` marks the pacer (data-phase); `words` says the phase, `lasting` the phase for a count.
  return [
    { name: "Breathe in", words: t("Breathe in"), lasting: (n) => t("breathe in for {count}", { count: n }), counts: count("in", 4), scale: 1 },
    { name: "Hold", words: t("Hold"), lasting: (n) => t("hold for {count}", { count: n }), counts: count("hold", 0), scale: 1 },
    { name: "Breathe out", words: t("Breathe out"), lasting: (n) => t("breathe out for {count}", { count: n }), counts: count("out", 6), scale: SMALL },
  ].filter((phase) => phase.counts > 0);
}

export function setUpPacers(root) {
  root.querySelectorAll("[data-imr-pacer]").forEach((el) => new Pacer(el));
}

class Pacer {
  constructor(el) {
    this.el = el;
    this.phases = phases(el);
    this.timer = null;
    this.phase = 0;
    this.count = 0;
    this.still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.replaceChildren();
    el.classList.toggle("imr-pacer--still", this.still);
    const stage = document.createElement("div");
    stage.className = "imr-pacer__stage";
    stage.setAttribute("aria-hidden", "true");
    stage.innerHTML = '<svg viewBox="0 0 200 200" focusable="false"><circle cx="100" cy="100" r="90" class="imr-pacer__ring"></circle><circle cx="100" cy="100" r="86" class="imr-pacer__circle"></circle></svg>';
    this.circle = stage.querySelector(".imr-pacer__circle");
    this.words = document.createElement("p");
    this.words.className = "imr-pacer__count";
    this.words.textContent = this.describe();
    this.button = document.createElement("button");
    this.button.type = "button";
    this.button.className = "ws-button";
    this.button.textContent = t("Start breathing together");
    this.button.addEventListener("click", () => (this.timer ? this.pause() : this.start()));
    el.append(stage, this.words, this.button);
    this.scale(SMALL, 0);
  }

  describe() {
    const words = WORDS();
    return this.phases.map((p) => p.lasting(words[p.counts - 1])).join(t(", then ")) + ".";
  }

  scale(value, seconds) {
    if (this.still) return;
    this.circle.style.transition = `transform ${seconds}s ease-in-out`;
    this.circle.style.transform = `scale(${value})`;
  }

  start() {
    this.button.textContent = t("Pause");
    this.button.setAttribute("aria-pressed", "false");
    this.tick(true);
    this.timer = window.setInterval(() => this.tick(false), 1000);
  }

  pause() {
    window.clearInterval(this.timer);
    this.timer = null;
    this.button.textContent = t("Go on breathing together");
    this.words.textContent = t("Paused. {words}", { words: this.words.textContent });
  }

  tick(first) {
    if (!this.el.isConnected) return this.pause();
    if (!first) this.count += 1;
    let phase = this.phases[this.phase];
    if (this.count >= phase.counts) {
      this.count = 0;
      this.phase = (this.phase + 1) % this.phases.length;
      phase = this.phases[this.phase];
    }
    if (this.count === 0) this.scale(phase.scale, phase.counts);
    this.words.textContent = `${phase.words}: ${WORDS()[this.count]}`;
    this.el.dataset.phase = phase.name;
  }
}
