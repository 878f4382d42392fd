/* table.js: the event table, drawn as it scrolls into view. It lists
   every shown event (search, lanes and zoom filter it), sorts by any
   column, tells screen readers the full count (aria-rowcount) and each
   row's place (aria-rowindex), and prints every row. Rows are made from
   the page's data; pg.rows[k] is event k's row, made when asked for. */
(function (tl) {
  'use strict';
  var BUFFER = 12; // rows drawn beyond each edge of the screen
  var MAX_HEIGHT = 8000000; // px: browsers cannot lay out a table much taller
  var CACHE = 6000; // rows kept once made

  // table gives the page pg showRows, readTable, rowEl and rows, and wires
  // the download link.
  tl.table = function (pg) {
    var n = pg.n, el = pg.el;
    var table = null, tbody = null, topPad = null, botPad = null;
    var list = new Int32Array(n), m = 0; // the shown events, in table order
    var order = null, sortCol = 0, sortDir = 1; // order: null is date order
    var rowH = 40, unit = 40, first = 0, last = 0, printing = false, queued = false;
    // near: the table is on the screen or within a screen of it. Away from
    // it the table holds no rows, only the spacer of their height: a zoom
    // of the timeline above then costs no layout of rows nobody sees, and
    // what the table holds is never rows of an earlier filter.
    var near = true;
    var cache = new Map(), ranks = [];
    pg.paged = true;

    // rowEl makes (or finds) the row of event k: the cells the server
    // writes for a page read without JavaScript, from the same data.
    pg.rowEl = function (k) {
      var tr = cache.get(k);
      if (tr) return tr;
      if (cache.size >= CACHE) trim();
      tr = build(k);
      cache.set(k, tr);
      return tr;
    };
    function trim() {
      cache.forEach(function (tr, k) {
        if (k !== pg.current && !tr.isConnected) cache.delete(k);
      });
    }
    function build(k) {
      var tr = document.createElement('tr'), td;
      tr.id = pg.data.id[k];
      tr.dataset.k = k;
      tr.tabIndex = 0;
      if (pg.data.f[k] & tl.flags.ERA) tr.className = 'era';
      if (k === pg.current) tr.classList.add('sel');
      tr.append(el('td', pg.dateOf(k)));
      td = el('td');
      td.append(el('b', pg.titleOf(k)));
      var d = pg.descOf(k);
      if (d) td.append(el('span', d));
      var media = pg.mediaOf(k);
      if (media) {
        var a = el('a', pg.S.media + (media.caption ? ': ' + media.caption : '') + (media.credit ? ' (' + media.credit + ')' : ''), 'm');
        a.href = media.url;
        td.append(a);
      }
      tr.append(td, el('td', pg.laneTextOf(k)), el('td', pg.actorsOf(k).join('; ')), el('td', pg.placeOf(k)));
      td = el('td');
      pg.sourcesOf(k).forEach(function (s, j) {
        if (j) td.append('; ');
        if (s.url) {
          var a = el('a', s.text);
          a.href = s.url;
          td.append(a);
        } else {
          td.append(s.text);
        }
      });
      tr.append(td, el('td', pg.confidenceOf(k)), el('td', pg.tagsOf(k).join('; ')));
      return tr;
    }

    // The text of column c of event k, as sorted.
    var cellText = [
      null, function (k) { return pg.titleOf(k); }, function (k) { return pg.laneTextOf(k); },
      function (k) { return pg.actorsOf(k).join('; '); }, function (k) { return pg.placeOf(k); },
      function (k) { return pg.sourcesOf(k).map(function (s) { return s.text; }).join('; '); },
      function (k) { return pg.confidenceOf(k); }, function (k) { return pg.tagsOf(k).join('; '); }
    ];
    // rankOf numbers each event by where its cell of column c sorts among
    // the distinct values: equal cells share a rank.
    function rankOf(c) {
      if (ranks[c]) return ranks[c];
      var get = cellText[c], ids = new Map(), values = [], of = new Uint32Array(n), k;
      for (k = 0; k < n; k++) {
        var v = get(k), id = ids.get(v);
        if (id === undefined) { id = values.length; ids.set(v, id); values.push(v); }
        of[k] = id;
      }
      var coll = new Intl.Collator(pg.data.lang, { numeric: true });
      var sorted = values.map(function (v, i) { return i; }).sort(function (a, b) { return coll.compare(values[a], values[b]); });
      var pos = new Uint32Array(values.length);
      sorted.forEach(function (v, i) { pos[v] = i; });
      for (k = 0; k < n; k++) of[k] = pos[of[k]];
      return (ranks[c] = of);
    }
    function sortBy(c, dir) {
      sortCol = c;
      sortDir = dir;
      if (c === 0) {
        order = null;
      } else {
        var r = rankOf(c);
        order = new Int32Array(n);
        for (var k = 0; k < n; k++) order[k] = k;
        order.sort(function (a, b) { return r[a] - r[b] || a - b; });
      }
      var heads = table.tHead.rows[0].cells;
      for (var j = 0; j < heads.length; j++) {
        if (j === c) heads[j].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
        else heads[j].removeAttribute('aria-sort');
      }
      pg.showRows();
    }

    // showRows lists the events that pass the filters (pg.shown) in the
    // table's order, and draws the rows on screen.
    pg.showRows = function () {
      if (!tbody) return;
      var shown = pg.shown, i, k;
      m = 0;
      for (i = 0; i < n; i++) {
        var j = sortDir > 0 ? i : n - 1 - i;
        k = order ? order[j] : j;
        if (shown[k]) list[m++] = k;
      }
      table.setAttribute('aria-rowcount', m + 1);
      first = last = 0;
      draw(true);
    };

    // draw puts in the table body the rows from a little above the screen
    // to a little below it, and spacers of the height of the others.
    function draw(force) {
      queued = false;
      if (printing || !tbody) return;
      unit = m * rowH > MAX_HEIGHT ? MAX_HEIGHT / m : rowH;
      if (!near) {
        if (tbody.childNodes.length !== 1 || tbody.firstChild !== topPad) tbody.replaceChildren(topPad);
        first = last = 0;
        pad(topPad, m * unit);
        return;
      }
      var top = tbody.getBoundingClientRect().top, vh = window.innerHeight || 800;
      var a = Math.floor(-top / unit) - 2, b = Math.ceil((vh - top) / unit) + 2;
      a = Math.max(0, Math.min(a, m - 1));
      b = Math.max(Math.min(b, m), Math.min(m, a + 1));
      if (!force && a >= first && b <= last) return;
      first = Math.max(0, a - BUFFER);
      last = Math.min(m, Math.max(b, a + 1) + BUFFER);
      var frag = document.createDocumentFragment();
      frag.append(topPad);
      for (var i = first; i < last; i++) {
        var tr = pg.rowEl(list[i]);
        tr.setAttribute('aria-rowindex', i + 2);
        frag.append(tr);
      }
      frag.append(botPad);
      tbody.replaceChildren(frag);
      pad(topPad, first * unit);
      pad(botPad, (m - last) * unit);
      // Rows are as tall as their text: the spacers follow what the drawn
      // rows measure.
      if (last - first >= 10) {
        var h = (botPad.getBoundingClientRect().top - topPad.getBoundingClientRect().bottom) / (last - first);
        if (h > 0 && Math.abs(h - rowH) > rowH * 0.15) {
          rowH = h;
          queue();
        }
      }
    }
    function pad(tr, h) {
      tr.hidden = h < 1;
      tr.firstChild.style.height = Math.round(h) + 'px';
    }
    function spacer() {
      var tr = document.createElement('tr'), td = document.createElement('td');
      tr.className = 'pad';
      tr.setAttribute('aria-hidden', 'true');
      td.colSpan = 8;
      td.style.padding = '0';
      td.style.border = '0';
      tr.append(td);
      return tr;
    }
    function queue() {
      if (queued) return;
      queued = true;
      requestAnimationFrame(function () { draw(false); });
    }

    // readTable takes over the table the server wrote: its rows, there
    // for readers without JavaScript, make way for the drawn ones.
    pg.readTable = function () {
      table = document.getElementById('tlTable');
      tbody = table.tBodies[0];
      table.closest('.tablewrap').style.contentVisibility = 'visible';
      tbody.style.overflowAnchor = 'none';
      topPad = spacer();
      botPad = spacer();
      pg.rows = new Proxy([], {
        get: function (t, p) {
          if (p === 'length') return n;
          if (typeof p === 'string') {
            var k = +p;
            if (k >= 0 && k < n && String(k) === p) return pg.rowEl(k);
          }
          return t[p];
        }
      });
      var heads = table.tHead.rows[0];
      heads.setAttribute('aria-rowindex', 1);
      Array.prototype.forEach.call(heads.cells, function (th, c) {
        var btn = el('button', th.textContent, 'sort');
        btn.type = 'button';
        btn.addEventListener('click', function () { sortBy(c, c === sortCol ? -sortDir : 1); });
        th.replaceChildren(btn);
      });
      heads.cells[0].setAttribute('aria-sort', 'ascending');
      tbody.addEventListener('click', function (e) {
        if (e.target.closest('a')) return;
        var tr = e.target.closest('tr');
        if (tr && tr.dataset.k) pg.open(+tr.dataset.k);
      });
      tbody.addEventListener('keydown', function (e) {
        var tr = e.target;
        if ((e.key === 'Enter' || e.key === ' ') && tr.tagName === 'TR' && tr.dataset.k) {
          e.preventDefault();
          pg.open(+tr.dataset.k);
        }
      });
      if (window.IntersectionObserver) {
        new IntersectionObserver(function (es) {
          var was = near;
          near = es[es.length - 1].isIntersecting;
          if (near !== was) draw(true);
        }, { rootMargin: '50% 0px' }).observe(table);
      }
      window.addEventListener('scroll', queue, { passive: true });
      window.addEventListener('resize', queue);
      // Paper gets every shown row.
      window.addEventListener('beforeprint', function () {
        printing = true;
        var frag = document.createDocumentFragment();
        for (var i = 0; i < m; i++) {
          var tr = cache.get(list[i]) || build(list[i]);
          tr.setAttribute('aria-rowindex', i + 2);
          frag.append(tr);
        }
        tbody.replaceChildren(frag);
      });
      window.addEventListener('afterprint', function () { printing = false; draw(true); });
    };

    // The download link: the CSV travels in the page, gzipped.
    var dl = document.getElementById('tlDownload');
    if (dl && pg.data.csv) {
      dl.addEventListener('click', function (e) {
        if (dl.dataset.ready) return;
        e.preventDefault();
        var bin = atob(pg.data.csv), bytes = new Uint8Array(bin.length);
        for (var j = 0; j < bin.length; j++) bytes[j] = bin.charCodeAt(j);
        new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).blob().then(function (b) {
          dl.href = URL.createObjectURL(new Blob([b], { type: 'text/csv;charset=utf-8' }));
          dl.dataset.ready = '1';
          dl.click();
        });
      });
    }
  };
})(self.timelinePage || (self.timelinePage = {}));
