/* panels.js: the chart below the timeline, for the shown events in the
   zoomed window: events per period (or their running count, or the sum of
   the value column), the top actors, the actor network, a calendar and a
   map. Periods, the spreading of imprecise events and the top-N order come
   from periods.js and rank.js; the unit list, the most periods of the auto
   unit and the number of actors come from Go, in the page data. */
(function (tl) {
  'use strict';
  var CAL_YEARS = 5;

  // panels draws the panel of the page pg and gives pg drawPanel.
  tl.panels = function (pg) {
    var F = tl.flags, P = tl.periods, data = pg.data, S = pg.S, css = pg.css, colorOf = pg.colorOf;
    var freqEl = document.getElementById('tlFreq');
    var freq = freqEl && freqEl.clientWidth ? echarts.init(freqEl, null, { renderer: 'canvas', locale: pg.locale }) : null;
    var freqBins = null;
    var weight = null; // event index → value of the summed column
    if (data.val) { weight = new Map(); data.val.forEach(function (v) { weight.set(v[0], v[1]); }); }

    // Events per period of the zoomed window, stacked by lane. An event
    // coarser than a period is never put in the first period it touches:
    // it is spread evenly over the periods it covers, as a hatched series
    // of its own.
    var inWin = new Int32Array(pg.n); // the events drawPeriods counts
    // periodsOf keeps, for the last two units drawn, the first and last
    // period of each event in them (known says which are worked out).
    var periodCache = [];
    function periodsOf(u) {
      for (var i = 0; i < periodCache.length; i++) if (periodCache[i].unit === u) return periodCache[i];
      var c = { unit: u, a: new Float64Array(pg.n), b: new Float64Array(pg.n), known: new Uint8Array(pg.n) };
      periodCache.unshift(c);
      periodCache.length = Math.min(periodCache.length, 2);
      return c;
    }
    function drawPeriods(cumulative, sum) {
      var win = pg.win, w0 = win[0], w1 = win[1], lo = pg.lo, hi = pg.hi, shown = pg.shown, laneOn = pg.laneOn, fl = data.f, ln = data.ln, k, j, m = 0;
      // The shown events of the window, eras not: found in the range of
      // events that may meet it.
      var r = pg.inWindow(w0, w1);
      for (k = r[0]; k < r[1]; k++) if (shown[k] && !(fl[k] & F.ERA) && hi[k] > w0 && lo[k] < w1) inWin[m++] = k;
      // The periods counted are those of the events' span in the window:
      // none of the axis's margins (nor, in deep time, of the future).
      var d0 = Math.max(w0, pg.dataMin), d1 = Math.min(w1, pg.dataMax);
      if (d0 < d1) { w0 = d0; w1 = d1; }
      // As timeline chart's auto: at most a few periods an event of the
      // window, so 20 events over 22 years are counted by year.
      var u = P.autoUnit(w0, w1, data.units, P.eventLimit(m, data.maxPeriods, data.minPeriods, data.perEvent), S);
      var base = P.index(w0, u);
      var bins = new P.Binner(u, base, P.lastIndex(w1, u), data.lanes.length), open = 0;
      var OPEN = F.LOWER_OPEN | F.UPPER_OPEN | F.ONGOING;
      // Each event's periods are worked out once for a unit, when the
      // Binner takes them (addPeriods), and kept for the next frames.
      var pc = periodsOf(u);
      for (j = 0; j < m; j++) {
        k = inWin[j];
        // An unknown or open end leaves no span to spread the event over.
        if (fl[k] & OPEN) { open++; continue; }
        var w = 1;
        if (sum) { if (!weight || !weight.has(k)) continue; w = weight.get(k); }
        if (!pc.known[k]) { pc.a[k] = P.index(lo[k], u); pc.b[k] = P.lastIndex(hi[k], u); pc.known[k] = 1; }
        var ls = ln[k], nl = typeof ls === 'number' ? 1 : ls.length;
        for (var l = 0; l < nl; l++) {
          var lane = typeof ls === 'number' ? ls : ls[l];
          if (!laneOn[lane]) continue;
          bins.addPeriods(pc.a[k], pc.b[k], lane, w);
        }
      }
      var labels = bins.labels(S, w1);
      freqBins = { base: base, unit: u };
      var unitName = S['unit_' + u];
      var round = function (a) { return Array.prototype.map.call(a, function (v) { return P.round(v, 1000); }); };
      var run = function (a) {
        if (!cumulative) return round(a);
        var out = [], total = 0;
        for (var m = 0; m < a.length; m++) { total += a[m]; out.push(P.round(total, 1000)); }
        return out;
      };
      var type = cumulative ? 'line' : 'bar';
      var series = data.lanes.map(function (name, l) {
        return { id: 'lane' + l, name: name, type: type, stack: 'e', showSymbol: false, areaStyle: cumulative ? { opacity: 0.5 } : undefined, data: laneOn[l] ? run(bins.series[l]) : [], itemStyle: { color: colorOf(l) } };
      });
      series.push({ id: 'imprecise', name: S.imprecise.replace('{unit}', unitName), type: type, stack: 'e', showSymbol: false, data: bins.coarse ? run(bins.imprecise) : [],
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#9aa0a6', opacity: 0.6, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: 0.785 } } });
      var muted = css('--muted'), fg = css('--fg');
      // The title and its note wrap clear of the toolbox at the right.
      var W = width(), room = Math.max(120, W - 2 * 90);
      var titleText = tl.wrapText(sum ? S.panel_sum + ': ' + data.valName + ' (' + unitName + ')' : cumulative ? S.panel_cum : S.freq.replace('{unit}', unitName), 'bold 13px sans-serif', room);
      var subText = open ? tl.wrapText(pg.P('open_left', open).replace('{n}', open), '12px sans-serif', room) : '';
      // The plot starts below the title and the toolbox as drawn, with
      // room for the axis name: measured once for each number of lines
      // of the title and its note at a width.
      var head = W + ' ' + titleText.split('\n').length + ' ' + (subText ? subText.split('\n').length : 0), top = headTops.get(head);
      var kind = cumulative ? 'cum' : sum ? 'sum' : 'freq';
      freq.setOption({
        animation: false, useUTC: true, aria: { enabled: true },
        title: { text: titleText, subtext: subText, left: 'center', itemGap: 2, textStyle: { color: fg, fontSize: 13, lineHeight: 16 }, subtextStyle: { color: muted, fontSize: 12, lineHeight: 15 } },
        tooltip: { trigger: 'axis', renderMode: 'richText', backgroundColor: css('--panel'), borderColor: css('--line'), textStyle: { color: fg } },
        legend: { show: false },
        grid: { left: 8, right: 24, top: top || 60, bottom: 8, containLabel: true },
        // Labels at round steps (ticks.js), as many as fit.
        xAxis: { type: 'category', data: labels, axisLabel: { color: muted, interval: tickInterval(labels, u, base) } },
        yAxis: { type: 'value', name: S.freq_y, nameTextStyle: { color: muted }, axisLabel: { color: muted }, splitLine: { lineStyle: { color: css('--line'), opacity: 0.5 } } },
        // Brushing periods zooms the timeline (and so every view) to them.
        brush: { xAxisIndex: 0, toolbox: ['lineX', 'clear'], brushStyle: { color: 'rgba(120,140,170,0.25)' } },
        toolbox: { right: 8, top: 0, feature: { brush: { type: ['lineX', 'clear'] } }, iconStyle: { borderColor: muted } },
        series: series
      // The same kind of panel as last drawn is updated in place (every
      // series has an id), which is much quicker than drawing it anew.
      }, kind !== drawnKind);
      drawnKind = kind;
      if (!top) {
        headTops.set(head, top = tl.headBottom(freq) + 22);
        freq.setOption({ grid: { top: top } });
      }
    }
    var headTops = new Map(), drawnKind = '';
    // width is the panel's width, known without a layout of the page
    // but after a resize.
    var freqW = 0;
    function width() { return freqW || (freqW = freqEl.clientWidth); }
    if (window.ResizeObserver) new ResizeObserver(function () { freqW = freqEl.clientWidth; }).observe(freqEl);
    window.addEventListener('resize', function () { freqW = 0; });
    var measure = document.createElement('canvas').getContext('2d');
    function tickInterval(labels, u, base) {
      measure.font = '12px sans-serif';
      var widest = 0, keys = [];
      for (var i = 0; i < labels.length; i++) {
        widest = Math.max(widest, measure.measureText(labels[i]).width);
        keys.push(tl.tickKey(u, base + i));
      }
      var most = Math.floor((width() - 80) / (widest + 16));
      return tl.tickInterval(keys, tl.tickStep(keys, tl.tickKind(u), most));
    }
    var panelSel = document.getElementById('tlPanel'), panelKind = 'freq';
    if (panelSel) panelSel.addEventListener('change', function () { panelKind = panelSel.value; pg.drawPanel(); });
    pg.drawPanel = function () {
      if (!freq) return;
      var t = performance.now();
      freqBins = null;
      if (panelKind !== 'calendar') panelHeight(0);
      if (panelKind === 'actors') drawActors();
      else if (panelKind === 'network') drawNetwork();
      else if (panelKind === 'calendar') drawCalendar();
      else if (panelKind === 'map') drawMap();
      else drawPeriods(panelKind === 'cum', panelKind === 'sum');
      if (panelKind === 'actors' || panelKind === 'network' || panelKind === 'calendar' || panelKind === 'map') drawnKind = '';
      // For the page benchmark (bench/pagetime): what the panel took.
      window.tlPanelTime = (window.tlPanelTime || 0) + performance.now() - t;
    };
    function panelBase() {
      var fg = css('--fg'), muted = css('--muted');
      return {
        fg: fg, muted: muted,
        option: { animation: false, aria: { enabled: true }, legend: { show: false },
          // Tooltips drawn on the chart: ECharts' HTML ones carry inline
          // styles, which the page's Content-Security-Policy refuses.
          tooltip: { renderMode: 'richText', backgroundColor: css('--panel'), borderColor: css('--line'), textStyle: { color: fg } } }
      };
    }
    // actorsOf lists the actors of event k (none until the text block is
    // unpacked).
    function actorsOf(k) { return pg.actorsOf(k).filter(function (a) { return a; }); }
    // eachVisible calls f with each shown event of the window, eras not.
    function eachVisible(f) {
      var r = pg.inWindow(pg.win[0], pg.win[1]);
      for (var k = r[0]; k < r[1]; k++) if (pg.visible(k)) f(k);
    }
    // The top actors of the shown events in the window.
    function drawActors() {
      var counts = new Map();
      eachVisible(function (k) {
        actorsOf(k).forEach(function (a) { counts.set(a, (counts.get(a) || 0) + 1); });
      });
      var top = tl.topN(counts, data.top);
      var b = panelBase(), o = b.option;
      o.title = { text: S.panel_actors, left: 'center', textStyle: { color: b.fg, fontSize: 13 } };
      o.tooltip.trigger = 'axis';
      o.grid = { left: 8, right: 32, top: 30, bottom: 8, containLabel: true };
      o.xAxis = { type: 'value', axisLabel: { color: b.muted }, splitLine: { lineStyle: { color: css('--line'), opacity: 0.5 } } };
      o.yAxis = { type: 'category', inverse: true, data: top.map(function (t) { return tl.drawable(t[0]); }), axisLabel: { color: b.fg, width: 160, overflow: 'truncate' } };
      o.series = [{ type: 'bar', name: S.freq_y, data: top.map(function (t) { return t[1]; }), itemStyle: { color: colorOf(0) } }];
      freq.setOption(o, true);
      freq.setOption({ grid: { top: tl.headBottom(freq) + 8 } });
    }
    // The top actors of the shown events in the window, linked by the
    // events they share.
    function drawNetwork() {
      var net = new tl.Network();
      eachVisible(function (k) { net.add(actorsOf(k)); });
      var g = net.graph(data.top, 1), maxC = g.nodes.length ? g.nodes[0][1] : 1;
      var b = panelBase(), o = b.option;
      o.title = { text: S.panel_network, left: 'center', textStyle: { color: b.fg, fontSize: 13 } };
      // A circle keeps every actor inside the panel, whatever their number,
      // with room around it for the labels (cut on a narrow screen; the
      // tooltip has the name) and nodes small enough to sit side by side.
      measure.font = '12px sans-serif';
      var W = freqEl.clientWidth, H = freqEl.clientHeight, longest = 0;
      g.nodes.forEach(function (t) { longest = Math.max(longest, measure.measureText(t[0]).width); });
      var lw = Math.min(longest, W * 0.22), m = lw + 24, top = 30;
      var d = Math.max(40, Math.min(W - 2 * m, H - top - 2 * m)), vpad = (H - top - d) / 2;
      var k = Math.min(1, Math.PI * d / Math.max(1, g.nodes.length) * 0.8 / 36);
      o.series = [{ type: 'graph', layout: 'circular', circular: { rotateLabel: true }, roam: true, top: top + vpad, bottom: vpad, left: (W - d) / 2, right: (W - d) / 2,
        label: { show: true, position: 'right', color: b.fg, width: lw, overflow: 'truncate' }, labelLayout: { hideOverlap: true }, lineStyle: { color: b.muted, opacity: 0.6 },
        data: g.nodes.map(function (t) { return { name: tl.drawable(t[0]), value: t[1], symbolSize: k * (8 + 28 * Math.sqrt(t[1] / maxC)), itemStyle: { color: colorOf(0) } }; }),
        links: g.links.map(function (l) { return { source: tl.drawable(l[0]), target: tl.drawable(l[1]), value: l[2] }; }) }];
      freq.setOption(o, true);
    }
    // Day-precise shown events in the window, per day, for the last
    // CAL_YEARS years of the window that have any; the panel takes the
    // height they need, and says how many earlier years zooming in would
    // show.
    function panelHeight(px) {
      var h = px ? px + 'px' : '';
      if (freqEl.style.height !== h) { freqEl.style.height = h; freq.resize(); }
    }
    function pad2(v) { return (v < 10 ? '0' : '') + v; }
    function drawCalendar() {
      var days = new Map(), years = new Set(), maxV = 1;
      eachVisible(function (k) {
        if (!(data.f[k] & F.POINT)) return;
        var d = new Date(pg.lo[k]), key = d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate());
        // ECharts' calendar reads a year below 100 as one of the 1900s,
        // and a day in it throws (chart.go's calendarFirstYear).
        if (d.getUTCFullYear() < 100) return;
        days.set(key, (days.get(key) || 0) + 1);
        maxV = Math.max(maxV, days.get(key));
        years.add(d.getUTCFullYear());
      });
      var ys = Array.from(years).sort(function (a, b) { return a - b; }), more = Math.max(0, ys.length - CAL_YEARS);
      ys = ys.slice(-CAL_YEARS);
      panelHeight(90 + Math.max(1, ys.length) * 120);
      var b = panelBase(), o = b.option;
      o.title = { text: S.panel_calendar, subtext: more ? pg.P('calendar_more', more).replace('{n}', more) : '', left: 'center', textStyle: { color: b.fg, fontSize: 13 }, subtextStyle: { color: b.muted } };
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
    // place sized by its count, zoomed to the region of the marks, with a
    // legend of the sizes.
    var mapReady = false;
    function drawMap() {
      if (!data.geo) return;
      if (!mapReady) { echarts.registerMap('world', data.world); mapReady = true; }
      var places = new Map();
      data.geo.forEach(function (g) {
        var k = g[0];
        if (!pg.visible(k)) return;
        var key = Math.round(g[1] * 100) + ',' + Math.round(g[2] * 100);
        var p = places.get(key);
        if (!p) { p = { name: tl.drawable(pg.placeOf(k)), value: [g[2], g[1], 0] }; places.set(key, p); }
        p.value[2]++;
      });
      var pts = Array.from(places.values()), maxV = 1;
      pts.forEach(function (p) { maxV = Math.max(maxV, p.value[2]); });
      function size(v) { return tl.markSize(v, maxV); }
      pts.forEach(function (p) { p.symbolSize = size(p.value[2]); });
      var b = panelBase(), o = b.option, bg = css('--bg');
      // The title on the page's background: the map may reach under it.
      o.title = { text: S.panel_map, left: 'center', top: 4, padding: [2, 6], backgroundColor: bg, textStyle: { color: b.fg, fontSize: 13 } };
      o.geo = { map: 'world', roam: true, top: 30, bottom: 8, left: 8, right: 8, boundingCoords: region(pts), itemStyle: { areaColor: css('--panel'), borderColor: css('--line') }, emphasis: { disabled: true } };
      o.series = [{ type: 'scatter', coordinateSystem: 'geo', name: S.freq_y, data: pts, encode: { tooltip: 2 }, itemStyle: { color: colorOf(0), opacity: 0.75 } }];
      o.graphic = pts.length ? [sizeLegend(maxV, size, b, bg)] : [];
      freq.setOption(o, true);
    }
    // region is the map's bounds, [[west, north], [east, south]], around
    // the places pts (geo.js's mapRegion, as timeline chart's map opens).
    function region(pts) {
      if (!pts.length) return undefined;
      var r = tl.mapRegion(pts.map(function (p) { return p.value; }));
      return [[r[0], r[3]], [r[2], r[1]]];
    }
    // sizeLegend draws, at the panel's lower left, circles of the sizes
    // of the legend's counts (geo.js's legendValues), with their counts.
    function sizeLegend(maxV, size, b, bg) {
      var counts = tl.legendValues(maxV);
      measure.font = '12px sans-serif';
      var pad = 6, capH = 16, d = size(maxV), rowY = pad + capH + d / 2, x = pad, items = [];
      items.push({ type: 'text', x: pad, y: pad, style: { text: S.freq_y, fill: b.muted, font: '12px sans-serif', verticalAlign: 'top' } });
      counts.forEach(function (v) {
        var r = size(v) / 2, label = String(v);
        items.push({ type: 'circle', shape: { cx: x + r, cy: rowY, r: r }, style: { fill: colorOf(0), opacity: 0.75 } });
        x += 2 * r + 4;
        items.push({ type: 'text', x: x, y: rowY, style: { text: label, fill: b.fg, font: '12px sans-serif', verticalAlign: 'middle' } });
        x += measure.measureText(label).width + 10;
      });
      var wBox = Math.max(x - 10 + pad, pad * 2 + measure.measureText(S.freq_y).width), hBox = rowY + d / 2 + pad;
      items.unshift({ type: 'rect', shape: { x: 0, y: 0, width: wBox, height: hBox, r: 3 }, style: { fill: bg, opacity: 0.85, stroke: css('--line') } });
      // Above the map, which may reach under it.
      items.forEach(function (it) { it.z = 100; });
      return { type: 'group', id: 'sizeLegend', left: 8, bottom: 8, silent: true, children: items };
    }
    if (freq) {
      freq.on('brushEnd', function (e) {
        var area = e.areas && e.areas[0];
        if (!area || !freqBins || !area.coordRange) return;
        var a = freqBins.base + Math.max(0, Math.round(area.coordRange[0])), b = freqBins.base + Math.round(area.coordRange[1]);
        freq.dispatchAction({ type: 'brush', areas: [] });
        pg.zoomTo(P.start(a, freqBins.unit), P.start(b + 1, freqBins.unit));
      });
      freq.on('click', function (p) {
        if (!freqBins) return;
        var i = freqBins.base + p.dataIndex;
        pg.zoomTo(P.start(i, freqBins.unit), P.start(i + 1, freqBins.unit));
      });
      window.addEventListener('resize', function () { freq.resize(); });
    }
  };
})(self.timelinePage || (self.timelinePage = {}));
