// Forgiving search: misspellings and missing accents still find the page.
//
// Material's search runs in a web worker; the script in overrides/main.html
// stands between the two and, when a reader opens search, loads this classic
// script (classic, so that it also runs from disk in the offline edition). It
// sets window.imrSearch, which sees every message on the way:
//
// - the index, on its way to the worker: every title, text and tag with its
//   accents taken off ("recaída" is indexed as "recaida"); each result gets its
//   words' accents back before Material shows it;
// - each query, on its way: accents taken off too, so "depresión" and
//   "depresion" are one word;
// - each result, on its way back: when the exact query found fewer than
//   FEW_RESULTS pages, the query goes again with every word of four letters or
//   more allowed an edit distance (1 up to LONG_WORD - 1 letters, 2 from there),
//   and the pages it adds come after the exact ones, under one line that says so.
//
// Nothing leaves the browser: it only rewrites messages between this page and
// its own worker.
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var FEW_RESULTS = 3;
  var SHORTEST_FORGIVEN = 4;
  var LONG_WORD = 7;
  var NOTE_CLASS = "imr-search-forgiving";

  // Our interface words in the page's language, as words.js gives them to the modules:
  // a translated site's wording (window.imrWords, assets/imr-words.js) or the English message.
  function t(message, values) {
    var words = window.imrWords || {};
    return (words[message] || message).replace(/\{(\w+)\}/g, function (all, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  var originals = new Map(); // location -> { title, text, tags } as written
  var expected = []; // what each message sent to the worker will answer
  var latest = null; // the reader's newest query

  // A string with its accents taken off, one letter for one letter (a letter that
  // would become two, or none, is kept as it is).
  function fold(value) {
    if (typeof value !== "string") return value;
    var out = "";
    for (var letter of value.normalize("NFC")) {
      var bare = letter.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += bare.length === 1 ? bare : letter;
    }
    return out;
  }

  function foldDocument(doc) {
    var original = { title: doc.title && doc.title.normalize("NFC"), text: doc.text && doc.text.normalize("NFC") };
    if (Array.isArray(doc.tags)) original.tags = doc.tags.map(function (tag) { return tag.normalize("NFC"); });
    originals.set(doc.location, original);
    var folded = Object.assign({}, doc, { title: fold(original.title), text: fold(original.text) });
    if (original.tags) folded.tags = original.tags.map(fold);
    return folded;
  }

  // The words of a text that lost their accents in the index, by their folded
  // spelling ("recaida" -> "recaída"); a folded spelling that is also a word as
  // written ("esta" and "está") is left as it is.
  var accentedCache = new Map();
  function accentedWords(original) {
    if (accentedCache.has(original)) return accentedCache.get(original);
    var accented = new Map();
    var plain = new Set();
    (original.match(/[\p{L}\p{M}]+/gu) || []).forEach(function (word) {
      var bare = fold(word);
      if (bare === word) plain.add(word);
      else if (!accented.has(bare)) accented.set(bare, word);
      else if (accented.get(bare) !== word) accented.set(bare, null);
    });
    plain.forEach(function (word) { accented.delete(word); });
    accentedCache.set(original, accented);
    return accented;
  }

  // A highlighted result (folded words, <mark> tags, only the blocks that matched)
  // with its words' accents put back.
  function restore(highlighted, original) {
    if (typeof highlighted !== "string" || typeof original !== "string") return highlighted;
    var accented = accentedWords(original);
    if (accented.size === 0) return highlighted;
    return highlighted.replace(/(<[^>]*>)|(\p{L}+)/gu, function (match, tag, word) {
      return tag || accented.get(word) || word;
    });
  }

  function restoreItem(item) {
    var original = originals.get(item.location);
    if (!original) return item;
    var copy = Object.assign({}, item, { title: restore(item.title, original.title), text: restore(item.text, original.text) });
    if (Array.isArray(item.tags) && original.tags) {
      copy.tags = item.tags.map(function (tag) {
        var bare = tag.replace(/<\/?mark>/g, "");
        var match = original.tags.find(function (candidate) { return fold(candidate) === bare; });
        return match ? restore(tag, match) : tag;
      });
    }
    return copy;
  }

  // A translation's search index names its language's stop words (hooks/language.py):
  // lunr left them out of the index, so a query must not ask for them. One word stays.
  var stopWords = new Set();

  function withoutStopWords(query) {
    var words = query.trim().split(/\s+/);
    var kept = words.filter(function (word) { return !stopWords.has(word.toLowerCase()); });
    return kept.length ? kept.join(" ") : query;
  }

  // The words a reader typed, each allowed the edit distance its length earns:
  // none under SHORTEST_FORGIVEN letters; lunr's own syntax is left alone.
  function forgivingQuery(query) {
    var changed = false;
    var words = query.trim().split(/\s+/).map(function (word) {
      if (/[~^*:+\-"]/.test(word)) return word;
      var letters = word.replace(/[^\p{L}\p{N}]/gu, "");
      if (Array.from(letters).length < SHORTEST_FORGIVEN) return word;
      changed = true;
      return letters + "~" + (Array.from(letters).length >= LONG_WORD ? 2 : 1);
    });
    return changed ? words.join(" ") : null;
  }

  function pageOf(group) {
    return group.length ? group[0].location.split("#")[0] : "";
  }

  function deliverResult(result, deliver, note) {
    var items = (result.items || []).map(function (group) { return group.map(restoreItem); });
    deliver(Object.assign({}, result, { items: items }));
    showNote(note);
  }

  // One plain line above the results when the forgiving pass was used.
  function showNote(text) {
    requestAnimationFrame(function () {
      var meta = document.querySelector(".md-search-result__meta");
      if (!meta) return;
      var note = meta.parentElement.querySelector("." + NOTE_CLASS);
      if (!text) {
        if (note) note.remove();
        return;
      }
      if (!note) {
        note = document.createElement("p");
        note.className = NOTE_CLASS;
        meta.after(note);
      }
      note.textContent = text;
    });
  }

  window.imrSearch = {
    // A message on its way to the worker; `post` sends it.
    send: function (message, post) {
      if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
        originals.clear();
        stopWords = new Set(((message.data.config || {}).imr_stop_words || []).map(fold));
        var data = Object.assign({}, message.data, { docs: message.data.docs.map(foldDocument) });
        expected.push({ kind: "other" });
        return post(Object.assign({}, message, { data: data }));
      }
      if (message && message.type === QUERY && typeof message.data === "string") {
        latest = message.data;
        expected.push({ kind: "exact", query: message.data });
        return post(Object.assign({}, message, { data: withoutStopWords(fold(message.data)) }));
      }
      expected.push({ kind: "other" });
      return post(message);
    },

    // A message on its way back from the worker; `deliver` hands data to Material,
    // `post` asks the worker again.
    receive: function (data, deliver, post) {
      var asked = expected.shift() || { kind: "other" };
      if (!data || data.type !== RESULT || asked.kind === "other") return deliver(data);
      var result = data.data || { items: [] };
      var show = function (r) { deliver(Object.assign({}, data, { data: r })); };
      if (asked.kind === "exact") {
        var again = asked.query === latest && (result.items || []).length < FEW_RESULTS &&
          forgivingQuery(withoutStopWords(fold(asked.query)));
        if (!again) return deliverResult(result, show, "");
        expected.push({ kind: "forgiving", query: asked.query, exact: result });
        return post({ type: QUERY, data: again });
      }
      // The forgiving pass: exact pages first, then the pages it adds.
      if (asked.query !== latest) return undefined;
      var exactItems = asked.exact.items || [];
      var seen = new Set(exactItems.map(pageOf));
      var added = (result.items || []).filter(function (group) { return !seen.has(pageOf(group)); });
      var merged = Object.assign({}, asked.exact, { items: exactItems.concat(added) });
      var note = "";
      if (added.length) {
        var quoted = { query: "\u201c" + asked.query.trim() + "\u201d" };
        note = exactItems.length
          ? t("Few exact matches. After them, results for words close to {query}.", quoted)
          : t("No exact match. Results for words close to {query}:", quoted);
      }
      return deliverResult(merged, show, note);
    },
  };
})();
