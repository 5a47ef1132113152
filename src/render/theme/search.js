/* ipreport search: queries the index that the build writes next to the search page.
   Data files are loaded with <script> tags, not fetch, so that search also works from
   file://. The tokenizer, stemmer and hash are the same as in src/render/search/terms.rs.
   Results are built as DOM nodes with textContent: the index holds plain text, so nothing
   in it is ever read as HTML (no "People&#39;s" on screen, no markup from content). */
(function () {
  "use strict";
  var box = document.getElementById("ipsearch");
  if (!box) return;
  var root = box.getAttribute("data-root");
  var label = function (name) { return box.getAttribute("data-" + name) || ""; };
  var form = document.getElementById("ipsearch-form");
  var input = document.getElementById("ipsearch-q");
  var status = document.getElementById("ipsearch-status");
  /* A site's own search.html may lack the clear button and the hint's place: both optional. */
  var clear = document.getElementById("ipsearch-clear") || document.createElement("button");
  var other = document.getElementById("ipsearch-other") || document.createElement("div");
  var list = document.getElementById("ipsearch-results");
  var PAGE = 20, SNIPPET = 150, BEFORE = 40;

  /* The indexes, by the language their files name: this page's and, for the "try the other
     site" hint, the other languages'. Each loads its files once, on demand. */
  var indexes = {};
  function index(lang, dir) {
    if (!indexes[lang]) indexes[lang] = { dir: dir, meta: null, shards: {}, chunks: {}, loaded: {}, waiting: {} };
    return indexes[lang];
  }
  function arrived(lang, name, store) {
    var ix = indexes[lang];
    if (!ix) return;
    store(ix);
    ix.loaded[name] = true;
    (ix.waiting[name] || []).forEach(function (w) { w[0](); });
    delete ix.waiting[name];
  }
  window.IPSEARCH = {
    meta: function (lang, m) { arrived(lang, "meta", function (ix) { ix.meta = m; }); },
    shard: function (lang, n, data) { arrived(lang, "s" + n, function (ix) { ix.shards[n] = data; }); },
    chunk: function (lang, n, data) { arrived(lang, "c" + n, function (ix) { ix.chunks[n] = data; }); }
  };
  function load(ix, name) {
    return new Promise(function (resolve, reject) {
      if (ix.loaded[name]) { resolve(); return; }
      if (ix.waiting[name]) { ix.waiting[name].push([resolve, reject]); return; }
      ix.waiting[name] = [[resolve, reject]];
      var s = document.createElement("script");
      s.src = ix.dir + name + ".js";
      s.onerror = function () {
        (ix.waiting[name] || []).forEach(function (w) { w[1](new Error(name)); });
        delete ix.waiting[name];
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
  /* Terms of a query, and the words (and stems) to highlight. A lone letter is left out
     when there is more to look for: it is what an apostrophe leaves ("People's" → people, s),
     and as a prefix it would match half of every page. */
  function analyse(text) {
    var terms = [], words = [], han = [], word = "";
    function flushHan() {
      if (han.length) words.push({ w: han.join(""), han: true });
      for (var i = 0; i + 1 < han.length; i++) terms.push({ t: han[i] + han[i + 1], han: true });
      han = [];
    }
    function flushWord() {
      if (word) {
        var t = stem(word);
        words.push({ w: word, han: false });
        if (t !== word) words.push({ w: t, han: false });
        terms.push({ t: t, han: false });
      }
      word = "";
    }
    Array.from(text).forEach(function (c) {
      var cp = c.codePointAt(0);
      if (isHan(cp)) { flushWord(); han.push(c); }
      else if (alnum.test(c)) { flushHan(); word += c.toLowerCase(); }
      else { flushHan(); flushWord(); }
    });
    flushHan(); flushWord();
    var lone = function (x) { return !x.han && Array.from(x.t || x.w).length < 2; };
    if (terms.some(function (t) { return !lone(t); })) {
      terms = terms.filter(function (t) { return !lone(t); });
      words = words.filter(function (w) { return !lone(w); });
    }
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
  function shardOf(meta, term) {
    var first = term.codePointAt(0);
    var c = String.fromCodePoint(first);
    if (isHan(first)) return hash(term) % meta.hanShards;
    if (c >= "a" && c <= "z") return meta.hanShards + (first - 97);
    if (c >= "0" && c <= "9") return meta.hanShards + 26;
    return meta.hanShards + 27;
  }
  /* Loads what ranking `terms` needs from an index: its meta and the terms' shards. */
  function loadTerms(ix, terms) {
    return load(ix, "meta").then(function () {
      var ids = {};
      terms.forEach(function (t) { ids[shardOf(ix.meta, t.t)] = true; });
      return Promise.all(Object.keys(ids).map(function (n) { return load(ix, "s" + n); }));
    });
  }
  /* Documents of one term: exact for Chinese pairs, by prefix for words. Each value in the
     index is twice the count in the text, plus 1 when the title has the term. */
  function postings(ix, term) {
    var shard = ix.shards[shardOf(ix.meta, term.t)] || {}, found = {};
    var keys = term.han ? [term.t] : Object.keys(shard).filter(function (k) { return k.indexOf(term.t) === 0; });
    keys.forEach(function (k) {
      var p = shard[k];
      if (!p) return;
      for (var i = 0, doc = 0; i < p.length; i += 2) {
        doc += p[i];
        var f = found[doc] || (found[doc] = { tf: 0, title: false });
        f.tf += p[i + 1] >> 1;
        f.title = f.title || (p[i + 1] & 1) === 1;
      }
    });
    return found;
  }
  /* BM25: every query term must occur; rarer terms and shorter pages weigh more, and a term
     in the title adds as much again whatever the page's length. Then by kind: content first;
     listing pages (indexes, departments), which repeat the titles of what they list, after
     it, unless their title has every term (a department's name finds its page); the home
     page, which repeats the latest report, last. */
  var TITLE = 1.5;
  function rank(ix, terms) {
    var meta = ix.meta, scores = null, titled = {}, lengths = meta.lengths || [], avg = 0;
    var kinds = meta.kinds || "", listings = meta.listings || "", copies = meta.copies || "";
    lengths.forEach(function (l) { avg += l; });
    avg = avg / Math.max(1, lengths.length) || 1;
    terms.forEach(function (term, n) {
      var docs = postings(ix, term), ids = Object.keys(docs);
      var idf = Math.log(1 + (meta.docs - ids.length + 0.5) / (ids.length + 0.5)), next = {};
      ids.forEach(function (id) {
        if (scores !== null && !(id in scores)) return;
        var tf = docs[id].tf, norm = 1.2 * (0.25 + 0.75 * (lengths[id] || avg) / avg);
        next[id] = (scores ? scores[id] : 0) + idf * tf * 2.2 / (tf + norm) +
          (docs[id].title ? idf * TITLE : 0);
        titled[id] = (n === 0 || titled[id]) && docs[id].title;
      });
      scores = next;
    });
    var tier = function (id) {
      var k = kinds.charAt(id);
      if (copies.indexOf(k) >= 0) return 2;
      return listings.indexOf(k) >= 0 && !titled[id] ? 1 : 0;
    };
    var ids = Object.keys(scores || {}).map(Number).sort(function (a, b) {
      return tier(a) - tier(b) || scores[b] - scores[a] || a - b;
    });
    return { ids: ids, tier: tier };
  }

  /* What to highlight: the query's words and stems, longest first; Chinese anywhere, other
     words where a word starts (so "secret" marks "secrets" but not "s" in "cases"). */
  function highlighter(words) {
    var parts = words.slice().sort(function (a, b) { return b.w.length - a.w.length; })
      .map(function (x) {
        var w = escapeRe(x.w);
        return x.han ? w : "(?<![\\p{L}\\p{N}])" + w;
      });
    return parts.length ? new RegExp(parts.join("|"), "giu") : null;
  }
  /* Appends `text` to `el`, each match of `re` in a <mark>. */
  function appendMarked(el, text, re) {
    var at = 0, m;
    if (re) {
      re.lastIndex = 0;
      while ((m = re.exec(text)) !== null) {
        if (m[0] === "") { re.lastIndex++; continue; }
        if (m.index > at) el.appendChild(document.createTextNode(text.slice(at, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        el.appendChild(mark);
        at = m.index + m[0].length;
      }
    }
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }
  /* Moves a cut off the second half of a surrogate pair. */
  function boundary(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xDC00 && c <= 0xDFFF ? i + 1 : i;
  }
  /* The snippet of a page's prose: from the block (paragraph, item, heading) with the first
     match, cut around it; or, with no match in the prose (the words were in a table), the
     page's first real paragraph. A snippet never runs two blocks together. */
  function snippet(prose, re) {
    if (!prose) return "";
    var blocks = prose.split("\n"), block = null, at = 0, best = 0;
    /* The block with the most of the query's words; among equals a paragraph before a
       heading, then the first. */
    for (var i = 0; re && i < blocks.length; i++) {
      var found = {}, first = -1, m;
      re.lastIndex = 0;
      while ((m = re.exec(blocks[i])) !== null) {
        if (m[0] === "") { re.lastIndex++; continue; }
        if (first < 0) first = m.index;
        found[m[0].toLowerCase()] = true;
      }
      var score = Object.keys(found).length * 2 + (blocks[i].length >= 30 ? 1 : 0);
      if (first >= 0 && score > best) { best = score; block = blocks[i]; at = first; }
    }
    if (block === null) {
      block = blocks.filter(function (b) { return b.length >= 20; })[0] || blocks[0];
    }
    var start = at > BEFORE ? boundary(block, at - BEFORE) : 0;
    if (start > 0 && !/[\u3000-\u9fff]/.test(block.charAt(start))) {
      /* In words, start at a word. */
      var space = block.indexOf(" ", start);
      if (space >= 0 && space < at) start = space + 1;
    }
    var end = Math.min(block.length, boundary(block, start + SNIPPET));
    return (start > 0 ? "…" : "") + block.slice(start, end) + (end < block.length ? "…" : "");
  }

  var current = 0, ranked = null, results = [], next = 0, shown = 0, query = null, seen = null;
  function say(text) { status.textContent = text; }
  function sayCount() {
    var n = results.length - (next - shown);
    say(label("count").replace("{n}", n));
  }
  /* One result: its title (a link), its kind and year, and its snippet. */
  function resultItem(doc, kind, text, re) {
    var li = document.createElement("li");
    li.className = "search-result";
    var a = document.createElement("a");
    a.className = "result-title";
    a.href = root + doc[0];
    appendMarked(a, doc[1] || doc[0], re);
    li.appendChild(a);
    var about = document.createElement("p");
    about.className = "result-about";
    var k = document.createElement("span");
    k.className = "result-kind";
    k.textContent = label("kind-" + kind);
    if (k.textContent) about.appendChild(k);
    if (doc[3]) {
      var y = document.createElement("span");
      y.className = "result-year";
      y.textContent = label("year").replace("{year}", doc[3]);
      about.appendChild(y);
    }
    if (about.childNodes.length) li.appendChild(about);
    if (text) {
      var p = document.createElement("p");
      p.className = "result-snippet";
      appendMarked(p, text, re);
      li.appendChild(p);
    }
    return li;
  }
  function escapeRe(w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  /* Whether a page's title or prose holds the whole query: each Chinese word as typed (the
     index only knows it has the word's pairs, perhaps apart) and each other word. */
  function holdsQuery(doc) {
    var hay = ((doc[1] || "") + "\n" + (doc[2] || "")).toLowerCase();
    return query.words.every(function (w) { return !w.han || hay.indexOf(w.w) >= 0; }) &&
      query.terms.every(function (t) {
        return t.han || new RegExp("(?<![\\p{L}\\p{N}])" + escapeRe(t.t), "u").test(hay);
      });
  }
  /* Shows the next PAGE results that are not the same as one shown: the same address, or the
     same title with the same snippet (the home page repeats the latest report's summary).
     Within them, in each tier of the ranking, pages that hold the whole query come first. */
  function showMore() {
    var ticket = current, ix = indexes.here, meta = ix.meta, kinds = meta.kinds || "";
    var re = highlighter(query.words), found = [];
    var more = document.getElementById("ipsearch-more");
    if (more) more.remove();
    function step() {
      var batch = results.slice(next, next + PAGE - found.length), needed = {};
      batch.forEach(function (id) { needed[Math.floor(id / meta.chunk)] = true; });
      return Promise.all(Object.keys(needed).map(function (k) { return load(ix, "c" + k); })).then(function () {
        if (ticket !== current) return;
        batch.forEach(function (id) {
          next++;
          var doc = ix.chunks[Math.floor(id / meta.chunk)][id % meta.chunk];
          var text = snippet(doc[2], re);
          var same = doc[1] + "\n" + text;
          if (seen.urls[doc[0]] || seen.texts[same]) return;
          seen.urls[doc[0]] = seen.texts[same] = true;
          found.push({
            doc: doc, kind: kinds.charAt(id), text: text, order: found.length,
            tier: ranked.tier(id), whole: holdsQuery(doc) ? 0 : 1
          });
        });
        if (found.length < PAGE && next < results.length) return step();
        found.sort(function (a, b) { return a.tier - b.tier || a.whole - b.whole || a.order - b.order; });
        found.forEach(function (r) { list.appendChild(resultItem(r.doc, r.kind, r.text, re)); });
        shown += found.length;
        sayCount();
        if (next < results.length) {
          var li = document.createElement("li");
          li.id = "ipsearch-more";
          var button = document.createElement("button");
          button.type = "button";
          button.className = "search-more";
          button.textContent = label("more");
          button.addEventListener("click", function () { showMore(); });
          li.appendChild(button);
          list.appendChild(li);
        }
      });
    }
    return step();
  }
  /* With nothing found here, the first other language whose index finds the query. */
  function tryOthers(ticket) {
    var alts = Array.prototype.slice.call(box.querySelectorAll(".ipsearch-alt"));
    var terms = query.terms, text = input.value.trim();
    return alts.reduce(function (found, alt) {
      return found.then(function (done) {
        if (done || ticket !== current) return done;
        var ix = index(alt.getAttribute("data-lang"), alt.getAttribute("data-index"));
        return loadTerms(ix, terms).then(function () {
          if (!rank(ix, terms).ids.length) return false;
          if (ticket !== current) return true;
          var link = alt.cloneNode(true);
          link.removeAttribute("hidden");
          link.removeAttribute("class");
          link.href = alt.getAttribute("href") + "?q=" + encodeURIComponent(text);
          other.appendChild(link);
          return true;
        }, function () { return false; });
      });
    }, Promise.resolve(false));
  }
  function run(text) {
    var ticket = ++current;
    list.textContent = "";
    other.textContent = "";
    next = 0; shown = 0; results = [];
    seen = { urls: {}, texts: {} };
    query = analyse(text.trim());
    clear.hidden = input.value === "";
    if (!text.trim()) { say(""); return; }
    if (!query.terms.length) { say(label("short")); return; }
    say(label("loading"));
    var ix = indexes.here;
    loadTerms(ix, query.terms).then(function () {
      if (ticket !== current) return;
      ranked = rank(ix, query.terms);
      results = ranked.ids;
      if (!results.length) {
        say(label("none"));
        return tryOthers(ticket);
      }
      return showMore();
    }).catch(function () {
      if (ticket === current) say(label("failed"));
    });
  }
  /* This page's index answers to its own language's name; the files say which that is. */
  indexes.here = index(document.documentElement.lang, box.getAttribute("data-index"));

  function remember(text) {
    try {
      history.replaceState(null, "", text ? "?q=" + encodeURIComponent(text) : location.pathname);
    } catch (err) { /* file:// in some browsers */ }
  }
  var timer = null;
  input.addEventListener("input", function () {
    clear.hidden = input.value === "";
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 200);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(input.value);
    remember(input.value);
  });
  clear.addEventListener("click", function () {
    clearTimeout(timer);
    input.value = "";
    run("");
    remember("");
    input.focus();
  });
  var params = new URLSearchParams(location.search);
  var q = params.get("q");
  if (q) { input.value = q; run(q); }
  /* Sent here by the header's search button with nothing typed (on phones it is a button
     alone): the reader came to type. */
  else if (q === "") input.focus();
})();
