/* ipreport search: queries the index that the build writes next to the search page.
   Data files are loaded with <script> tags, not fetch, so that search also works from
   file://. The tokenizer, stemmer and hash are the same as in src/render/search.rs. */
(function () {
  "use strict";
  var box = document.getElementById("ipsearch");
  if (!box) return;
  var dataDir = box.getAttribute("data-index");
  var root = box.getAttribute("data-root");
  var label = function (name) { return box.getAttribute("data-" + name) || ""; };
  var form = document.getElementById("ipsearch-form");
  var input = document.getElementById("ipsearch-q");
  var status = document.getElementById("ipsearch-status");
  var list = document.getElementById("ipsearch-results");
  var PAGE = 20;

  var meta = null, shards = {}, chunks = {}, loaded = {}, waiting = {};
  function arrived(name) {
    loaded[name] = true;
    (waiting[name] || []).forEach(function (w) { w[0](); });
    delete waiting[name];
  }
  window.IPSEARCH = {
    meta: function (lang, m) { meta = m; arrived("meta"); },
    shard: function (lang, n, data) { shards[n] = data; arrived("s" + n); },
    chunk: function (lang, n, data) { chunks[n] = data; arrived("c" + n); }
  };
  function load(name) {
    return new Promise(function (resolve, reject) {
      if (loaded[name]) { resolve(); return; }
      if (waiting[name]) { waiting[name].push([resolve, reject]); return; }
      waiting[name] = [[resolve, reject]];
      var s = document.createElement("script");
      s.src = dataDir + name + ".js";
      s.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w[1](new Error(name)); });
        delete waiting[name];
      };
      document.head.appendChild(s);
    });
  }

  function isHan(cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
  }
  var alnum = /[\p{L}\p{N}]/u;
  function stem(w) {
    var n = w.length;
    if (!/^[\x00-\x7f]*$/.test(w) || n <= 3) return w;
    if (n > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
    if (w.endsWith("sses")) return w.slice(0, -2);
    if (w.endsWith("ing") && n - 3 >= 4) return w.slice(0, -3);
    if (w.endsWith("ed") && n - 2 >= 4) return w.slice(0, -2);
    if (w.endsWith("es")) {
      var s = w.slice(0, -2);
      if (/[xz]$/.test(s) || /(ch|sh)$/.test(s)) return s;
    }
    if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  /* Terms of a query, and the plain words to highlight. */
  function analyse(text) {
    var terms = [], words = [], han = [], word = "";
    function flushHan() {
      if (han.length === 1) words.push(han.join(""));
      if (han.length > 1) {
        words.push(han.join(""));
        for (var i = 0; i + 1 < han.length; i++) terms.push({ t: han[i] + han[i + 1], han: true });
      }
      han = [];
    }
    function flushWord() {
      if (word) { words.push(word); terms.push({ t: stem(word), han: false }); }
      word = "";
    }
    Array.from(text).forEach(function (c) {
      var cp = c.codePointAt(0);
      if (isHan(cp)) { flushWord(); han.push(c); }
      else if (alnum.test(c)) { flushHan(); word += c.toLowerCase(); }
      else { flushHan(); flushWord(); }
    });
    flushHan(); flushWord();
    return { terms: terms, words: words };
  }
  function hash(t) {
    var h = 0x811c9dc5;
    for (var i = 0; i < t.length; i++) {
      h ^= t.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  function shardOf(term) {
    var first = term.codePointAt(0);
    var c = String.fromCodePoint(first);
    if (isHan(first)) return hash(term) % meta.hanShards;
    if (c >= "a" && c <= "z") return meta.hanShards + (first - 97);
    if (c >= "0" && c <= "9") return meta.hanShards + 26;
    return meta.hanShards + 27;
  }
  /* Documents of one term: exact for Chinese pairs, by prefix for words. */
  function postings(term) {
    var shard = shards[shardOf(term.t)] || {}, found = {};
    var keys = term.han ? [term.t] : Object.keys(shard).filter(function (k) { return k.indexOf(term.t) === 0; });
    keys.forEach(function (k) {
      var p = shard[k];
      if (!p) return;
      for (var i = 0, doc = 0; i < p.length; i += 2) {
        doc += p[i];
        found[doc] = (found[doc] || 0) + p[i + 1];
      }
    });
    return found;
  }
  /* BM25: every query term must occur; rarer terms and shorter pages weigh more. */
  function rank(terms) {
    var scores = null, lengths = meta.lengths || [], avg = 0;
    lengths.forEach(function (l) { avg += l; });
    avg = avg / Math.max(1, lengths.length) || 1;
    terms.forEach(function (term) {
      var docs = postings(term), ids = Object.keys(docs);
      var idf = Math.log(1 + (meta.docs - ids.length + 0.5) / (ids.length + 0.5)), next = {};
      ids.forEach(function (id) {
        if (scores !== null && !(id in scores)) return;
        var tf = docs[id], norm = 1.2 * (0.25 + 0.75 * (lengths[id] || avg) / avg);
        next[id] = (scores ? scores[id] : 0) + idf * tf * 2.2 / (tf + norm);
      });
      scores = next;
    });
    return Object.keys(scores || {}).map(Number).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    });
  }

  function escape(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function snippet(text, words) {
    var pattern = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|");
    var re = pattern ? new RegExp(pattern, "giu") : null;
    var m = re ? re.exec(text) : null;
    var start = m ? Math.max(0, m.index - 40) : 0;
    var part = text.slice(start, start + 140);
    var html = escape(part);
    if (re) {
      re.lastIndex = 0;
      html = escape(part).replace(new RegExp(pattern.split("|").map(function (p) {
        return escape(p);
      }).join("|"), "giu"), function (x) { return "<mark>" + x + "</mark>"; });
    }
    return (start > 0 ? "…" : "") + html + (start + 140 < text.length ? "…" : "");
  }

  var current = 0, results = [], shown = 0, query = null;
  function say(text) { status.textContent = text; }
  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    var needed = {};
    batch.forEach(function (id) { needed[Math.floor(id / meta.chunk)] = true; });
    var ticket = current;
    return Promise.all(Object.keys(needed).map(function (k) { return load("c" + k); })).then(function () {
      if (ticket !== current) return;
      var more = document.getElementById("ipsearch-more");
      if (more) more.remove();
      batch.forEach(function (id) {
        var doc = chunks[Math.floor(id / meta.chunk)][id % meta.chunk];
        var li = document.createElement("li");
        li.innerHTML = '<a href="' + escape(root + doc[0]) + '">' + escape(doc[1] || doc[0]) +
          "</a><p>" + snippet(doc[2], query.words) + "</p>";
        list.appendChild(li);
      });
      shown += batch.length;
      if (shown < results.length) {
        var li = document.createElement("li");
        li.id = "ipsearch-more";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = label("more");
        button.addEventListener("click", function () { showMore(); });
        li.appendChild(button);
        list.appendChild(li);
      }
    });
  }
  function run(text) {
    var ticket = ++current;
    list.innerHTML = "";
    shown = 0;
    query = analyse(text.trim());
    if (!text.trim()) { say(""); return; }
    if (!query.terms.length) { say(label("short")); return; }
    say(label("loading"));
    load("meta").then(function () {
      var ids = {};
      query.terms.forEach(function (t) { ids[shardOf(t.t)] = true; });
      return Promise.all(Object.keys(ids).map(function (n) { return load("s" + n); }));
    }).then(function () {
      if (ticket !== current) return;
      results = rank(query.terms);
      say(results.length ? label("count").replace("{n}", results.length) : label("none"));
      return showMore();
    }).catch(function () {
      if (ticket === current) say(label("failed"));
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 200);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// */ }
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
