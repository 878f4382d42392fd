/* main.js: the timeline page's script, wired from its modules. Dataset
   text is only ever set as text (textContent, or ECharts text styles);
   links are made only for http, https and mailto URLs that the server
   already put in the table. */
(function (tl) {
  'use strict';
  var t0 = performance.now();
  var F = tl.flags = { POINT: 1, UNCERTAIN: 2, APPROX: 4, LOWER_OPEN: 8, UPPER_OPEN: 16, ONGOING: 32, ERA: 64 };
  var palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#6b8e23', '#1f77b4', '#d62728'];
  var contrastPalette = ['#ffff00', '#00ffff', '#ff66ff', '#66ff66', '#ff9933', '#ffffff', '#99ccff', '#ff6666'];

  var data = JSON.parse(document.getElementById('tlData').textContent);
  var n = data.id.length;
  // pg is the page's state, shared by the modules: each adds its
  // functions to it.
  var pg = {
    data: data, S: data.strings, n: n,
    locale: data.lang === 'en' ? 'EN' : data.lang.toUpperCase(),
    // The script runs before the table is parsed, so that the chart draws
    // while a long table still streams in; rows are known from readTable
    // on.
    rows: [],
    lo: new Float64Array(n), hi: new Float64Array(n), byId: Object.create(null),
    // Filters: search text and lanes; the time window comes from the zoom.
    laneOn: data.lanes.map(function () { return true; }),
    query: '',
    shown: new Uint8Array(n).fill(1),
    current: -1 // the event in the story card
  };
  var lo = pg.lo, hi = pg.hi, acc = 0, minT = Infinity, maxT = -Infinity, i;
  for (i = 0; i < n; i++) {
    acc += data.lo[i];
    lo[i] = acc * 60000;
    hi[i] = (acc + data.dur[i]) * 60000;
    if (lo[i] < minT) minT = lo[i];
    if (hi[i] > maxT) maxT = hi[i];
    pg.byId[data.id[i]] = i;
  }
  if (!n) { minT = Date.UTC(2000, 0, 1); maxT = Date.UTC(2001, 0, 1); }
  var pad = Math.max((maxT - minT) * 0.03, 86400000);
  pg.axisMin = minT - pad;
  pg.axisMax = maxT + Math.max(pad, (maxT - minT) * 0.12);
  pg.win = [pg.axisMin, pg.axisMax];

  pg.P = function (key, count) { return tl.plural(pg.S, data.lang, key, count); };
  pg.lanesOf = function (k) { var l = data.ln[k]; return typeof l === 'number' ? [l] : l; };
  pg.titleOf = function (k) { return pg.rows[k] ? pg.rows[k].cells[1].firstChild.textContent : ''; };
  pg.dateOf = function (k) { return pg.rows[k] ? pg.rows[k].cells[0].textContent : ''; };
  pg.css = function (name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); };
  pg.colorOf = function (lane) {
    var p = document.documentElement.dataset.theme === 'contrast' ? contrastPalette : palette;
    return p[lane % p.length];
  };
  pg.el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  // An open or unknown end is drawn as a bar fading out over a stretch of
  // the axis: the date is known on one side only. Still ongoing runs to
  // the end of the axis.
  var reach = (pg.axisMax - pg.axisMin) * 0.06;
  pg.drawnLo = function (k) { return (data.f[k] & F.LOWER_OPEN) ? Math.max(pg.axisMin, lo[k] - reach) : lo[k]; };
  pg.drawnHi = function (k) {
    var f = data.f[k];
    if (f & F.ONGOING) return pg.axisMax;
    return (f & F.UPPER_OPEN) ? Math.min(pg.axisMax, hi[k] + reach) : hi[k];
  };
  // visible says whether event k is shown and in the window, for the
  // panels; eras are not.
  pg.visible = function (k) { return pg.shown[k] && !(data.f[k] & F.ERA) && hi[k] > pg.win[0] && lo[k] < pg.win[1]; };

  var hay = null; // each row's text, lower-cased, once searched
  pg.applyFilters = function () {
    var q = pg.query.toLowerCase(), k, count = 0, rows = pg.rows, win = pg.win;
    if (q && !hay && rows.length) {
      hay = new Array(n);
      for (k = 0; k < n; k++) hay[k] = rows[k].textContent.toLowerCase();
    }
    for (k = 0; k < n; k++) {
      // The zoomed window filters the table too; eras are kept.
      var ok = (!q || !hay || hay[k].indexOf(q) >= 0) && ((data.f[k] & F.ERA) || (pg.drawnHi(k) >= win[0] && pg.drawnLo(k) <= win[1]));
      if (ok && !(data.f[k] & F.ERA)) {
        var ls = pg.lanesOf(k), any = false;
        for (var j = 0; j < ls.length; j++) if (pg.laneOn[ls[j]]) { any = true; break; }
        ok = any;
      }
      pg.shown[k] = ok ? 1 : 0;
      if (!pg.paged && rows[k] && rows[k].hidden === ok) rows[k].hidden = !ok;
      if (ok) count++;
    }
    pg.showRows(count);
    document.getElementById('tlCount').textContent = pg.P('shown', n).replace('{n}', count).replace('{total}', n);
    pg.redraw();
  };

  tl.timeline(pg);
  tl.panels(pg);

  // Lane toggles and search.
  var lanesBox = document.getElementById('tlLanes');
  data.lanes.forEach(function (name, l) {
    var label = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', function () { pg.laneOn[l] = box.checked; pg.applyFilters(); });
    var sw = document.createElement('i');
    sw.style.background = pg.colorOf(l);
    label.append(box, sw, document.createTextNode(name));
    lanesBox.append(label);
  });
  var searchTimer = 0;
  document.getElementById('tlSearch').addEventListener('input', function (e) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { pg.query = e.target.value.trim(); pg.applyFilters(); }, 120);
  });

  tl.story(pg);
  tl.table(pg);

  // Draw now; the rest needs the table.
  pg.redraw();
  window.tlChartTime = Math.round(performance.now());
  function ready() {
    pg.readTable();
    document.documentElement.classList.add('tl-ready');
    pg.applyFilters();
    pg.fromHash();
    pg.chartEl.dataset.ready = '1';
    window.tlTime = Math.round(performance.now() - t0);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})(self.timelinePage || (self.timelinePage = {}));
