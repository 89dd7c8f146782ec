/* The reader's search: a worker behind Material's search box, speaking Material's worker protocol
   (SETUP 0 → READY 1, QUERY 2 → RESULT 3) and reading the sharded index that generator/search/ writes
   under search/. It loads a query's term shards and the files of the results it shows, and nothing
   else, with importScripts: in a real worker, and in the iframe Material uses instead from file://
   (where importScripts loads <script> elements and returns a promise). */
(function () {
  "use strict";

  var HERE = (typeof document !== "undefined" && document.currentScript) ? document.currentScript.src : self.location.href;
  var ROOT = new URL("../../", HERE);           /* this file is assets/javascripts/briefing-search.js */
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("[" + HAN + "]+|[a-z0-9]+", "g");
  var IS_HAN = new RegExp("^[" + HAN + "]");
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var MAX_TERMS = 8;                              /* pairs of one run looked up before a long phrase is covered sparsely */

  self.BFS = self.BFS || { t: {}, d: {}, f: {}, x: {} };
  var setup = null, fold = null, loaded = {}, latest = 0;

  /* ---- loading ---------------------------------------------------------------------------------- */

  function load(urls) {
    var missing = urls.filter(function (u) { return !loaded[u]; });
    if (!missing.length) return Promise.resolve();
    return Promise.resolve(importScripts.apply(self, missing)).then(function () {
      missing.forEach(function (u) { loaded[u] = true; });
    });
  }

  function sharedUrl(name, version) { return new URL(setup.shared + "search/" + name + "?v=" + version, ROOT).href; }
  function ownUrl(name) { return new URL("search/" + name + "?v=" + setup.version, ROOT).href; }

  /* ---- folding: the same table and wording pairs as generator/search/fold.py ------------------- */

  function makeFolder(data) {
    var table = {};
    for (var i = 0; i + 1 < data.table.length; i += 2) table[data.table[i]] = data.table[i + 1];
    var pairs = {}, keys = data.pairs.map(function (p) { pairs[p[0]] = p[1]; return p[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return { table: table, pairs: pairs, pattern: keys.length ? new RegExp(keys.join("|"), "g") : null };
  }

  /* Text folded, with the index of the character each folded character came from. */
  function folded(text) {
    var chars = [], origin = [], i, m;
    for (i = 0; i < text.length; i++) { chars.push(fold.table[text[i]] || text[i]); origin.push(i); }
    var joined = chars.join("");
    if (!fold.pattern) return { text: joined, origin: origin };
    var outChars = [], outOrigin = [], last = 0;
    fold.pattern.lastIndex = 0;
    while ((m = fold.pattern.exec(joined)) !== null) {
      for (i = last; i < m.index; i++) { outChars.push(chars[i]); outOrigin.push(origin[i]); }
      var width = m[0].length, into = fold.pairs[m[0]];
      for (i = 0; i < into.length; i++) { outChars.push(into[i]); outOrigin.push(origin[m.index + Math.min(i, width - 1)]); }
      last = m.index + width;
    }
    for (i = last; i < chars.length; i++) { outChars.push(chars[i]); outOrigin.push(origin[i]); }
    return { text: outChars.join(""), origin: outOrigin };
  }

  function tokens(foldedText) { return foldedText.match(TOKEN) || []; }

  /* The terms looked up for one token: a Han character alone, else its pairs (sparser for long phrases). */
  function termsOf(token) {
    if (!IS_HAN.test(token)) return [token];
    if (token.length === 1) return [token];
    var pairs = [], i;
    for (i = 0; i + 1 < token.length; i++) pairs.push(token.substr(i, 2));
    if (pairs.length <= MAX_TERMS) return pairs;
    var sparse = [];
    for (i = 0; i < pairs.length; i += 2) sparse.push(pairs[i]);
    if ((pairs.length - 1) % 2) sparse.push(pairs[pairs.length - 1]);
    return sparse;
  }

  function shardOf(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) { h ^= term.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h % fold.shards;
  }

  function postings(text) {
    var out = new Map(), previous = -1, i = 0;
    while (i < text.length) {
      var gap = 0, shift = 0, digit;
      do { digit = DIGITS.indexOf(text[i++]); gap += (digit & 31) * Math.pow(2, shift); shift += 5; } while (digit >= 32);
      previous += gap + 1;
      out.set(previous, DIGITS.indexOf(text[i++]));
    }
    return out;
  }

  /* ---- ranking ---------------------------------------------------------------------------------- */

  /* Entries are numbered by kind (zones, industries, articles oldest first): each range is [place among the
     kinds listed, number of entries, 1 when lower numbers come first among equal scores, -1 when higher do]. */
  function rangeOf(n) {
    var r = setup.ranges, edge = 0;
    for (var i = 0; i < r.length; i++) { edge += r[i][1]; if (n < edge) return r[i]; }
    return [r.length, 0, 1];
  }

  function match(terms) {
    var lists = terms.map(function (t) {
      var shard = BFS.t[shardOf(t)] || {};
      return shard[t] ? postings(shard[t]) : new Map();
    });
    lists.sort(function (a, b) { return a.size - b.size; });
    var n = fold.entries, idf = lists.map(function (l) { return Math.log(1 + (n - l.size + 0.5) / (l.size + 0.5)); });
    var found = [];
    lists[0].forEach(function (weight, doc) {
      var score = 0;
      for (var j = 0; j < lists.length; j++) {
        var w = lists[j].get(doc);
        if (w === undefined) return;
        score += idf[j] * w / 63;
      }
      var range = rangeOf(doc);
      found.push({ n: doc, score: score, kind: range[0], order: range[2] * doc });
    });
    found.sort(function (a, b) { return a.kind - b.kind || b.score - a.score || a.order - b.order; });
    return found;
  }

  /* ---- what a result shows ---------------------------------------------------------------------- */

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Spans [start, end) of the text as written where a query token (or, failing that, one of its terms) stands. */
  function spans(f, queryTokens, elsewhere) {
    var out = [];
    queryTokens.forEach(function (token) {
      var hits = occurrences(f.text, token);
      if (!hits.length && !(elsewhere && elsewhere.indexOf(token) >= 0))
        termsOf(token).forEach(function (t) { hits = hits.concat(occurrences(f.text, t)); });
      hits.forEach(function (h) { out.push([f.origin[h[0]], f.origin[h[1] - 1] + 1]); });
    });
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    out.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]); else merged.push(s.slice());
    });
    return merged;
  }

  function occurrences(text, token) {
    var out = [], at = text.indexOf(token);
    while (at >= 0 && out.length < 50) { out.push([at, at + token.length]); at = text.indexOf(token, at + token.length); }
    return out;
  }

  function marked(text, marks, start, end) {
    var html = "", cursor = start;
    marks.forEach(function (s) {
      if (s[1] <= start || s[0] >= end) return;
      var a = Math.max(s[0], start), b = Math.min(s[1], end);
      html += escapeHtml(text.slice(cursor, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
      cursor = b;
    });
    return html + escapeHtml(text.slice(cursor, end));
  }

  function passage(text, queryTokens, title) {
    var marks = spans(folded(text), queryTokens, title), width = setup.passage;
    var first = marks.length ? marks[0][0] : 0;
    var start = Math.max(0, first - Math.floor(width / 3)), end = Math.min(text.length, start + width);
    start = Math.max(0, Math.min(start, end - width));
    var newline = text.lastIndexOf("\n", first);
    if (newline >= start) start = newline + 1;
    return (start > 0 ? "…" : "") + marked(text, marks, start, end).replace(/\n/g, " ") + (end < text.length ? "…" : "");
  }

  function hasPhrases(f, queryTokens) {
    return queryTokens.every(function (t) { return t.length < 3 || f.indexOf(t) >= 0; });
  }

  function item(found, queryTokens, originalTerms) {
    var row = BFS.d[Math.floor(found.n / setup.chunk)][found.n % setup.chunk], text = BFS.f[found.n] || "";
    var foldedTitle = folded(row[1]);
    var title = marked(row[1], spans(foldedTitle, queryTokens), 0, row[1].length);
    var where = [row[2], row[3]].filter(Boolean).map(escapeHtml).join(" · ");
    var terms = {};
    originalTerms.forEach(function (t) { terms[t] = true; });
    return {
      location: row[0], title: title, score: found.score, terms: terms,
      text: (where ? '<p class="bf-search-where">' + where + "</p>" : "") + "<p>" + passage(text, queryTokens, foldedTitle.text) + "</p>",
      phrase: hasPhrases(folded(row[1] + "\n" + text).text, queryTokens)
    };
  }

  /* ---- the protocol ----------------------------------------------------------------------------- */

  function search(query, sequence) {
    var queryTokens = tokens(folded(query).text).filter(function (t, i, all) { return all.indexOf(t) === i; });
    if (!queryTokens.length) return Promise.resolve({ items: [], total: 0 });
    var terms = [];
    queryTokens.forEach(function (token) { termsOf(token).forEach(function (t) { if (terms.indexOf(t) < 0) terms.push(t); }); });
    var shards = terms.map(shardOf).filter(function (s, i, all) { return all.indexOf(s) === i; });
    return load(shards.map(function (s) { return sharedUrl("terms/" + s + ".js", fold.version); })).then(function () {
      if (sequence !== latest) return null;
      var found = match(terms), shown = found.slice(0, setup.results);
      var files = [];
      shown.forEach(function (f) {
        var chunk = ownUrl("docs/" + Math.floor(f.n / setup.chunk) + ".js"), text = ownUrl("text/" + f.n + ".js");
        if (files.indexOf(chunk) < 0) files.push(chunk);
        files.push(text);
      });
      return load(files).then(function () {
        var original = query.split(/\s+/).filter(Boolean);
        var items = shown.map(function (f) { return item(f, queryTokens, original); });
        var strong = items.filter(function (i) { return i.phrase; }), weak = items.filter(function (i) { return !i.phrase; });
        items = strong.concat(weak).map(function (i, rank) { i.score = items.length - rank; delete i.phrase; return [i]; });
        return { items: items, total: found.length };
      });
    });
  }

  function reply(data) { postMessage({ type: 3, data: data }); }

  addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === 0) {
      setup = (message.data.config || {}).briefing || {};
      load([new URL((setup.shared || "") + "search/fold.js?v=" + setup.version, ROOT).href]).then(function () {
        var data = BFS.x.fold;
        fold = makeFolder(data);
        fold.shards = data.shards;
        fold.entries = data.entries;
        fold.version = data.version;
        postMessage({ type: 1 });
      });
    } else if (message.type === 2 && fold) {
      var sequence = ++latest;
      search(String(message.data || ""), sequence).then(function (data) {
        if (data && sequence === latest) reply(data);
      }, function (error) { console.warn("briefing search:", error && error.message); if (sequence === latest) reply({ items: [], total: 0 }); });
    }
  });

  self.briefingSearch = { folded: folded, tokens: tokens, termsOf: termsOf, shardOf: shardOf };
})();
