// Runs a page's set-up on every page a reader sees. Material's instant
// navigation swaps pages without reloading, so set-up runs on each document$
// emission (not on DOMContentLoaded); without Material it runs once on load.
// `key` guards against subscribing twice if a module is evaluated again.

export function onEveryPage(key, setUp) {
  if (window[key]) return;
  window[key] = true;
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}
