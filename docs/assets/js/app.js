/* Registers the service worker (sw.js at the site's root, written by hooks/app.py),
   and offers to reload when a newer version of the site is ready. A classic
   script, loaded by overrides/main.html a moment after the page has loaded, so
   that a first visit's own files come first.

   Only over http(s) and where the browser has service workers: from disk
   (file://), or where they are refused, it does nothing and says nothing.
   Nothing reloads by itself: only the Reload button does. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) return;
  var root = new URL("../../", script.src); // this file is assets/js/app.js
  var asked = false;

  // Our interface words in the page's language, as words.js gives them to the modules:
  // a translated site's wording (window.imrWords, assets/imr-words.js) or the English message.
  function t(message, values) {
    var words = window.imrWords || {};
    return (words[message] || message).replace(/\{(\w+)\}/g, function (all, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (asked) window.location.reload();
  });

  function watch(registration) {
    var worker = registration.installing;
    if (!worker) return;
    worker.addEventListener("statechange", function () {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(registration);
    });
  }

  try {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration);
      else if (registration.installing) watch(registration);
      registration.addEventListener("updatefound", function () { watch(registration); });
    }).catch(function () {});
  } catch (error) {}

  var STYLE = [
    ".imr-update{position:fixed;z-index:6;left:.5rem;right:.5rem;bottom:.5rem;max-width:34rem;margin:0 auto;",
    "display:flex;flex-wrap:wrap;align-items:center;gap:.5rem .75rem;padding:.6rem .8rem;border-radius:.3rem;",
    "background:#0b5c63;color:#fff;font-size:.8rem;line-height:1.4;box-shadow:0 .2rem .8rem rgba(0,0,0,.35)}",
    ".imr-update p{margin:0;flex:1 1 14rem}",
    ".imr-update button{font:inherit;min-height:2.75em;min-width:2.75em;padding:.2em 1em;border-radius:.2rem;",
    "border:1px solid #fff;cursor:pointer}",
    ".imr-update button:focus-visible{outline:3px solid #fff;outline-offset:2px}",
    ".imr-update__reload{background:#fff;color:#0b5c63;font-weight:700}",
    ".imr-update__later{background:transparent;color:#fff}",
    "@media print{.imr-update{display:none}}",
  ].join("");

  function offer(registration) {
    if (document.querySelector(".imr-update")) return;
    var style = document.createElement("style");
    style.textContent = STYLE;
    document.head.append(style);
    var box = document.createElement("div");
    box.className = "imr-update";
    box.setAttribute("role", "status");
    document.body.append(box);
    // Filled once it is in the page, so that screen readers announce it.
    window.setTimeout(function () {
      box.innerHTML = "<p>" + t("A new version of this site is ready. Reload to use it.") + "</p>" +
        '<button type="button" class="imr-update__reload">' + t("Reload") + "</button>" +
        '<button type="button" class="imr-update__later">' + t("Not now") + "</button>";
      box.querySelector(".imr-update__reload").addEventListener("click", function () {
        asked = true;
        if (registration.waiting) registration.waiting.postMessage({ type: "imr-reload" });
        else window.location.reload();
      });
      box.querySelector(".imr-update__later").addEventListener("click", function () { box.remove(); });
    }, 50);
  }
})();
