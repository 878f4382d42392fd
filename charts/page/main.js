/* main.js: the timeline page's script, wired from its modules. Dataset
   text is only ever set as text (textContent, or ECharts text styles);
   links are made only for http, https and mailto URLs that the server
   already put in the table. It runs once data.js has unpacked the
   events' core columns. */
(self.timelinePage || (self.timelinePage = {})).boot(function (tl) {
  'use strict';
  var t0 = performance.now();
  var F = tl.flags = { POINT: 1, UNCERTAIN: 2, APPROX: 4, LOWER_OPEN: 8, UPPER_OPEN: 16, ONGOING: 32, ERA: 64 };

  var data = tl.pageData;
  // Lane names as ECharts may draw them (ticks.js's drawable).
  data.lanes = data.lanes.map(tl.drawable);
  var n = data.n;
  // pg is the page's state, shared by the modules: each adds its
  // functions to it.
  var pg = {
    data: data, S: data.strings, n: n,
    locale: data.lang === 'en' ? 'EN' : data.lang.toUpperCase(),
    // Rows are made from the data (table.js); the text columns and their
    // accessors come with the text block (data.js).
    rows: [],
    lo: new Float64Array(n), hi: new Float64Array(n), byId: Object.create(null),
    // Filters: search text and lanes; the time window comes from the zoom.
    laneOn: data.lanes.map(function () { return true; }),
    query: '',
    shown: new Uint8Array(n).fill(1),
    match: new Uint8Array(n).fill(1), // as shown, whatever the time window
    current: -1 // the event in the story card
  };
  var lo = pg.lo, hi = pg.hi, acc = 0, minT = Infinity, maxT = -Infinity, i;
  for (i = 0; i < n; i++) {
    acc += data.lo[i];
    lo[i] = acc * 60000;
    hi[i] = (acc + data.dur[i]) * 60000;
    if (lo[i] < minT) minT = lo[i];
    if (hi[i] > maxT) maxT = hi[i];
  }
  if (!n) { minT = Date.UTC(2000, 0, 1); maxT = Date.UTC(2001, 0, 1); }
  var pad = Math.max((maxT - minT) * 0.03, 86400000);
  pg.axisMin = minT - pad;
  pg.axisMax = maxT + Math.max(pad, (maxT - minT) * 0.12);
  pg.win = [pg.axisMin, pg.axisMax];

  pg.P = function (key, count) { return tl.plural(pg.S, data.lang, key, count); };
  pg.lanesOf = function (k) { var l = data.ln[k]; return typeof l === 'number' ? [l] : l; };
  tl.accessors(pg); // titleOf, dateOf, …: empty until the text block is unpacked (data.js)
  pg.css = function (name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); };
  // Each lane's colour comes from Go (palette.go), the same for a
  // category on every page.
  pg.colorOf = function (lane) {
    var p = document.documentElement.dataset.theme === 'contrast' ? data.contrastColors : data.colors;
    return p[lane];
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

  pg.applyFilters = function () {
    var t = performance.now(), q = pg.query.toLowerCase(), k, count = 0, win = pg.win;
    var hits = q && pg.search ? pg.search(q) : null;
    for (k = 0; k < n; k++) {
      var ok = !hits || hits[k];
      if (ok && !(data.f[k] & F.ERA)) {
        var ls = pg.lanesOf(k), any = false;
        for (var j = 0; j < ls.length; j++) if (pg.laneOn[ls[j]]) { any = true; break; }
        ok = any;
      }
      pg.match[k] = ok ? 1 : 0;
      // The zoomed window filters the table too; eras are kept.
      ok = ok && ((data.f[k] & F.ERA) || (pg.drawnHi(k) >= win[0] && pg.drawnLo(k) <= win[1]));
      pg.shown[k] = ok ? 1 : 0;
      if (ok) count++;
    }
    pg.showRows(count);
    document.getElementById('tlCount').textContent = pg.P('shown', n).replace('{n}', count).replace('{total}', n);
    if (!pg.keepChart) pg.redraw();
    // For the page benchmark (bench/pagetime): what filtering every view
    // took, and how often it ran.
    window.tlFilterTime = performance.now() - t;
    window.tlFilterCount = (window.tlFilterCount || 0) + 1;
  };

  tl.page = pg; // for the browser tests
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
  tl.slides(pg);
  tl.table(pg);
  tl.chrome(pg);

  // Draw now; the rest needs the table.
  pg.redraw();
  window.tlChartTime = Math.round(performance.now());
  function ready() {
    pg.readTable();
    document.documentElement.classList.add('tl-ready');
    // The chart drawn before the text came needs drawing again only if it
    // asked for text (labels) or a search was typed meanwhile.
    pg.keepChart = !pg.wantedText && !pg.query;
    pg.applyFilters();
    pg.keepChart = false;
    // For the page benchmark (bench/pagetime): the search now searches
    // every event.
    window.tlSearchReady = Math.round(performance.now());
    pg.fromHash(true);
    pg.chartEl.dataset.ready = '1';
    window.tlTime = Math.round(performance.now() - t0);
  }
  tl.textBlock.then(function (b) {
    tl.text(pg, b);
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', ready);
    } else {
      ready();
    }
  });
});
