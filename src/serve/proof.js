// The proof view (ipreport serve only): a button that marks every value taken from data
// (its element carries data-source="file:line" and what the value is), the numbers typed by
// hand in the text, and the texts shown in another language, and says on hover or focus
// where each value comes from. The state is kept across reloads and pages.
(function () {
  "use strict";
  if (window.__iprProof) return;
  window.__iprProof = true;
  var KEY = "ipreport-proof";
  var root = document.documentElement;
  var pageLang = (root.getAttribute("lang") || "").toLowerCase();
  var zh = pageLang.indexOf("zh") === 0;
  var L = zh
    ? { button: "校对 / Proof", on: "退出校对 / Proof off", source: "来源", indicator: "指标",
        year: "年份", raw: "原值", unit: "单位", scale: "显示倍数", target: "规划目标",
        baseline: "规划基期值", derived: "由该值计算", change: "增减", completion: "完成率",
        provisional: "初步统计", typed: "手写数字：不是引用，改动数据时不会随之更新",
        fallback: "此处显示的是另一种语言的文本（缺少本语言译文）",
        data: "来自数据的数值", typedLegend: "手写数字", fallbackLegend: "回退语言的文本" }
    : { button: "校对 / Proof", on: "Proof off / 退出校对", source: "Source", indicator: "Indicator",
        year: "Year", raw: "As written", unit: "Unit", scale: "Display scale", target: "Plan target",
        baseline: "Plan baseline", derived: "Computed from it", change: "change",
        completion: "completion", provisional: "provisional figure",
        typed: "Typed by hand: not a reference, it will not follow the data",
        fallback: "Shown in another language (no translation yet)",
        data: "values from data", typedLegend: "numbers typed by hand",
        fallbackLegend: "texts in a fallback language" };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  var button = el("button", { type: "button", id: "ipr-proof-toggle", "aria-pressed": "false" }, L.button);
  var tip = el("div", { id: "ipr-proof-tip", role: "tooltip", hidden: "" });
  var legend = null;
  var current = null;

  // Numbers typed by hand: digits (ASCII or full width) with separators, a decimal part and
  // 万/亿 or %, but not years (1900–2099), dates (4月26日) or numbered items (第3条).
  var NUMBER = /[0-9０-９][0-9０-９,，.．]*(?:\s?[万亿])?(?:\s?[%％])?/g;
  function isFigure(text, m, at) {
    var digits = m.replace(/[^0-9０-９]/g, "");
    var after = text.charAt(at + m.length);
    var before = text.charAt(at - 1);
    if (/^(19|20)\d\d$/.test(m)) return false;
    if (/[月日号时]/.test(after) || before === "第") return false;
    if (/[-/:]/.test(after) || /[-/:#]/.test(before)) return false;
    return digits.length > 0;
  }

  var SKIP = "script,style,code,pre,svg,time,nav,header,footer,button,[data-source],#ipr-proof-legend,#ipr-proof-tip,.ipr-typed";
  function markTyped() {
    var main = document.querySelector("main") || document.body;
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var p = n.parentElement;
        if (!p || p.closest(SKIP)) return NodeFilter.FILTER_REJECT;
        return /[0-9０-９]/.test(n.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var count = 0;
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, frag = null, m;
      NUMBER.lastIndex = 0;
      while ((m = NUMBER.exec(text))) {
        var value = m[0].replace(/[,，.．\s]+$/, "");
        if (!isFigure(text, value, m.index)) continue;
        frag = frag || document.createDocumentFragment();
        frag.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = el("mark", { "class": "ipr-typed", "data-ipr-typed": "" }, value);
        frag.appendChild(mark);
        last = m.index + value.length;
        NUMBER.lastIndex = last;
        count++;
      }
      if (frag) {
        frag.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(frag, node);
      }
    });
    return count;
  }

  function unmarkTyped() {
    document.querySelectorAll("mark.ipr-typed").forEach(function (m) {
      var parent = m.parentNode;
      parent.replaceChild(document.createTextNode(m.textContent), m);
      parent.normalize();
    });
  }

  function primary(lang) { return (lang || "").toLowerCase().split("-")[0]; }
  function markFallback() {
    var count = 0;
    document.querySelectorAll("body [lang]").forEach(function (e) {
      if (e.closest("#ipr-proof-legend")) return;
      var lang = e.getAttribute("lang").toLowerCase();
      // zh-Hant pages fall back to zh-CN texts: a different script counts too.
      if (lang !== pageLang && (primary(lang) !== primary(pageLang) || lang.indexOf("hant") >= 0 || pageLang.indexOf("hant") >= 0)) {
        e.classList.add("ipr-fallback");
        count++;
      }
    });
    return count;
  }

  function focusable(e) {
    return e.matches("a[href],button,input,select,textarea,[tabindex]") || e.closest("svg");
  }

  function describe(e) {
    var d = e.dataset, rows = [];
    function row(k, v) { if (v != null && v !== "") rows.push([k, v]); }
    row(L.indicator, d.indicator);
    row(L.year, d.year);
    row(L.raw, d.raw);
    row(L.unit, d.unit);
    row(L.scale, d.scale);
    if (d.target) row(L.target, d.target);
    if (d.baseline) row(L.baseline, d.baseline);
    if (d.derived) row(L.derived, d.derived === "change" ? L.change : L.completion);
    if ("provisional" in d) row(L.provisional, "✓");
    tip.textContent = "";
    tip.appendChild(document.createTextNode(L.source + " "));
    tip.appendChild(el("code", {}, d.source));
    var dl = el("dl", {});
    rows.forEach(function (r) { dl.appendChild(el("dt", {}, r[0])); dl.appendChild(el("dd", {}, r[1])); });
    tip.appendChild(dl);
  }

  function show(e) {
    if (!root.classList.contains("ipr-proof-on")) return;
    var text = null;
    if (e.matches("[data-source]")) describe(e);
    else if (e.matches(".ipr-typed")) text = L.typed;
    else if (e.matches(".ipr-fallback")) text = L.fallback + " (" + e.getAttribute("lang") + ")";
    else return;
    if (text != null) tip.textContent = text;
    tip.hidden = false;
    current = e;
    e.setAttribute("aria-describedby", "ipr-proof-tip");
    var r = e.getBoundingClientRect();
    var top = window.scrollY + r.bottom + 6;
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.top = top + "px";
    tip.style.left = left + "px";
  }

  function hide() {
    tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function target(node) {
    return node && node.closest && node.closest("[data-source],.ipr-typed,.ipr-fallback");
  }

  function on() {
    root.classList.add("ipr-proof-on");
    button.setAttribute("aria-pressed", "true");
    button.textContent = L.on;
    var values = document.querySelectorAll("[data-source]");
    values.forEach(function (e) {
      if (!focusable(e)) {
        e.setAttribute("tabindex", "0");
        e.setAttribute("data-ipr-tabindex", "");
      }
    });
    var typed = markTyped();
    var fallback = markFallback();
    legend = el("div", { id: "ipr-proof-legend", role: "status" });
    [["sw-data", L.data, values.length], ["sw-typed", L.typedLegend, typed], ["sw-fallback", L.fallbackLegend, fallback]]
      .forEach(function (r) {
        var p = el("p", {});
        p.appendChild(el("span", { "class": "sw " + r[0], "aria-hidden": "true" }));
        p.appendChild(document.createTextNode(r[1] + ": " + r[2]));
        legend.appendChild(p);
      });
    document.body.appendChild(legend);
  }

  function off() {
    hide();
    root.classList.remove("ipr-proof-on");
    button.setAttribute("aria-pressed", "false");
    button.textContent = L.button;
    document.querySelectorAll("[data-ipr-tabindex]").forEach(function (e) {
      e.removeAttribute("tabindex");
      e.removeAttribute("data-ipr-tabindex");
    });
    document.querySelectorAll(".ipr-fallback").forEach(function (e) { e.classList.remove("ipr-fallback"); });
    unmarkTyped();
    if (legend) legend.remove();
    legend = null;
  }

  function start() {
    document.body.appendChild(button);
    document.body.appendChild(tip);
    button.addEventListener("click", function () {
      var now = !root.classList.contains("ipr-proof-on");
      try { localStorage.setItem(KEY, now ? "1" : "0"); } catch (e) { /* private mode */ }
      if (now) on(); else off();
    });
    document.addEventListener("mouseover", function (ev) { var t = target(ev.target); if (t) show(t); });
    document.addEventListener("mouseout", function (ev) { if (target(ev.target) === current) hide(); });
    document.addEventListener("focusin", function (ev) { var t = target(ev.target); if (t) show(t); else hide(); });
    document.addEventListener("focusout", function () { hide(); });
    document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hide(); });
    var stored = null;
    try { stored = localStorage.getItem(KEY); } catch (e) { /* private mode */ }
    if (stored === "1") on();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
