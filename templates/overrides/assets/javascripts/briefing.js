/* The figures explorer: one sortable, filterable table of every figure (data: data/explorer.js). */
(function () {
  "use strict";

  function init() {
    var host = document.getElementById("bf-explorer");
    var data = window.BRIEFING_FIGURES;
    if (!host || !data || host.getAttribute("data-ready")) return;
    host.setAttribute("data-ready", "1");
    new Explorer(host, data).render();
  }

  function Explorer(host, data) {
    var col = {};
    data.columns.forEach(function (name, i) { col[name] = i; });
    var rows = [];
    (data.parts || []).forEach(function (part) {   /* a run of articles' figures each */
      Object.keys(part.shared || {}).forEach(function (name) {   /* repeated values are sent once: rows hold their index */
        var values = part.shared[name], i = col[name];
        part.rows.forEach(function (r) { r[i] = values[r[i]]; });
      });
      for (var k = 0; k < part.rows.length; k++) rows.push(part.rows[k]);
    });
    data.parts = null;
    this.host = host;
    this.rows = rows;
    this.col = col;
    this.perPage = parseInt(host.getAttribute("data-per-page") || "100", 10);
    this.page = 0;
    this.sortKey = null;
    this.sortDir = 1;
    this.query = "";
    this.kind = "";
    this.indicator = "";
    this.labels = {
      filter: host.getAttribute("data-label-filter") || "Filter",
      all: host.getAttribute("data-label-all") || "All",
      allIndicators: host.getAttribute("data-label-all-indicators") || "All indicators",
      shown: host.getAttribute("data-label-shown") || "Shown",
      of: host.getAttribute("data-label-of") || "of",
      prev: host.getAttribute("data-label-prev") || "Previous",
      next: host.getAttribute("data-label-next") || "Next"
    };
    this.headers = (host.getAttribute("data-headers") || "").split("|");
    this.build();
  }

  /* The columns shown: header index → the data column it shows and how it sorts. */
  var SHOWN = [["figure", "number"], ["indicator", "text"], ["metric", "text"], ["kind", "text"], ["year", "text"],
               ["zone", "text"], ["industry", "text"], ["title", "text"], ["date", "text"], ["confidence", "number"]];

  Explorer.prototype.el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  Explorer.prototype.build = function () {
    var self = this;
    var controls = this.el("div", { "class": "bf-controls" });
    this.input = this.el("input", { type: "search", placeholder: this.labels.filter, "aria-label": this.labels.filter, "class": "bf-filter" });
    this.input.addEventListener("input", function () { self.query = self.input.value.trim().toLowerCase(); self.page = 0; self.render(); });
    this.select = this.choice("kind", this.headers[3] || "kind", this.labels.all, "bf-kind");
    this.indicatorSelect = this.choice("indicator", this.headers[1] || "indicator", this.labels.allIndicators, "bf-indicator");
    this.status = this.el("span", { "class": "bf-status", "aria-live": "polite" });
    controls.appendChild(this.input);
    controls.appendChild(this.indicatorSelect);
    controls.appendChild(this.select);
    controls.appendChild(this.status);
    var scroll = this.el("div", { "class": "md-typeset__scrollwrap" });
    var wrap = this.el("div", { "class": "md-typeset__table" });
    scroll.appendChild(wrap);
    this.table = this.el("table");
    var head = this.el("thead"), tr = this.el("tr");
    SHOWN.forEach(function (spec, i) {
      var th = self.el("th", { "data-key": spec[0], "aria-sort": "none" });
      var button = self.el("button", { type: "button" }, self.headers[i] || spec[0]);
      button.addEventListener("click", function () { self.sortBy(spec[0]); });
      th.appendChild(button);
      tr.appendChild(th);
    });
    head.appendChild(tr);
    this.table.appendChild(head);
    this.body = this.el("tbody");
    this.table.appendChild(this.body);
    wrap.appendChild(this.table);
    this.pager = this.el("div", { "class": "bf-controls bf-pager" });
    this.host.appendChild(controls);
    this.host.appendChild(scroll);
    this.host.appendChild(this.pager);
  };

  /* A drop-down filter on one column: every value it takes, sorted, after an "all" option. */
  Explorer.prototype.choice = function (key, label, all, cls) {
    var self = this, select = this.el("select", { "aria-label": label, "class": cls }), values = {};
    select.appendChild(this.el("option", { value: "" }, all));
    this.rows.forEach(function (r) { if (r[self.col[key]]) values[r[self.col[key]]] = true; });
    Object.keys(values).sort().forEach(function (v) { select.appendChild(self.el("option", { value: v }, v)); });
    select.addEventListener("change", function () { self[key] = select.value; self.page = 0; self.render(); });
    return select;
  };

  Explorer.prototype.sortBy = function (key) {
    this.sortDir = this.sortKey === key ? -this.sortDir : 1;
    this.sortKey = key;
    this.page = 0;
    var self = this;
    Array.prototype.forEach.call(this.table.querySelectorAll("th"), function (th) {
      var on = th.getAttribute("data-key") === key;
      th.setAttribute("aria-sort", on ? (self.sortDir > 0 ? "ascending" : "descending") : "none");
    });
    this.render();
  };

  Explorer.prototype.visible = function () {
    var self = this, c = this.col;
    var rows = this.rows.filter(function (r) {
      if (self.kind && r[c.kind] !== self.kind) return false;
      if (self.indicator && r[c.indicator] !== self.indicator) return false;
      if (!self.query) return true;
      return [r[c.title], r[c.figure], r[c.metric], r[c.indicator], r[c.zone], r[c.industry], r[c.year]]
        .join(" ").toLowerCase().indexOf(self.query) >= 0;
    });
    if (this.sortKey) {
      var key = this.sortKey === "figure" ? "sort" : this.sortKey, i = c[key], dir = this.sortDir;
      var numeric = key === "sort" || key === "confidence";
      rows = rows.map(function (r, n) { return [r, n]; }).sort(function (a, b) {
        var x = a[0][i], y = b[0][i], d;
        if (x === null || x === "") d = (y === null || y === "") ? 0 : 1;
        else if (y === null || y === "") d = -1;
        else d = dir * (numeric ? x - y : String(x).localeCompare(String(y), "zh"));
        return d || a[1] - b[1];
      }).map(function (p) { return p[0]; });
    }
    return rows;
  };

  Explorer.prototype.render = function () {
    var self = this, c = this.col, rows = this.visible();
    var pages = Math.max(1, Math.ceil(rows.length / this.perPage));
    this.page = Math.min(this.page, pages - 1);
    var start = this.page * this.perPage, shown = rows.slice(start, start + this.perPage);
    var root = this.host.getAttribute("data-root") || "";
    this.body.textContent = "";
    shown.forEach(function (r) {
      var tr = self.el("tr");
      var link = root + "articles/" + r[c.article] + ".html";
      var fig = self.el("td", { "class": "bf-num" });
      fig.appendChild(self.el("a", { href: link + "#fig-" + r[c.n] }, r[c.figure]));
      tr.appendChild(fig);
      ["indicator", "metric", "kind", "year", "zone", "industry"].forEach(function (k) { tr.appendChild(self.el("td", {}, r[c[k]])); });
      var title = self.el("td", { "class": "bf-title" });
      title.appendChild(self.el("a", { href: link }, r[c.title]));
      tr.appendChild(title);
      tr.appendChild(self.el("td", { "class": "bf-date" }, r[c.date]));
      tr.appendChild(self.el("td", { "class": "bf-num" }, r[c.confidence]));
      self.body.appendChild(tr);
    });
    this.status.textContent = this.labels.shown + " " + (rows.length ? start + 1 : 0) + "–" + (start + shown.length) +
      " / " + this.labels.of + " " + rows.length;
    this.pager.textContent = "";
    if (pages > 1) {
      var prev = this.el("button", { type: "button", "class": "md-button" }, this.labels.prev);
      var next = this.el("button", { type: "button", "class": "md-button" }, this.labels.next);
      prev.disabled = this.page === 0;
      next.disabled = this.page >= pages - 1;
      prev.addEventListener("click", function () { self.page -= 1; self.render(); });
      next.addEventListener("click", function () { self.page += 1; self.render(); });
      this.pager.appendChild(prev);
      this.pager.appendChild(this.el("span", {}, (this.page + 1) + " / " + pages));
      this.pager.appendChild(next);
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The search results line gives the total when more articles were found than are listed
   (the search worker, briefing-search.js, sends it with the results; Material counts the list). */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var shown = config ? (JSON.parse(config.textContent).translations || {})["search.result.shown"] : "";
  if (!shown || !window.component$) return;
  window.component$.subscribe(function (component) {
    if (!component || !component.ref || !component.items || typeof component.total !== "number") return;
    if (component.total <= component.items.length) return;
    var meta = component.ref.firstElementChild;
    if (meta) meta.textContent = shown.replace("{total}", component.total.toLocaleString("en"))
      .replace("{shown}", component.items.length);
  });
})();
