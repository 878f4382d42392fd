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
  // The span of the events, within the axis's margins: what the panel
  // counts, so that it has no bars of the margins (nor, in deep time, of
  // the future).
  pg.dataMin = minT;
  pg.dataMax = maxT;

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
  // inWindow is the range [from, to) of event indices outside which no
  // event meets the time window [w0, w1) (their own ends, not the drawn
  // ones): the events come sorted by their start, so the range is found
  // by bisection, from the starts and the latest end so far.
  var sorted = true, hiMax = new Float64Array(n);
  for (i = 0; i < n; i++) {
    if (i && lo[i] < lo[i - 1]) sorted = false;
    hiMax[i] = i && hiMax[i - 1] > hi[i] ? hiMax[i - 1] : hi[i];
  }
  // bisect is the first index i with a[i] > x (or, if equal, a[i] >= x),
  // for a ascending.
  function bisect(a, x, equal) {
    var l = 0, r = n;
    while (l < r) {
      var m = (l + r) >>> 1;
      if (a[m] > x || (equal && a[m] === x)) r = m; else l = m + 1;
    }
    return l;
  }
  pg.inWindow = function (w0, w1) {
    if (!sorted) return [0, n];
    var to = bisect(lo, w1, true), from = bisect(hiMax, w0, false);
    return [Math.min(from, to), to];
  };

  // The filters in one pass over the columns: a lane index or a list of
  // them (data.ln), the flags, and the drawn ends of open events.
  var ln = data.ln, f = data.f, OPEN_LO = F.LOWER_OPEN, OPEN_HI = F.UPPER_OPEN | F.ONGOING;
  pg.applyFilters = function () {
    var t = performance.now(), q = pg.query.toLowerCase(), k, count = 0;
    var hits = q && pg.search ? pg.search(q) : null;
    var t1 = performance.now();
    var w0 = pg.win[0], w1 = pg.win[1], laneOn = pg.laneOn, match = pg.match, shown = pg.shown;
    var allLanes = laneOn.every(function (on) { return on; });
    for (k = 0; k < n; k++) {
      var ok = !hits || hits[k] === 1, fk = f[k];
      if (ok && !allLanes && !(fk & F.ERA)) {
        var ls = ln[k];
        if (typeof ls === 'number') {
          ok = laneOn[ls];
        } else {
          ok = false;
          for (var j = 0; j < ls.length; j++) if (laneOn[ls[j]]) { ok = true; break; }
        }
      }
      match[k] = ok ? 1 : 0;
      // The zoomed window filters the table too; eras are kept.
      if (ok && !(fk & F.ERA)) {
        var a = (fk & OPEN_LO) ? pg.drawnLo(k) : lo[k];
        var b = (fk & OPEN_HI) ? pg.drawnHi(k) : hi[k];
        ok = b >= w0 && a <= w1;
      }
      shown[k] = ok ? 1 : 0;
      if (ok) count++;
    }
    var t2 = performance.now();
    pg.showRows(count);
    document.getElementById('tlCount').textContent = pg.P('shown', n).replace('{n}', count).replace('{total}', n);
    var t3 = performance.now();
    window.tlPanelTime = 0;
    if (!pg.keepChart) pg.redraw();
    var t4 = performance.now();
    // For the page benchmark (bench/pagetime): what filtering every view
    // took, how often it ran, and its parts: the search, the filters, the
    // table, the chart and the panel below it.
    window.tlFilterTime = t4 - t;
    window.tlFilterCount = (window.tlFilterCount || 0) + 1;
    window.tlSplit = { search: t1 - t, filter: t2 - t1, table: t3 - t2, chart: t4 - t3 - window.tlPanelTime, panel: window.tlPanelTime };
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
  // A term pasted, or the first key after a pause, is searched at once;
  // while keys follow one another the search waits for them to pause, so
  // that typing is not held up by searches of half-typed words.
  var searchTimer = 0, lastKey = -Infinity, TYPING = 300, PAUSE = 120;
  document.getElementById('tlSearch').addEventListener('input', function (e) {
    var now = performance.now(), typing = now - lastKey < TYPING, box = e.target;
    lastKey = now;
    clearTimeout(searchTimer);
    var run = function () { pg.query = box.value.trim(); pg.applyFilters(); };
    if (typing) searchTimer = setTimeout(run, PAUSE); else run();
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
