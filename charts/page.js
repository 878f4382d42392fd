/* The timeline page's script. Dataset text is only ever set as text
   (textContent, or ECharts text styles); links are made only for http, https
   and mailto URLs that the server already put in the table. */
(function () {
  'use strict';
  var t0 = performance.now();
  var POINT = 1, UNCERTAIN = 2, APPROX = 4, LOWER_OPEN = 8, UPPER_OPEN = 16, ONGOING = 32, ERA = 64;
  var LIMIT = 2500; // marks drawn one by one; above this, events are binned

  var data = JSON.parse(document.getElementById('tlData').textContent);
  var S = data.strings;
  // P returns string key inflected for the count n: the forms and rules
  // are pluralForm's in say.go.
  function P(key, n) {
    var form = '', d = n % 10, h = n % 100;
    if (data.lang === 'ru') form = d === 1 && h !== 11 ? 'one' : d >= 2 && d <= 4 && (h < 12 || h > 14) ? 'few' : 'many';
    else if (n === 1 || (n === 0 && data.lang === 'fr')) form = 'one';
    return (form && S[key + '_' + form]) || S[key];
  }
  var n = data.id.length;
  // The script runs before the table is parsed, so that the chart draws
  // while a long table still streams in; rows are known from ready() on.
  var rows = [];
  var lo = new Float64Array(n), hi = new Float64Array(n);
  var acc = 0, minT = Infinity, maxT = -Infinity, i;
  var byId = Object.create(null);
  for (i = 0; i < n; i++) {
    acc += data.lo[i];
    lo[i] = acc * 60000;
    hi[i] = (acc + data.dur[i]) * 60000;
    if (lo[i] < minT) minT = lo[i];
    if (hi[i] > maxT) maxT = hi[i];
    byId[data.id[i]] = i;
  }
  if (!n) { minT = Date.UTC(2000, 0, 1); maxT = Date.UTC(2001, 0, 1); }
  var pad = Math.max((maxT - minT) * 0.03, 86400000);
  var axisMin = minT - pad, axisMax = maxT + Math.max(pad, (maxT - minT) * 0.12);
  function lanesOf(k) { var l = data.ln[k]; return typeof l === 'number' ? [l] : l; }
  function titleOf(k) { return rows[k] ? rows[k].cells[1].firstChild.textContent : ''; }
  function dateOf(k) { return rows[k] ? rows[k].cells[0].textContent : ''; }

  var palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#6b8e23', '#1f77b4', '#d62728'];
  var contrastPalette = ['#ffff00', '#00ffff', '#ff66ff', '#66ff66', '#ff9933', '#ffffff', '#99ccff', '#ff6666'];
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function colorOf(lane) {
    var p = document.documentElement.dataset.theme === 'contrast' ? contrastPalette : palette;
    return p[lane % p.length];
  }

  // Filters: search text and lanes; the time window comes from the zoom.
  var laneOn = data.lanes.map(function () { return true; });
  var query = '';
  var hay = null;
  var shown = new Uint8Array(n).fill(1);
  var current = -1;

  function applyFilters() {
    var q = query.toLowerCase(), k, count = 0;
    if (q && !hay && rows.length) {
      hay = new Array(n);
      for (k = 0; k < n; k++) hay[k] = rows[k].textContent.toLowerCase();
    }
    for (k = 0; k < n; k++) {
      // The zoomed window filters the table too; eras are kept.
      var ok = (!q || !hay || hay[k].indexOf(q) >= 0) && ((data.f[k] & ERA) || (drawnHi(k) >= win[0] && drawnLo(k) <= win[1]));
      if (ok && !(data.f[k] & ERA)) {
        var ls = lanesOf(k), any = false;
        for (var j = 0; j < ls.length; j++) if (laneOn[ls[j]]) { any = true; break; }
        ok = any;
      }
      shown[k] = ok ? 1 : 0;
      if (!paged && rows[k] && rows[k].hidden === ok) rows[k].hidden = !ok;
      if (ok) count++;
    }
    shownCount = count;
    limit = PAGE;
    showRows();
    document.getElementById('tlCount').textContent = P('shown', n).replace('{n}', count).replace('{total}', n);
    redraw();
  }

  // The chart.
  var chartEl = document.getElementById('tlChart');
  var chart = echarts.init(chartEl, null, { renderer: 'canvas', locale: data.lang === 'en' ? 'EN' : data.lang.toUpperCase() });
  var option = data.option;
  var win = [axisMin, axisMax];

  function fade(color, left, right) {
    var stops = [];
    stops.push({ offset: 0, color: left ? transparent(color) : color });
    if (left) stops.push({ offset: left, color: color });
    if (right) stops.push({ offset: 1 - right, color: color });
    stops.push({ offset: 1, color: right ? transparent(color) : color });
    return new echarts.graphic.LinearGradient(0, 0, 1, 0, stops);
  }
  function transparent(c) { return c.length === 7 ? c + '00' : 'rgba(0,0,0,0)'; }

  function renderEvent(params, api) {
    var k = api.value(3), lane = api.value(2), f = api.value(4);
    var cs = params.coordSys;
    var a = api.coord([api.value(0), lane]), b = api.coord([api.value(1), lane]);
    var band = api.size([0, 1])[1];
    var h = Math.max(6, Math.min(16, band * 0.5));
    var color = colorOf(lane);
    var fg = css('--fg');
    if (k < 0) { // a bin of many events
      var shapeB = echarts.graphic.clipRectByRect({ x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 1), height: h },
        { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
      if (!shapeB) return null;
      return { type: 'rect', shape: shapeB, style: { fill: color, opacity: Math.min(1, 0.25 + Math.log10(-k) / 3) } };
    }
    var text = { style: { text: titleOf(k), fill: fg, fontSize: 11, width: 220, overflow: 'truncate' } };
    // A label goes on the side of its mark with more room in the plot,
    // truncated to fit, rather than being cut at the plot's edge.
    function label(left, right) {
      var roomR = cs.x + cs.width - right - 8, roomL = left - cs.x - 8;
      var onRight = roomR >= 160 || roomR >= roomL, room = onRight ? roomR : roomL;
      if (room < 40) { text.ignore = true; room = 40; }
      text.style.width = Math.min(220, room);
      return { position: onRight ? 'right' : 'left', distance: 5 };
    }
    var x;
    if (f & POINT) {
      x = (a[0] + b[0]) / 2;
      if (x < cs.x || x > cs.x + cs.width) return null;
      var r = Math.min(6, h / 2 + 1);
      return {
        type: 'circle', shape: { cx: x, cy: a[1], r: r },
        style: { fill: (f & UNCERTAIN) ? css('--bg') : color, stroke: color, lineWidth: 2, lineDash: (f & UNCERTAIN) ? [3, 2] : null, opacity: (f & APPROX) ? 0.6 : 1 },
        textConfig: label(x - r, x + r), textContent: text
      };
    }
    var shape = echarts.graphic.clipRectByRect({ x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 4), height: h },
      { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
    if (!shape) return null;
    var left = (f & LOWER_OPEN) ? 0.7 : (f & APPROX) ? 0.18 : 0;
    var right = (f & (UPPER_OPEN | ONGOING)) ? 0.7 : (f & APPROX) ? 0.18 : 0;
    return {
      type: 'rect', shape: shape,
      style: {
        fill: (left || right) ? fade(color, left, right) : color,
        opacity: (f & UNCERTAIN) ? 0.55 : 0.9,
        stroke: (f & UNCERTAIN) ? color : null, lineWidth: (f & UNCERTAIN) ? 1.5 : 0, lineDash: (f & UNCERTAIN) ? [4, 3] : null
      },
      textConfig: label(shape.x, shape.x + shape.width), textContent: text
    };
  }

  function renderEra(params, api) {
    var cs = params.coordSys;
    var a = api.coord([api.value(0), 0]), b = api.coord([api.value(1), 0]);
    var f = api.value(3);
    var shape = echarts.graphic.clipRectByRect({ x: a[0], y: cs.y, width: Math.max(b[0] - a[0], 2), height: cs.height },
      { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
    if (!shape) return null;
    var era = css('--era');
    var open = f & (LOWER_OPEN | UPPER_OPEN | ONGOING);
    return {
      type: 'rect', shape: shape, z2: -10,
      style: { fill: open ? fadeEra(era, f) : era, stroke: open ? null : css('--line'), lineWidth: 1 },
      textContent: { style: { text: titleOf(api.value(2)), fill: css('--era-fg'), fontSize: 11, fontStyle: 'italic', width: Math.max(shape.width - 8, 30), overflow: 'truncate' } },
      // Overlapping eras put their labels on staggered lines.
      textConfig: { position: 'insideTopLeft', distance: 4, offset: [0, (params.dataIndex % 3) * 14] }
    };
  }

  function fadeEra(color, f) {
    var clear = 'rgba(0,0,0,0)';
    return new echarts.graphic.LinearGradient(0, 0, 1, 0, [
      { offset: 0, color: (f & LOWER_OPEN) ? clear : color }, { offset: 0.5, color: color },
      { offset: 1, color: (f & (UPPER_OPEN | ONGOING)) ? clear : color }]);
  }

  function tooltip(p) {
    var v = p.value, enc = echarts.format.encodeHTML;
    if (p.seriesId === 'events' && v[3] < 0) {
      return enc(P('events_in', -v[3]).replace('{n}', -v[3])) + '<br>' + enc(data.lanes[v[2]]);
    }
    var k = p.seriesId === 'eras' ? v[2] : v[3];
    return '<b>' + enc(titleOf(k)) + '</b><br>' + enc(dateOf(k)) + (p.seriesId === 'events' ? ' · ' + enc(data.lanes[v[2]]) : '');
  }

  // An open or unknown end is drawn as a bar fading out over a stretch of
  // the axis: the date is known on one side only. Still ongoing runs to the
  // end of the axis.
  var reach = (axisMax - axisMin) * 0.06;
  function drawnLo(k) { return (data.f[k] & LOWER_OPEN) ? Math.max(axisMin, lo[k] - reach) : lo[k]; }
  function drawnHi(k) {
    var f = data.f[k];
    if (f & ONGOING) return axisMax;
    return (f & UPPER_OPEN) ? Math.min(axisMax, hi[k] + reach) : hi[k];
  }

  function redraw() {
    var items = [], eras = [], k, j;
    for (k = 0; k < n; k++) {
      var a = drawnLo(k), b = drawnHi(k);
      if (!shown[k] || b < win[0] || a > win[1]) continue;
      if (data.f[k] & ERA) { eras.push([a, b, k, data.f[k]]); continue; }
      var ls = lanesOf(k);
      for (j = 0; j < ls.length; j++) if (laneOn[ls[j]]) items.push([a, b, ls[j], k, data.f[k]]);
    }
    if (items.length > LIMIT) items = bin(items);
    chart.setOption({ series: [{ id: 'eras', data: eras }, { id: 'events', data: items }] });
    drawFreq();
  }

  // The frequency chart below the timeline: events per period of the zoomed
  // window, stacked by lane, following the search and the lanes. An event
  // coarser than a period is never put in the first period it touches: it
  // is spread evenly over the periods it covers, as a hatched series of its
  // own.
  var UNITS = ['day', 'week', 'month', 'quarter', 'year', 'decade'];
  function binIndex(t, u) {
    var d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth();
    switch (u) {
      case 'day': return Math.floor(t / 86400000);
      case 'week': return Math.floor((Math.floor(t / 86400000) + 3) / 7);
      case 'month': return y * 12 + m;
      case 'quarter': return y * 4 + Math.floor(m / 3);
      case 'year': return y;
    }
    return Math.floor(y / 10);
  }
  function binStart(i, u) {
    switch (u) {
      case 'day': return i * 86400000;
      case 'week': return (i * 7 - 3) * 86400000;
      case 'month': return Date.UTC(Math.floor(i / 12), i % 12 < 0 ? i % 12 + 12 : i % 12, 1);
      case 'quarter': return Date.UTC(Math.floor(i / 4), ((i % 4 + 4) % 4) * 3, 1);
      case 'year': return Date.UTC(i, 0, 1);
    }
    return Date.UTC(i * 10, 0, 1);
  }
  function pad2(n) { return (n < 10 ? '0' : '') + n; }
  function binLabel(i, u) {
    var d = new Date(binStart(i, u)), y = d.getUTCFullYear();
    switch (u) {
      case 'day': case 'week': return y + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate());
      case 'month': return y + '-' + pad2(d.getUTCMonth() + 1);
      case 'quarter': return y + '-Q' + (Math.floor(d.getUTCMonth() / 3) + 1);
      case 'year': return String(y);
    }
    return y + 's';
  }
  var freqEl = document.getElementById('tlFreq');
  var freq = freqEl && freqEl.clientWidth ? echarts.init(freqEl, null, { renderer: 'canvas', locale: data.lang === 'en' ? 'EN' : data.lang.toUpperCase() }) : null;
  var freqBins = null;
  var weight = null; // event index → value of the summed column
  if (data.val) { weight = new Map(); data.val.forEach(function (v) { weight.set(v[0], v[1]); }); }
  function drawPeriods(cumulative, sum) {
    var u = UNITS[UNITS.length - 1], base, end, k, j;
    for (j = 0; j < UNITS.length; j++) {
      if (binIndex(win[1] - 1, UNITS[j]) - binIndex(win[0], UNITS[j]) < 60) { u = UNITS[j]; break; }
    }
    base = binIndex(win[0], u);
    end = binIndex(win[1] - 1, u);
    var nb = end - base + 1;
    var per = data.lanes.map(function () { return new Float64Array(nb); });
    var imp = new Float64Array(nb), coarse = 0, open = 0;
    for (k = 0; k < n; k++) {
      if (!shown[k] || (data.f[k] & ERA) || hi[k] <= win[0] || lo[k] >= win[1]) continue;
      // An unknown or open end leaves no span to spread the event over.
      if (data.f[k] & (LOWER_OPEN | UPPER_OPEN | ONGOING)) { open++; continue; }
      var w = 1;
      if (sum) { if (!weight || !weight.has(k)) continue; w = weight.get(k); }
      var fi = binIndex(lo[k], u), la = binIndex(hi[k] - 1, u), ls = lanesOf(k);
      for (var l = 0; l < ls.length; l++) {
        if (!laneOn[ls[l]]) continue;
        if (fi === la) { per[ls[l]][fi - base] += w; continue; }
        coarse++;
        var share = w / (la - fi + 1);
        for (j = Math.max(fi, base); j <= Math.min(la, end); j++) imp[j - base] += share;
      }
    }
    var labels = [];
    for (j = 0; j < nb; j++) labels.push(binLabel(base + j, u));
    freqBins = { base: base, unit: u };
    var unitName = S['unit_' + u];
    var round = function (a) { return Array.prototype.map.call(a, function (v) { return Math.round(v * 1000) / 1000; }); };
    var run = function (a) {
      if (!cumulative) return round(a);
      var out = [], sum = 0;
      for (var m = 0; m < a.length; m++) { sum += a[m]; out.push(Math.round(sum * 1000) / 1000); }
      return out;
    };
    var type = cumulative ? 'line' : 'bar';
    var series = data.lanes.map(function (name, l) {
      return { id: 'lane' + l, name: name, type: type, stack: 'e', showSymbol: false, areaStyle: cumulative ? { opacity: 0.5 } : undefined, data: laneOn[l] ? run(per[l]) : [], itemStyle: { color: colorOf(l) } };
    });
    series.push({ id: 'imprecise', name: S.imprecise.replace('{unit}', unitName), type: type, stack: 'e', showSymbol: false, data: coarse ? run(imp) : [],
      lineStyle: { type: 'dashed' },
      itemStyle: { color: '#9aa0a6', opacity: 0.6, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: 0.785 } } });
    var muted = css('--muted'), fg = css('--fg');
    freq.setOption({
      animation: false, useUTC: true, aria: { enabled: true },
      title: { text: sum ? S.panel_sum + ': ' + data.valName + ' (' + unitName + ')' : cumulative ? S.panel_cum : S.freq.replace('{unit}', unitName), subtext: open ? P('open_left', open).replace('{n}', open) : '', left: 'center', textStyle: { color: fg, fontSize: 13 }, subtextStyle: { color: muted } },
      tooltip: { trigger: 'axis', backgroundColor: css('--panel'), textStyle: { color: fg } },
      legend: { show: false },
      grid: { left: 8, right: 24, top: open ? 44 : 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { color: muted, hideOverlap: true } },
      yAxis: { type: 'value', name: S.freq_y, nameTextStyle: { color: muted }, axisLabel: { color: muted }, splitLine: { lineStyle: { color: css('--line'), opacity: 0.5 } } },
      // Brushing periods zooms the timeline (and so every view) to them.
      brush: { xAxisIndex: 0, toolbox: ['lineX', 'clear'], brushStyle: { color: 'rgba(120,140,170,0.25)' } },
      toolbox: { right: 8, top: 0, feature: { brush: { type: ['lineX', 'clear'] } }, iconStyle: { borderColor: muted } },
      series: series
    }, true);
  }
  var panelSel = document.getElementById('tlPanel'), panelKind = 'freq';
  if (panelSel) panelSel.addEventListener('change', function () { panelKind = panelSel.value; drawFreq(); });
  function drawFreq() {
    if (!freq) return;
    freqBins = null;
    if (panelKind !== 'calendar') panelHeight(0);
    if (panelKind === 'actors') drawActors();
    else if (panelKind === 'network') drawNetwork();
    else if (panelKind === 'calendar') drawCalendar();
    else if (panelKind === 'map') drawMap();
    else drawPeriods(panelKind === 'cum', panelKind === 'sum');
  }
  function visible(k) { return shown[k] && !(data.f[k] & ERA) && hi[k] > win[0] && lo[k] < win[1]; }
  function panelBase() {
    var fg = css('--fg'), muted = css('--muted');
    return {
      fg: fg, muted: muted,
      option: { animation: false, aria: { enabled: true }, legend: { show: false },
        tooltip: { backgroundColor: css('--panel'), textStyle: { color: fg } } }
    };
  }
  // Top actors of the shown events in the window; the names come from the
  // table, so they are there once the page is loaded.
  function drawActors() {
    var counts = new Map(), k;
    for (k = 0; k < n; k++) {
      if (!visible(k) || !rows[k]) continue;
      rows[k].cells[3].textContent.split('; ').forEach(function (a) {
        if (a) counts.set(a, (counts.get(a) || 0) + 1);
      });
    }
    var top = Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, 15);
    var b = panelBase(), o = b.option;
    o.title = { text: S.panel_actors, left: 'center', textStyle: { color: b.fg, fontSize: 13 } };
    o.tooltip.trigger = 'axis';
    o.grid = { left: 8, right: 32, top: 30, bottom: 8, containLabel: true };
    o.xAxis = { type: 'value', axisLabel: { color: b.muted }, splitLine: { lineStyle: { color: css('--line'), opacity: 0.5 } } };
    o.yAxis = { type: 'category', inverse: true, data: top.map(function (t) { return t[0]; }), axisLabel: { color: b.fg, width: 160, overflow: 'truncate' } };
    o.series = [{ type: 'bar', name: S.freq_y, data: top.map(function (t) { return t[1]; }), itemStyle: { color: colorOf(0) } }];
    freq.setOption(o, true);
  }
  // Actors linked by the shown events in the window they share.
  function drawNetwork() {
    var counts = new Map(), pairs = new Map(), k;
    for (k = 0; k < n; k++) {
      if (!visible(k) || !rows[k]) continue;
      var as = rows[k].cells[3].textContent.split('; ').filter(function (a, i, all) { return a && all.indexOf(a) === i; }).sort();
      as.forEach(function (a, i) {
        counts.set(a, (counts.get(a) || 0) + 1);
        for (var j = i + 1; j < as.length; j++) { var key = a + '\u0000' + as[j]; pairs.set(key, (pairs.get(key) || 0) + 1); }
      });
    }
    var top = Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, 25);
    var inTop = new Set(top.map(function (t) { return t[0]; })), maxC = top.length ? top[0][1] : 1;
    var links = [];
    pairs.forEach(function (v, key) {
      var ab = key.split('\u0000');
      if (inTop.has(ab[0]) && inTop.has(ab[1])) links.push({ source: ab[0], target: ab[1], value: v });
    });
    var b = panelBase(), o = b.option;
    o.title = { text: S.panel_network, left: 'center', textStyle: { color: b.fg, fontSize: 13 } };
    // A circle keeps every actor inside the panel, whatever their number.
    o.series = [{ type: 'graph', layout: 'circular', circular: { rotateLabel: true }, roam: true, top: 90, bottom: 70, left: 200, right: 200,
      label: { show: true, position: 'right', color: b.fg }, labelLayout: { hideOverlap: true }, lineStyle: { color: b.muted, opacity: 0.6 },
      data: top.map(function (t) { return { name: t[0], value: t[1], symbolSize: 8 + 28 * Math.sqrt(t[1] / maxC), itemStyle: { color: colorOf(0) } }; }),
      links: links }];
    freq.setOption(o, true);
  }
  // Day-precise shown events in the window, per day, for the last
  // CAL_YEARS years of the window that have any; the panel takes the height
  // they need, and says how many earlier years zooming in would show.
  var CAL_YEARS = 5;
  function panelHeight(px) {
    var h = px ? px + 'px' : '';
    if (freqEl.style.height !== h) { freqEl.style.height = h; freq.resize(); }
  }
  function drawCalendar() {
    var days = new Map(), years = new Set(), k, maxV = 1;
    for (k = 0; k < n; k++) {
      if (!visible(k) || !(data.f[k] & POINT)) continue;
      var d = new Date(lo[k]), key = d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate());
      if (d.getUTCFullYear() < 1) continue;
      days.set(key, (days.get(key) || 0) + 1);
      maxV = Math.max(maxV, days.get(key));
      years.add(d.getUTCFullYear());
    }
    var ys = Array.from(years).sort(function (a, b) { return a - b; }), more = Math.max(0, ys.length - CAL_YEARS);
    ys = ys.slice(-CAL_YEARS);
    panelHeight(90 + Math.max(1, ys.length) * 120);
    var b = panelBase(), o = b.option;
    o.title = { text: S.panel_calendar, subtext: more ? P('calendar_more', more).replace('{n}', more) : '', left: 'center', textStyle: { color: b.fg, fontSize: 13 }, subtextStyle: { color: b.muted } };
    o.visualMap = { min: 0, max: maxV, show: false, inRange: { color: ['#c6dbef', '#08519c'] } };
    o.calendar = ys.map(function (y, i) {
      return { range: String(y), top: 70 + i * 120, left: 40, right: 16, cellSize: ['auto', 12], yearLabel: { color: b.muted }, monthLabel: { color: b.muted }, dayLabel: { color: b.muted }, itemStyle: { color: css('--bg'), borderColor: css('--line') } };
    });
    o.series = ys.map(function (y, i) {
      var pts = [];
      days.forEach(function (v, key) { if (key.slice(0, key.indexOf('-', 1)) === String(y)) pts.push([key, v]); });
      return { type: 'heatmap', coordinateSystem: 'calendar', calendarIndex: i, name: S.freq_y, data: pts };
    });
    freq.setOption(o, true);
  }
  // The map of the shown, geolocated events in the window, one mark per
  // place sized by its count.
  var mapReady = false;
  function drawMap() {
    if (!data.geo) return;
    if (!mapReady) { echarts.registerMap('world', data.world); mapReady = true; }
    var places = new Map();
    data.geo.forEach(function (g) {
      var k = g[0];
      if (!visible(k)) return;
      var key = Math.round(g[1] * 100) + ',' + Math.round(g[2] * 100);
      var p = places.get(key);
      if (!p) { p = { name: rows[k] ? rows[k].cells[4].textContent : '', value: [g[2], g[1], 0] }; places.set(key, p); }
      p.value[2]++;
    });
    var pts = Array.from(places.values()), maxV = 1;
    pts.forEach(function (p) { maxV = Math.max(maxV, p.value[2]); });
    pts.forEach(function (p) { p.symbolSize = 6 + 24 * Math.sqrt(p.value[2] / maxV); });
    var b = panelBase(), o = b.option;
    o.title = { text: S.panel_map, left: 'center', textStyle: { color: b.fg, fontSize: 13 } };
    o.geo = { map: 'world', roam: true, top: 30, bottom: 8, itemStyle: { areaColor: css('--panel'), borderColor: css('--line') }, emphasis: { disabled: true } };
    o.series = [{ type: 'scatter', coordinateSystem: 'geo', name: S.freq_y, data: pts, encode: { tooltip: 2 }, itemStyle: { color: '#d62728', opacity: 0.75 } }];
    freq.setOption(o, true);
  }
  if (freq) {
    freq.on('brushEnd', function (e) {
      var area = e.areas && e.areas[0];
      if (!area || !freqBins || !area.coordRange) return;
      var a = freqBins.base + Math.max(0, Math.round(area.coordRange[0])), b = freqBins.base + Math.round(area.coordRange[1]);
      freq.dispatchAction({ type: 'brush', areas: [] });
      zoomTo(binStart(a, freqBins.unit), binStart(b + 1, freqBins.unit));
    });
    freq.on('click', function (p) {
      if (!freqBins) return;
      var i = freqBins.base + p.dataIndex;
      zoomTo(binStart(i, freqBins.unit), binStart(i + 1, freqBins.unit));
    });
    window.addEventListener('resize', function () { freq.resize(); });
  }

  // bin groups events into columns a few pixels wide per lane: what a
  // zoomed-out view of thousands of events can honestly show.
  function bin(items) {
    var cols = Math.max(50, Math.floor(chartEl.clientWidth / 4));
    var width = (win[1] - win[0]) / cols;
    var counts = new Map();
    for (var m = 0; m < items.length; m++) {
      var it = items[m];
      var c = Math.floor((Math.max(it[0], win[0]) - win[0]) / width);
      var key = it[2] * 100000 + c;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    var out = [];
    counts.forEach(function (cnt, key) {
      var lane = Math.floor(key / 100000), c = key % 100000;
      out.push([win[0] + c * width, win[0] + (c + 1) * width, lane, -cnt, 0]);
    });
    out.sort(function (x, y) { return x[0] - y[0] || x[2] - y[2]; });
    return out;
  }

  function styleOption() {
    var fg = css('--fg'), muted = css('--muted'), line = css('--line');
    return {
      textStyle: { color: fg },
      xAxis: [{ min: axisMin, max: axisMax, axisLabel: { color: muted, hideOverlap: true }, axisLine: { lineStyle: { color: line } }, splitLine: { show: true, lineStyle: { color: line, opacity: 0.5 } } }],
      yAxis: [{ inverse: true, axisLabel: { color: fg, width: 110, overflow: 'truncate' }, axisLine: { lineStyle: { color: line } }, splitLine: { show: true, lineStyle: { color: line, opacity: 0.35 } } }],
      dataZoom: [{ id: 'inside', filterMode: 'none', zoomOnMouseWheel: true, moveOnMouseMove: true }, { id: 'slider', filterMode: 'none', textStyle: { color: muted }, borderColor: line, labelFormatter: null }],
      tooltip: { backgroundColor: css('--panel'), borderColor: line, textStyle: { color: fg } }
    };
  }

  option.series[0].renderItem = renderEra;
  option.series[1].renderItem = renderEvent;
  option.tooltip.formatter = tooltip;
  option.series[0].tooltip = { formatter: tooltip };
  var st = styleOption();
  option.textStyle = st.textStyle;
  Object.assign(option.xAxis[0], st.xAxis[0]);
  Object.assign(option.yAxis[0], st.yAxis[0]);
  Object.assign(option.dataZoom[0], st.dataZoom[0]);
  Object.assign(option.dataZoom[1], st.dataZoom[1]);
  Object.assign(option.tooltip, st.tooltip);
  chart.setOption(option);

  var zoomTimer = 0;
  chart.on('datazoom', function () {
    var dz = chart.getOption().dataZoom[0];
    win = [axisMin + (axisMax - axisMin) * dz.start / 100, axisMin + (axisMax - axisMin) * dz.end / 100];
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(applyFilters, 30);
  });
  chart.on('click', function (p) {
    var v = p.value;
    if (p.seriesId === 'events' && v[3] < 0) { zoomTo(v[0], v[1]); return; }
    open(p.seriesId === 'eras' ? v[2] : v[3]);
  });
  function zoomTo(a, b) {
    var span = axisMax - axisMin;
    chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: Math.max(0, (a - axisMin) / span * 100), end: Math.min(100, (b - axisMin) / span * 100) });
  }
  document.getElementById('tlFit').addEventListener('click', function () {
    chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: 0, end: 100 });
  });
  window.addEventListener('resize', function () { chart.resize(); });
  if (window.matchMedia) {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () {
      chart.setOption(styleOption()); redraw();
    });
  }

  // Lane toggles.
  var lanesBox = document.getElementById('tlLanes');
  data.lanes.forEach(function (name, l) {
    var label = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', function () { laneOn[l] = box.checked; applyFilters(); });
    var sw = document.createElement('i');
    sw.style.background = colorOf(l);
    label.append(box, sw, document.createTextNode(name));
    lanesBox.append(label);
  });
  var searchTimer = 0;
  document.getElementById('tlSearch').addEventListener('input', function (e) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { query = e.target.value.trim(); applyFilters(); }, 120);
  });

  // The story view.
  var story = document.getElementById('tlStory');
  var URL_RE = /\b(?:https?:\/\/|mailto:)[^\s<>"]+[^\s<>".,;:!?)\]]/g;
  function linkify(parent, text) {
    var last = 0, m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      parent.append(document.createTextNode(text.slice(last, m.index)));
      var a = document.createElement('a');
      a.href = m[0];
      a.textContent = m[0];
      a.rel = 'noopener noreferrer';
      parent.append(a);
      last = m.index + m[0].length;
    }
    parent.append(document.createTextNode(text.slice(last)));
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function open(k) {
    if (k < 0 || k >= n || !rows[k]) return;
    if (current >= 0) rows[current].classList.remove('sel');
    current = k;
    var r = rows[k], c = r.cells;
    story.replaceChildren();
    var close = el('button', '×', 'close');
    close.type = 'button';
    close.setAttribute('aria-label', S.close);
    close.addEventListener('click', closeStory);
    var when = el('p', c[0].textContent, 'when');
    var h = el('h2', titleOf(k));
    h.tabIndex = -1;
    story.append(close, when, h);
    var desc = c[1].querySelector('span');
    if (desc) { var p = el('p'); linkify(p, desc.textContent); story.append(p); }
    var media = c[1].querySelector('a.m');
    if (media) {
      var fig = el('figure');
      var img = document.createElement('img');
      img.src = media.href;
      img.alt = media.textContent;
      fig.append(img, el('figcaption', media.textContent));
      story.append(fig);
    }
    var dl = el('dl');
    function item(label, node) {
      if (!node || !node.textContent.trim()) return;
      dl.append(el('dt', label));
      var dd = el('dd');
      dd.append(node);
      dl.append(dd);
    }
    var heads = document.getElementById('tlTable').tHead.rows[0].cells;
    item(heads[2].textContent, document.createTextNode(c[2].textContent));
    item(S.actors, document.createTextNode(c[3].textContent));
    item(S.location, document.createTextNode(c[4].textContent));
    var src = document.createDocumentFragment();
    c[5].childNodes.forEach(function (node) { src.append(node.cloneNode(true)); });
    var srcSpan = el('span');
    srcSpan.append(src);
    item(S.sources, srcSpan);
    item(S.confidence, document.createTextNode(c[6].textContent));
    item(S.tags, document.createTextNode(c[7].textContent));
    var perm = el('a', '#' + data.id[k]);
    perm.href = '#' + data.id[k];
    item(S.permalink, perm);
    story.append(dl);
    var nav = el('nav');
    var prev = el('button', '← ' + S.prev), next = el('button', S.next + ' →');
    prev.type = next.type = 'button';
    prev.addEventListener('click', function () { step(-1); });
    next.addEventListener('click', function () { step(1); });
    nav.append(prev, next);
    story.append(nav);
    story.hidden = false;
    r.classList.add('sel');
    if (location.hash !== '#' + data.id[k]) history.replaceState(null, '', '#' + data.id[k]);
    if (hi[k] < win[0] || lo[k] > win[1]) {
      var span = Math.max(win[1] - win[0], hi[k] - lo[k]);
      zoomTo(Math.max(axisMin, (lo[k] + hi[k]) / 2 - span / 2), Math.min(axisMax, (lo[k] + hi[k]) / 2 + span / 2));
    }
    h.focus({ preventScroll: true });
    story.scrollIntoView({ block: 'nearest' });
  }
  function closeStory() {
    story.hidden = true;
    if (current >= 0) rows[current].classList.remove('sel');
    current = -1;
    history.replaceState(null, '', location.pathname + location.search);
  }
  function step(d) {
    var k = current;
    do { k += d; } while (k >= 0 && k < n && !shown[k]);
    if (k >= 0 && k < n) open(k);
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.key === 'Escape') { if (!story.hidden) { closeStory(); e.preventDefault(); } return; }
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable) || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowRight') { step(1); e.preventDefault(); }
    if (e.key === 'ArrowLeft') { if (current < 0) { current = n; } step(-1); e.preventDefault(); }
  });
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id && byId[id] !== undefined && byId[id] !== current) open(byId[id]);
  }
  window.addEventListener('hashchange', fromHash);

  // The download link: the CSV travels in the page, gzipped.
  var dl = document.getElementById('tlDownload');
  if (dl && data.csv) {
    dl.addEventListener('click', function (e) {
      if (dl.dataset.ready) return;
      e.preventDefault();
      var bin = atob(data.csv), bytes = new Uint8Array(bin.length);
      for (var m = 0; m < bin.length; m++) bytes[m] = bin.charCodeAt(m);
      new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).blob().then(function (b) {
        dl.href = URL.createObjectURL(new Blob([b], { type: 'text/csv;charset=utf-8' }));
        dl.dataset.ready = '1';
        dl.click();
      });
    });
  }

  // Draw now; the rest needs the table.
  redraw();
  window.tlChartTime = Math.round(performance.now());
  // A long table is shown a page at a time: laying out 100,000 rows
  // freezes the page for many seconds. The rows stay in memory (the story
  // view, search and print read them); without JavaScript all are shown.
  var PAGE = 500, paged = false, limit = PAGE, shownCount = n, tbody = null, more = null;
  function showRows(all) {
    if (!paged) return;
    var frag = document.createDocumentFragment(), put = 0;
    for (var k = 0; k < n && (all || put < limit); k++) if (shown[k]) { frag.appendChild(rows[k]); put++; }
    tbody.replaceChildren(frag);
    var left = shownCount - put;
    more.hidden = left <= 0;
    more.firstChild.textContent = S.more.replace('{n}', Math.min(PAGE, left)).replace('{left}', left);
  }
  function ready() {
    var table = document.getElementById('tlTable');
    tbody = table.tBodies[0];
    rows = Array.prototype.slice.call(tbody.rows);
    if (n > 4 * PAGE) {
      paged = true;
      tbody.replaceChildren();
      more = el('p', undefined, 'more');
      var btn = el('button');
      btn.type = 'button';
      btn.addEventListener('click', function () { limit += PAGE; showRows(); });
      more.append(btn);
      table.after(more);
      window.addEventListener('beforeprint', function () { showRows(true); });
      window.addEventListener('afterprint', function () { showRows(); });
    }
    table.tBodies[0].addEventListener('click', function (e) {
      if (e.target.closest('a')) return;
      var tr = e.target.closest('tr');
      if (tr && byId[tr.id] !== undefined) open(byId[tr.id]);
    });
    document.documentElement.classList.add('tl-ready');
    applyFilters();
    fromHash();
    chartEl.dataset.ready = '1';
    window.tlTime = Math.round(performance.now() - t0);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
