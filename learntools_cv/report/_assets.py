"""The stylesheet and the script embedded in every report page (a report is one file: nothing is fetched)."""

from __future__ import annotations

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --soft: #f5f7fa; --accent: #2860a8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
header.top { background: #1f2933; color: #fff; padding: 20px 32px 16px; }
header.top h1 { margin: 0 0 4px; font-size: 24px; }
header.top p { margin: 0; color: #cbd2d9; font-size: 13px; }
nav.toc { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
  padding: 8px 32px; font-size: 14px; }
nav.toc a { margin-right: 16px; color: var(--accent); text-decoration: none; white-space: nowrap; }
nav.toc a:hover { text-decoration: underline; }
main { max-width: 1280px; padding: 8px 32px 48px; }
section { margin-top: 28px; }
h2 { font-size: 20px; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin: 0 0 12px; }
h3 { font-size: 17px; margin: 22px 0 6px; }
h3 .tag { font-size: 12px; font-weight: normal; color: var(--muted); border: 1px solid var(--line);
  border-radius: 10px; padding: 1px 8px; margin-left: 6px; vertical-align: middle; }
p.lead { color: var(--muted); margin: 4px 0 10px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px;
  background: var(--soft); }
.card .value { font-size: 26px; font-weight: 600; }
.card .what { color: var(--muted); font-size: 13px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0 10px; }
svg.chart [data-filter] { cursor: pointer; }
svg.chart [data-filter]:hover rect { opacity: 0.8; }
table { border-collapse: collapse; font-size: 14px; margin: 6px 0 12px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre.message { margin: 0; white-space: pre-wrap; word-break: break-word;
  font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace;
  background: var(--soft); border-left: 3px solid var(--line); padding: 4px 8px; max-width: 620px; }
details summary { cursor: pointer; color: var(--accent); }
.badge { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; line-height: 20px;
  white-space: nowrap; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 8px 0; }
.controls input[type=search] { font: inherit; padding: 4px 8px; min-width: 220px; }
.controls select, .controls button, .pager button, th button { font: inherit; }
.pager { display: flex; gap: 8px; align-items: center; margin: 6px 0; }
table.learners { width: 100%; }
table.learners th button { background: none; border: 0; padding: 0; cursor: pointer; font-weight: 600;
  color: var(--ink); }
table.learners th[aria-sort=ascending] button::after { content: " \\25B2"; font-size: 10px; }
table.learners th[aria-sort=descending] button::after { content: " \\25BC"; font-size: 10px; }
table.learners tbody tr:nth-child(even) { background: #fafbfc; }
button.link { background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; font: inherit;
  text-decoration: underline; }
a { color: var(--accent); }
a.learner-link, .nowrap { white-space: nowrap; }
.scroll { overflow-x: auto; }
table.learners td .mistake { display: block; font-size: 12px; color: var(--muted); white-space: nowrap; }
#feedback { display: none; }
body.show-feedback #feedback { display: block; }
body.show-feedback main > section:not(#feedback) { display: none; }
#feedback article { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 10px 0;
  max-width: 760px; }
#feedback article h3 { margin: 4px 0 6px; }
.skipped li { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
.multiples { display: flex; flex-wrap: wrap; gap: 4px 32px; align-items: flex-start; }
figure { margin: 0 0 8px; }
figcaption { font-size: 14px; color: var(--muted); margin-bottom: 2px; }
footer { color: var(--muted); font-size: 12px; padding: 0 32px 24px; }
"""

# Vanilla JavaScript, no libraries: the learners tables (sort, filter, pages) and the in-page feedback view.
JS = r"""
(function () {
  "use strict";
  var tables = {};

  function el(tag, props, text) {
    var node = document.createElement(tag);
    if (props) { Object.keys(props).forEach(function (k) { node.setAttribute(k, props[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function fmt(n) { return n === null ? "" : (Math.round(n * 100) / 100).toLocaleString("en-US"); }

  function LearnerTable(section, data) {
    this.section = section;
    this.data = data;
    this.rows = data.rows.map(function (r, i) {
      return { i: i, name: r[0], lower: r[0].toLowerCase(), score: r[1], bonus: r[2], graded: r[3] === 1,
               href: r[4], reason: r[5], res: r[6] };
    });
    this.byName = {};
    var self = this;
    this.rows.forEach(function (row) { self.byName[row.name] = row; });
    this.sortKey = "learner";
    this.sortDir = 1;
    this.filterText = "";
    this.filterSel = "";
    this.page = 0;
    this.pageSize = 50;
    this.table = section.querySelector("table.learners");
    this.tbody = this.table.querySelector("tbody");
    this.info = section.querySelector(".table-info");
    this.pageInfo = section.querySelector(".page-info");
    this.search = section.querySelector("input[type=search]");
    this.select = section.querySelector("select.filter");
    this.sizeSelect = section.querySelector("select.page-size");
    this.table.querySelectorAll("th[data-key] button").forEach(function (button) {
      button.addEventListener("click", function () { self.sortBy(button.parentNode.getAttribute("data-key")); });
    });
    var timer = null;
    this.search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.filterText = self.search.value.trim().toLowerCase();
        self.page = 0;
        self.refresh();
      }, 80);
    });
    this.select.addEventListener("change", function () {
      self.filterSel = self.select.value;
      self.page = 0;
      self.refresh();
    });
    this.sizeSelect.addEventListener("change", function () {
      self.pageSize = parseInt(self.sizeSelect.value, 10);
      self.page = 0;
      self.render();
    });
    section.querySelectorAll(".pager button").forEach(function (button) {
      button.addEventListener("click", function () { self.go(button.getAttribute("data-go")); });
    });
    this.refresh();
  }

  LearnerTable.prototype.matches = function (row) {
    if (this.filterText && row.lower.indexOf(this.filterText) < 0) { return false; }
    var f = this.filterSel;
    if (!f) { return true; }
    var parts = f.split(":");
    if (parts[0] === "ng") { return !row.graded; }
    var r = row.res[parseInt(parts[1], 10)];
    if (!r) {
      // As in the counts: no row means not graded (whole notebook) or no result (graded notebook).
      return parts[0] === "s" && parseInt(parts[2], 10) === (row.graded ? this.data.noResult : this.data.couldNotGrade);
    }
    if (parts[0] === "s") { return r[0] === parseInt(parts[2], 10); }
    if (parts[0] === "m") { return r[1] === parseInt(parts[2], 10); }
    if (parts[0] === "u") { return r[1] === -1 && r[0] === this.data.incorrect; }
    return true;
  };

  LearnerTable.prototype.compare = function () {
    var key = this.sortKey, dir = this.sortDir, data = this.data;
    function name(a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; }
    if (key === "learner") { return function (a, b) { return dir * name(a, b); }; }
    if (key === "score" || key === "bonus") {
      return function (a, b) {
        var x = a[key], y = b[key];
        // Submissions without a score go last in both directions.
        if (x === null || y === null) { return (x === null) - (y === null) || name(a, b); }
        return dir * (x - y) || name(a, b);
      };
    }
    var q = parseInt(key.slice(1), 10);
    function rank(row) {
      var r = row.res[q];
      if (!r) { return [row.graded ? data.noResult : data.couldNotGrade, ""]; }
      return [r[0], r[1] >= 0 ? data.mistakes[r[1]] : ""];
    }
    return function (a, b) {
      var ra = rank(a), rb = rank(b);
      return dir * (ra[0] - rb[0] || (ra[1] < rb[1] ? -1 : ra[1] > rb[1] ? 1 : 0)) || name(a, b);
    };
  };

  LearnerTable.prototype.sortBy = function (key) {
    if (this.sortKey === key) {
      this.sortDir = -this.sortDir;
    } else {
      // Scores sort best first; names and questions in their natural order.
      this.sortKey = key;
      this.sortDir = key === "score" || key === "bonus" ? -1 : 1;
    }
    this.page = 0;
    this.refresh();
  };

  LearnerTable.prototype.setFilter = function (value) {
    this.select.value = value;
    this.filterSel = this.select.value;
    this.page = 0;
    this.refresh();
  };

  LearnerTable.prototype.go = function (where) {
    var pages = Math.max(1, Math.ceil(this.view.length / this.pageSize));
    if (where === "first") { this.page = 0; }
    if (where === "prev") { this.page = Math.max(0, this.page - 1); }
    if (where === "next") { this.page = Math.min(pages - 1, this.page + 1); }
    if (where === "last") { this.page = pages - 1; }
    this.render();
  };

  LearnerTable.prototype.refresh = function () {
    var self = this;
    this.view = this.rows.filter(function (row) { return self.matches(row); });
    this.view.sort(this.compare());
    this.table.querySelectorAll("th[data-key]").forEach(function (th) {
      var key = th.getAttribute("data-key");
      th.setAttribute("aria-sort", key === self.sortKey ? (self.sortDir > 0 ? "ascending" : "descending") : "none");
    });
    this.render();
  };

  LearnerTable.prototype.cell = function (row, q) {
    var d = this.data, r = row.res[q];
    var status = r ? r[0] : (row.graded ? d.noResult : d.couldNotGrade);
    var td = el("td", { "data-status": d.statuses[status] });
    var badge = el("span", { "class": "badge st-" + d.statuses[status] }, d.labels[status]);
    if (r) { badge.title = d.messages[r[2]]; }
    td.appendChild(badge);
    if (r && r[1] >= 0) {
      td.setAttribute("data-mistake", d.mistakes[r[1]]);
      td.appendChild(el("span", { "class": "mistake" }, d.mistakes[r[1]]));
    }
    return td;
  };

  LearnerTable.prototype.render = function () {
    var d = this.data, total = this.view.length;
    var pages = Math.max(1, Math.ceil(total / this.pageSize));
    this.page = Math.min(this.page, pages - 1);
    var start = this.page * this.pageSize, end = Math.min(total, start + this.pageSize);
    var body = document.createDocumentFragment();
    for (var i = start; i < end; i++) {
      var row = this.view[i];
      var tr = el("tr", { "data-learner": row.name });
      var td = el("td");
      td.appendChild(el("a", { href: row.href, "class": "learner-link" }, row.name));
      tr.appendChild(td);
      var score = row.graded ? fmt(row.score) : "not graded";
      tr.appendChild(el("td", { "class": "num nowrap", "data-score": row.graded ? String(row.score) : "" }, score));
      if (d.bonusMax) {
        var bonus = row.graded ? String(row.bonus) : "";
        tr.appendChild(el("td", { "class": "num", "data-bonus": bonus }, row.graded ? fmt(row.bonus) : ""));
      }
      for (var q = 0; q < d.questions.length; q++) { tr.appendChild(this.cell(row, q)); }
      body.appendChild(tr);
    }
    this.tbody.textContent = "";
    this.tbody.appendChild(body);
    var shown = total ? (start + 1).toLocaleString("en-US") + "\u2013" + end.toLocaleString("en-US") : "0";
    this.info.textContent = "Learners " + shown + " of " + total.toLocaleString("en-US") +
      (total !== this.rows.length ? " (filtered from " + this.rows.length.toLocaleString("en-US") + ")" : "");
    this.pageInfo.textContent = "Page " + (this.page + 1) + " of " + pages;
    this.section.querySelector("[data-go=prev]").disabled = this.page === 0;
    this.section.querySelector("[data-go=first]").disabled = this.page === 0;
    this.section.querySelector("[data-go=next]").disabled = this.page >= pages - 1;
    this.section.querySelector("[data-go=last]").disabled = this.page >= pages - 1;
  };

  function showFeedback(key, name) {
    var t = tables[key], panel = document.getElementById("feedback");
    var row = t && t.byName[name];
    panel.textContent = "";
    if (!row) {
      panel.appendChild(el("h2", null, "No such learner"));
      panel.appendChild(el("p", null, "This report has no learner called " + name + "."));
    } else {
      var d = t.data;
      panel.appendChild(el("h2", null, "Feedback for " + row.name));
      var summary = d.assignment + ": " + (row.graded ? "score " + fmt(row.score) + " of " + fmt(d.maxScore) +
        (d.bonusMax ? ", bonus " + fmt(row.bonus) + " of " + fmt(d.bonusMax) : "") : "could not be graded");
      panel.appendChild(el("p", { "class": "lead" }, summary));
      panel.appendChild(el("p", { "class": "muted" },
        "The messages below are the ones stored in the gradebook for this notebook: what the learner saw."));
      if (!row.graded || row.reason >= 0) {
        var reason = el("p");
        reason.appendChild(el("strong", null, row.graded ? "Graded in part: " : "Why: "));
        reason.appendChild(document.createTextNode(row.reason >= 0 ? d.messages[row.reason] : "(no reason recorded)"));
        panel.appendChild(reason);
      }
      for (var q = 0; q < d.questions.length; q++) {
        var r = row.res[q];
        if (!r) { continue; }
        var article = el("article", { "data-question": d.questions[q], "data-status": d.statuses[r[0]] });
        var h = el("h3", null, d.questions[q] + " ");
        h.appendChild(el("span", { "class": "badge st-" + d.statuses[r[0]] }, d.labels[r[0]]));
        var points = " " + fmt(r[3]) + " of " + fmt(d.maxPoints[q]) + (d.maxPoints[q] === 1 ? " point" : " points");
        h.appendChild(el("span", { "class": "muted" }, points + (d.bonus[q] ? " (bonus question)" : "")));
        article.appendChild(h);
        if (r[1] >= 0) { article.appendChild(el("p", { "class": "muted" }, "Mistake: " + d.mistakes[r[1]])); }
        article.appendChild(el("pre", { "class": "message" }, d.messages[r[2]]));
        panel.appendChild(article);
      }
    }
    var back = el("p");
    back.appendChild(el("a", { href: "#learners-" + key }, "Back to the learners table"));
    panel.appendChild(back);
    document.body.classList.add("show-feedback");
    window.scrollTo(0, 0);
  }

  function decode(text) {
    // A hand-typed address may hold a stray '%': show what was typed rather than fail.
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }

  function route() {
    var hash = window.location.hash;
    var m = /^#feedback\/([^\/]+)\/(.*)$/.exec(hash);
    if (m) { showFeedback(m[1], decode(m[2])); return; }
    document.body.classList.remove("show-feedback");
    var target = hash.length > 1 ? document.getElementById(decode(hash.slice(1))) : null;
    if (target) { target.scrollIntoView(); }
  }

  document.querySelectorAll("section[data-learners]").forEach(function (section) {
    var key = section.getAttribute("data-learners");
    var data = JSON.parse(document.getElementById("data-" + key).textContent);
    tables[key] = new LearnerTable(section, data);
  });
  document.querySelectorAll("[data-filter]").forEach(function (node) {
    node.addEventListener("click", function () {
      var key = node.getAttribute("data-table"), t = tables[key];
      if (!t) { return; }
      if (document.body.classList.contains("show-feedback")) { window.location.hash = "#learners-" + key; }
      t.setFilter(node.getAttribute("data-filter"));
      t.section.scrollIntoView();
    });
  });
  window.addEventListener("hashchange", route);
  route();
  document.documentElement.setAttribute("data-ready", "true");
})();
"""
