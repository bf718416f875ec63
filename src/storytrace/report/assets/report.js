// storytrace report: renders the stories table and side-by-side panes from the embedded JSON.
// Data is only ever inserted with textContent, so article text cannot become markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var PAGE = 50, page = 0, sortKey = "size", asc = false, filter = "";
  var tbody = document.querySelector("#stories tbody");
  var view = document.getElementById("story-view");
  var byId = {};
  data.stories.forEach(function (s) { byId[s.id] = s; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function rows() {
    var f = filter.toLowerCase();
    var list = data.stories.filter(function (s) { return !f || s.label.toLowerCase().indexOf(f) >= 0; });
    list.sort(function (a, b) {
      var x = a[sortKey], y = b[sortKey];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (asc ? 1 : -1);
    });
    return list;
  }
  function renderTable() {
    var list = rows(), pages = Math.max(1, Math.ceil(list.length / PAGE));
    page = Math.min(page, pages - 1);
    tbody.textContent = "";
    list.slice(page * PAGE, page * PAGE + PAGE).forEach(function (s) {
      var tr = document.createElement("tr");
      tr.dataset.story = s.id;
      var a = el("a", s.label); a.href = "#"; a.className = "open-story";
      var td = el("td"); td.appendChild(a); tr.appendChild(td);
      ["size", "sources", "edges", "claims", "conflicts", "quotes", "dups", "start"].forEach(function (k) {
        tr.appendChild(el("td", s[k] === null ? "" : s[k]));
      });
      if (view.dataset.story === s.id) tr.className = "current";
      tbody.appendChild(tr);
    });
    var pager = document.getElementById("pager");
    pager.textContent = list.length + " stories, page " + (page + 1) + "/" + pages;
    if (pages > 1) {
      var prev = el("button", "‹"), next = el("button", "›");
      prev.onclick = function () { page = Math.max(0, page - 1); renderTable(); };
      next.onclick = function () { page = Math.min(pages - 1, page + 1); renderTable(); };
      pager.appendChild(prev); pager.appendChild(next);
    }
    document.querySelectorAll("#stories th").forEach(function (th) {
      th.classList.toggle("sorted", th.dataset.key === sortKey);
      th.classList.toggle("asc", th.dataset.key === sortKey && asc);
    });
  }
  function pairPassages(story, a, b) {
    // Spans to mark in a and in b, from every edge between the two (either direction).
    var inA = [], inB = [];
    story.pairs.forEach(function (p) {
      p[3].forEach(function (q) {
        if (p[0] === a && p[1] === b) { inA.push([q[0], q[1], q[4]]); inB.push([q[2], q[3], q[4]]); }
        else if (p[0] === b && p[1] === a) { inA.push([q[2], q[3], q[4]]); inB.push([q[0], q[1], q[4]]); }
      });
    });
    return [inA, inB];
  }
  function renderPane(pane, aid, spans, cited) {
    var art = data.articles[aid] || {text: "", title: aid, source: ""};
    var text = art.text;
    pane.textContent = "";
    pane.dataset.article = aid;
    pane.appendChild(el("h5", (art.source ? art.source + " — " : "") + (art.title || aid)));
    var marks = spans.map(function (s) { return {start: s[0], end: s[1], cls: "p-" + s[2]}; });
    if (cited) marks.push({start: cited[0], end: cited[1], cls: "cited"});
    marks = marks.filter(function (m) { return m.end > m.start; });
    marks.sort(function (x, y) { return x.start - y.start || y.end - x.end; });
    var at = 0, body = el("div");
    marks.forEach(function (m) {
      if (m.start < at) return; // overlapping spans: the first one wins
      if (m.start > at) body.appendChild(document.createTextNode(text.slice(at, m.start)));
      var mark = el("mark", text.slice(m.start, m.end), m.cls);
      mark.dataset.start = m.start; mark.dataset.end = m.end;
      body.appendChild(mark);
      at = m.end;
    });
    body.appendChild(document.createTextNode(text.slice(at)));
    pane.appendChild(body);
  }
  function renderPair(section, cited) {
    var story = byId[section.dataset.story];
    var a = section.querySelector(".pick-a").value, b = section.querySelector(".pick-b").value;
    var spans = pairPassages(story, a, b);
    renderPane(section.querySelector(".pane-a"), a, spans[0], cited && cited.article === a ? cited.span : null);
    renderPane(section.querySelector(".pane-b"), b, a === b ? [] : spans[1],
      cited && cited.article === b && a !== b ? cited.span : null);
  }
  function openStory(id, scroll) {
    var tpl = document.getElementById("tpl-" + id);
    if (!tpl) return;
    view.textContent = "";
    view.dataset.story = id;
    view.appendChild(tpl.content.cloneNode(true));
    var section = view.querySelector("section.story"), story = byId[id];
    var pa = section.querySelector(".pick-a"), pb = section.querySelector(".pick-b");
    // Default pair: the first edge with passages, else the first two articles.
    var first = story.pairs.filter(function (p) { return p[3].length; })[0];
    if (first) { pa.value = first[0]; pb.value = first[1]; }
    else if (pb.options.length > 1) pb.selectedIndex = 1;
    pa.onchange = pb.onchange = function () { renderPair(section); };
    renderPair(section);
    renderTable();
    if (scroll) view.scrollIntoView();
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (t.classList.contains("open-story")) {
      ev.preventDefault(); openStory(t.closest("tr").dataset.story, true);
    } else if (t.classList.contains("cite")) {
      ev.preventDefault();
      var section = t.closest("section.story"), aid = t.dataset.article;
      var pa = section.querySelector(".pick-a"), pb = section.querySelector(".pick-b");
      var span = t.dataset.start ? [Number(t.dataset.start), Number(t.dataset.end)] : null;
      if (pa.value !== aid && pb.value !== aid) pa.value = aid;
      renderPair(section, {article: aid, span: span});
      var mark = section.querySelector(".pane[data-article='" + CSS.escape(aid) + "'] mark.cited");
      var target = mark || section.querySelector(".pane[data-article='" + CSS.escape(aid) + "']");
      target.scrollIntoView({block: "center"});
    } else if (t.tagName === "TH" && t.dataset.key && t.closest("#stories")) {
      if (sortKey === t.dataset.key) asc = !asc; else { sortKey = t.dataset.key; asc = false; }
      renderTable();
    }
  });
  document.getElementById("filter").addEventListener("input", function (ev) {
    filter = ev.target.value; page = 0; renderTable();
  });
  renderTable();
  var firstRow = rows()[0];
  if (firstRow) openStory(firstRow.id, false);
})();
