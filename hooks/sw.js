/* The service worker: this site opens with no network after one visit.
   Source of sw.js at the site's root, written by hooks/app.py, which fills in
   VERSION (a hash of the built files) and PRECACHE (the pages and files every
   visit keeps). Edit this file, not the built one.

   - Install: keeps every PRECACHE file, fetched fresh, in a cache of this
     version, with the pages open now and whatever an older version had kept
     (the pages a person opened, the search index), fetched again. It then waits: the page offers to reload
     (assets/js/app.js) and nothing reloads by itself.
   - Pages (navigations, and instant navigation's fetch() of a page): network
     first, kept as they arrive; the kept copy when there is no network.
   - Our files (assets/, search/, sitemap.xml, the manifest): the kept copy first,
     kept once fetched (each version has its own cache, so never a stale one).
   - Only this site's own GET requests, only whole answers that are ok. Never
     anything from another host. Answers live in the browser's storage, which
     this worker never reads: no answer is ever in a cache. */
"use strict";

var VERSION = "__VERSION__";
var PRECACHE = __PRECACHE__;

var SCOPE = self.registration.scope;
var PREFIX = "imr:" + SCOPE + ":";
var CACHE = PREFIX + VERSION;
var SCOPE_PATH = new URL(SCOPE).pathname;
var KEPT = /^(assets\/|search\/|sitemap\.xml$|manifest\.webmanifest$)/;
var WAIT_FOR_NETWORK_MS = 6000;

function fresh(url) {
  return new Request(new URL(url, SCOPE).href, { cache: "no-cache", credentials: "same-origin" });
}

function keepable(response) {
  return response && response.ok && response.status === 200 && response.type === "basic";
}

function ourOldCaches() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PRECACHE.map(fresh)).then(function () {
      return carryOver(cache);
    });
  }));
});

/* The pages open now (the page of a first visit came before this worker), and
   what an older version kept beyond its precache (pages opened, the search
   index): fetched again for this version, so they open offline. A file that is
   gone now (an old hashed name) is simply left behind. */
function carryOver(cache) {
  var open = self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    return windows.map(function (client) { return client.url.split("#")[0]; })
      .filter(function (url) { return url.indexOf(SCOPE) === 0; });
  });
  var older = ourOldCaches().then(function (names) {
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (old) { return old.keys(); });
    }));
  }).then(function (lists) {
    return [].concat.apply([], lists).map(function (request) { return request.url; });
  });
  return Promise.all([open, older]).then(function (found) {
    var seen = {};
    var urls = found[0].concat(found[1]).filter(function (url) { return !seen[url] && (seen[url] = true); });
    return Promise.all(urls.map(function (url) {
      return cache.match(url).then(function (hit) {
        if (hit) return null;
        return fetch(fresh(url)).then(function (response) {
          return keepable(response) ? cache.put(url, response) : null;
        }).catch(function () { return null; });
      });
    }));
  });
}

self.addEventListener("activate", function (event) {
  event.waitUntil(ourOldCaches().then(function (names) {
    return Promise.all(names.map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "imr-reload") self.skipWaiting();
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf(SCOPE_PATH) !== 0) return;
  var path = url.pathname.slice(SCOPE_PATH.length);
  if (request.mode === "navigate" || path === "" || /(\/|\.html)$/.test(path)) {
    event.respondWith(networkFirst(request));
  } else if (KEPT.test(path) && !request.headers.has("range")) {
    event.respondWith(cacheFirst(request));
  }
});

function keep(request, response) {
  if (!keepable(response)) return response;
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
  return response;
}

function kept(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      return hit || cache.match(request, { ignoreSearch: true });
    });
  });
}

function cacheFirst(request) {
  return kept(request).then(function (hit) {
    return hit || fetch(request).then(function (response) { return keep(request, response); });
  });
}

/* The network's page, kept; the kept page when the network fails, or when it
   has not answered after a while (a weak signal) and a kept page exists. */
function networkFirst(request) {
  return new Promise(function (resolve, reject) {
    var done = false;
    function settle(response) { if (!done) { done = true; resolve(response); } }
    var timer = setTimeout(function () {
      kept(request).then(function (hit) { if (hit) settle(hit); });
    }, WAIT_FOR_NETWORK_MS);
    fetch(request).then(function (response) {
      clearTimeout(timer);
      settle(keep(request, response));
    }, function (error) {
      clearTimeout(timer);
      kept(request).then(function (hit) {
        if (hit) settle(hit);
        else if (request.mode === "navigate") settle(notKept());
        else if (!done) { done = true; reject(error); }
      });
    });
  });
}

/* A page this device has not kept, opened with no network: say so, and point
   to the pages that are always kept. (Instant navigation's fetch() gets the
   network error instead, and then opens the page by a full navigation.) */
function notKept() {
  var body = '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    "<title>Not saved on this device</title>" +
    "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}" +
    "a{color:#0b5c63}</style></head><body><h1>This page is not saved on this device</h1>" +
    "<p>There is no internet connection, and this page has not been opened here before. " +
    "Connect to the internet to open it.</p><p>These pages open without a connection:</p><ul>" +
    '<li><a href="' + SCOPE + 'crisis/">Crisis and safety</a></li>' +
    '<li><a href="' + SCOPE + '">Home</a></li>' +
    '<li><a href="' + SCOPE + 'worksheets/">Worksheets</a></li>' +
    '<li><a href="' + SCOPE + 'my-answers/">My answers</a></li></ul></body></html>';
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
