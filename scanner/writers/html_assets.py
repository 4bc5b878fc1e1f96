"""The HTML report's stylesheet and script, inlined into the page (it loads nothing).

The page's Content Security Policy allows exactly these two blocks, by their SHA-256, so any
other script or style (one smuggled in through scanned data) would not run. The script reads
the findings from a JSON data block and builds their rows with `textContent` only: nothing
from the data is ever parsed as HTML.
"""

from __future__ import annotations

STYLE = """
:root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb;
  --card: #ffffff; --bg: #f3f4f6; --accent: #4f46e5; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
header { background: #111827; color: #f9fafb; padding: 18px 28px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #d1d5db; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 28px 60px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin: 0 0 18px; }
h2 { font-size: 17px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 14px 0 8px; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 110px; }
.card .value { display: block; font-size: 24px; font-weight: 700; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; }
.score-good .value { color: #15803d; } .score-fair .value { color: #b45309; }
.score-poor .value { color: #b91c1c; }
.charts { display: flex; flex-wrap: wrap; gap: 24px 48px; }
figure { margin: 0; }
.chart text { font-size: 12px; fill: #374151; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow-wrap: anywhere; }
th { font-size: 12px; color: var(--muted); text-transform: uppercase; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 4px;
  padding: 1px 6px; font-size: 11px; font-weight: 700; color: #fff; background: #9ca3af;
  text-transform: uppercase; }
.sev-critical { background: #7f1d1d; } .sev-high { background: #dc2626; }
.sev-medium { background: #d97706; } .sev-low { background: #2563eb; }
.sev-info { background: #6b7280; }
.tag { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 11px;
  border: 1px solid var(--line); color: #374151; }
.tag.new { background: #fef3c7; border-color: #f59e0b; }
.st-failed { color: #b91c1c; } .st-passed { color: #15803d; } .st-suppressed { color: #6b7280; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 12px; }
.evidence { white-space: pre-wrap; margin: 0; padding-left: 18px; }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin-bottom: 12px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
.filters input, .filters select { font: inherit; padding: 4px 6px; border: 1px solid #d1d5db;
  border-radius: 4px; min-width: 120px; }
.filters input { min-width: 260px; }
button { font: inherit; padding: 4px 12px; border: 1px solid #d1d5db; border-radius: 4px;
  background: #fff; cursor: pointer; }
.finding { border-bottom: 1px solid var(--line); }
.finding > summary { display: grid; grid-template-columns: 80px 130px 1fr 1fr 110px;
  gap: 10px; padding: 7px 4px; cursor: pointer; align-items: baseline; }
.finding > summary > * { overflow-wrap: anywhere; }
.finding[open] > summary { background: #f9fafb; }
.finding .body { padding: 4px 12px 14px 94px; }
.finding dl { display: grid; grid-template-columns: 130px 1fr; gap: 2px 10px; margin: 0; }
.finding dt { color: var(--muted); } .finding dd { margin: 0; overflow-wrap: anywhere; }
.remediation { white-space: pre-wrap; margin: 0; }
.side { white-space: pre-wrap; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var source = document.getElementById("mlp-data");
  var list = document.getElementById("findings");
  if (!source || !list) { return; }
  var data = JSON.parse(source.textContent || "{}");
  var findings = Array.isArray(data.findings) ? data.findings : [];
  var SEVERITIES = ["critical", "high", "medium", "low", "info"];
  var PAGE = 500;
  var limit = PAGE;
  function byId(id) { return document.getElementById(id); }
  var selects = ["severity", "provider", "category", "status", "change"].map(function (name) {
    return [name, byId("filter-" + name)];
  }).filter(function (pair) { return pair[1] !== null; });
  var search = byId("filter-text");
  var more = byId("findings-more");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function sevClass(severity) {
    return SEVERITIES.indexOf(severity) >= 0 ? "sev-" + severity : "sev-other";
  }
  // Remediation text marks code with backticks: shown as <code>, still as text.
  function withCode(parent, text) {
    String(text).split("`").forEach(function (part, index) {
      parent.appendChild(index % 2 ? el("code", "", part) : document.createTextNode(part));
    });
    return parent;
  }
  findings.forEach(function (f) {
    var words = [f.rule_id, f.title, f.severity, f.category, f.status, f.provider,
      f.resource_id, f.name, f.kind, f.type, f.where, f.remediation, f.fingerprint];
    (f.evidence || []).forEach(function (item) { words.push(item.text, item.where); });
    (f.frameworks || []).forEach(function (ident) { words.push(ident); });
    f.haystack = words.filter(Boolean).join("\n").toLowerCase();
  });

  function wanted() {
    var chosen = {};
    selects.forEach(function (pair) { chosen[pair[0]] = pair[1].value; });
    chosen.words = (search ? search.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    return chosen;
  }
  function matches(f, chosen) {
    for (var i = 0; i < selects.length; i++) {
      var name = selects[i][0];
      var value = chosen[name];
      if (!value) { continue; }
      if (name === "change") {
        if ((value === "new") !== (f["new"] === true)) { return false; }
      } else if (f[name] !== value) { return false; }
    }
    return chosen.words.every(function (word) { return f.haystack.indexOf(word) >= 0; });
  }
  function entry(dl, label, value) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && value.length === 0)) { return; }
    dl.appendChild(el("dt", "", label));
    dl.appendChild(el("dd", "", Array.isArray(value) ? value.join(", ") : value));
  }
  function card(f) {
    var details = el("details", "finding");
    details.setAttribute("data-severity", f.severity);
    details.setAttribute("data-status", f.status);
    details.setAttribute("data-provider", f.provider);
    details.setAttribute("data-category", f.category);
    var summary = el("summary");
    summary.appendChild(el("span", "badge " + sevClass(f.severity), f.severity));
    summary.appendChild(el("span", "mono", f.rule_id));
    summary.appendChild(el("span", "", f.title));
    var res = el("span", "");
    res.appendChild(el("strong", "", f.name || f.resource_id));
    if (f.where) { res.appendChild(el("span", "muted", " " + f.where)); }
    summary.appendChild(res);
    var state = el("span", "st-" + f.status, f.status);
    if (f["new"] === true) {
      state.appendChild(document.createTextNode(" "));
      state.appendChild(el("span", "tag new", "new"));
    }
    summary.appendChild(state);
    details.appendChild(summary);
    var body = el("div", "body");
    var dl = el("dl");
    entry(dl, "Resource", f.resource_id);
    entry(dl, "Kind / type", [f.kind, f.type].filter(Boolean).join(" / "));
    entry(dl, "Where", f.where);
    entry(dl, "Provider", f.provider);
    entry(dl, "Category", f.category);
    entry(dl, "Frameworks", f.frameworks);
    entry(dl, "First seen", f.first_seen);
    entry(dl, "Suppressed", f.suppression);
    entry(dl, "Used by", f.used_by);
    entry(dl, "Fingerprint", f.fingerprint);
    body.appendChild(dl);
    if (f.evidence && f.evidence.length) {
      body.appendChild(el("h3", "", "Evidence"));
      var ul = el("ul", "evidence");
      f.evidence.forEach(function (item) {
        var li = el("li", "mono", item.text);
        if (item.where) { li.appendChild(el("span", "muted", "  (" + item.where + ")")); }
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
    if (f.remediation) {
      body.appendChild(el("h3", "", "Remediation"));
      body.appendChild(withCode(el("p", "remediation"), f.remediation));
    }
    details.appendChild(body);
    return details;
  }
  function render() {
    var chosen = wanted();
    var matched = 0;
    var fragment = document.createDocumentFragment();
    findings.forEach(function (f) {
      if (!matches(f, chosen)) { return; }
      matched += 1;
      if (matched <= limit) { fragment.appendChild(card(f)); }
    });
    while (list.firstChild) { list.removeChild(list.firstChild); }
    list.appendChild(fragment);
    byId("findings-matched").textContent = String(matched);
    byId("findings-shown").textContent = String(Math.min(matched, limit));
    if (more) { more.hidden = matched <= limit; }
  }
  function restart() { limit = PAGE; render(); }
  selects.forEach(function (pair) { pair[1].addEventListener("change", restart); });
  if (search) { search.addEventListener("input", restart); }
  if (more) { more.addEventListener("click", function () { limit += PAGE; render(); }); }
  var reset = byId("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      selects.forEach(function (pair) { pair[1].value = ""; });
      if (search) { search.value = ""; }
      restart();
    });
  }
  render();
  document.body.setAttribute("data-ready", "true");
})();
"""
