/* timeline.js: the timeline chart. Each lane holds as many sub-rows as
   its events need so that no mark or label covers another (the lane
   grows); eras are drawn behind the lanes with their labels in rows of
   their own above them; above LIMIT marks, events are binned. A layer of
   buttons over the canvas, one per mark, carries the keyboard focus and
   each event's accessible name. */
(function (tl) {
  'use strict';
  var LIMIT = 1500; // marks drawn one by one; above this, events are binned
  var ROW = 22; // px per sub-row
  var MAXROWS = 6; // sub-rows a lane shows before "+N more"
  var MAXERAROWS = 3; // rows of era labels
  var LABEL_MAX = 220, LABEL_MIN = 36, GAP = 8, PAD = 5; // label widths, gap between neighbours, mark to label
  var FONT = '11px sans-serif';
  var INSET = 8; // a label inside its bar starts this far in: the bar's start stays in sight
  var TOP = 8, BOTTOM = 58; // the plot's margins in the chart: the x axis labels and the slider go below
  var BINS = -1; // the event of a lane's item that holds its bins
  var PANEL_WAIT = 120; // ms a zoom or pan pauses before the panel follows it
  var SHADES = 20; // a bin's opacity is rounded to a twentieth: the bins of a shade are one path

  // binShade is the shade, 5 to 20 twentieths, a bin of n events is drawn
  // in: fainter the fewer.
  function binShade(n) { return Math.min(SHADES, Math.round((0.25 + Math.log10(n) / 3) * SHADES)); }

  // A lane's bins of one shade are drawn as one path of rectangles: a
  // zoomed-out view of thousands of bins is then a few dozen elements for
  // ECharts to lay out and paint, not one each. xs holds each rectangle's
  // left edge and width.
  var binShape = null;
  function registerBins() {
    if (binShape) return;
    binShape = echarts.graphic.extendShape({
      shape: { xs: [], y: 0, h: 0 },
      buildPath: function (ctx, sh) {
        for (var i = 0; i < sh.xs.length; i += 2) ctx.rect(sh.xs[i], sh.y, sh.xs[i + 1], sh.h);
      }
    });
    echarts.graphic.registerShape('tlBins', binShape);
  }

  // tl.stack assigns each item, sorted by its left edge, the first of at
  // most cap rows whose last item ends GAP before it starts; it returns
  // the rows used and the items that fit in none. An item is {l, r}; row
  // is set on it.
  tl.stack = function (items, cap) {
    var ends = [], over = [];
    for (var m = 0; m < items.length; m++) {
      var it = items[m], r = 0;
      while (r < ends.length && ends[r] > it.l) r++;
      if (r >= cap) { it.row = -1; over.push(it); continue; }
      ends[r] = it.r + GAP;
      it.row = r;
    }
    return { rows: ends.length, over: over };
  };

  // timeline draws the chart of the page pg and gives pg redraw, zoomTo,
  // select and focusEvent.
  tl.timeline = function (pg) {
    var F = tl.flags, data = pg.data, css = pg.css, colorOf = pg.colorOf, titleOf = pg.titleOf, S = pg.S;
    var chartEl = pg.chartEl = document.getElementById('tlChart');
    var marksEl = document.getElementById('tlMarks');
    var chart = pg.chart = echarts.init(chartEl, null, { renderer: 'canvas', locale: pg.locale });
    registerBins();
    // Where the pointer is over the chart, for the tooltip of the bin it is
    // on (a lane's bins are one item): set before ECharts' own handler,
    // which asks for the tooltip, runs. tipBin is the bin the keyboard's
    // focus is on.
    var pointerX = 0, tipBin = null;
    chart.getZr().on('mousemove', function (e) { pointerX = e.offsetX; tipBin = null; });
    var option = data.option;
    var measureCtx = document.createElement('canvas').getContext('2d');
    measureCtx.font = FONT;
    var widths = new Map(); // event → its title's width in px
    var expanded = Object.create(null); // lanes shown in full after "+N more"
    var view = null; // the layout last drawn: rows, items, marks

    function textWidth(k) {
      var w = widths.get(k);
      if (w === undefined) {
        var t = titleOf(k);
        w = Math.ceil(measure(t)) + 2;
        if (t) widths.set(k, w); // not before the titles are read
      }
      return w;
    }
    // measure is the width of t in FONT: in scripts drawn letter by letter
    // (Latin, Greek, Cyrillic …), the sum of its letters' widths, each
    // measured once, which is what canvas measures give within a pixel
    // (kerning only narrows); other text is measured whole. A zoom into
    // thousands of new events then measures letters, not titles. A label
    // is never drawn wider than its room, so a width a little off shows as
    // a gap or an ellipsis, never as an overlap.
    var letterW = new Map();
    function measure(t) {
      var w = 0;
      for (var i = 0; i < t.length; i++) {
        var c = t.charCodeAt(i);
        if (c >= 0x0590) return measureCtx.measureText(t).width;
        var cw = letterW.get(c);
        if (cw === undefined) letterW.set(c, cw = measureCtx.measureText(t[i]).width);
        w += cw;
      }
      return w;
    }
    function plot() {
      var small = chartEl.clientWidth < 600;
      var left = small ? 78 : 128, right = small ? 10 : 20;
      return { x: left, w: Math.max(40, chartEl.clientWidth - left - right), left: left, right: right };
    }

    // cc is css(name) kept for a redraw (and emptied by redraw and
    // styleOption, which a change of theme goes through): the marks'
    // renderItem runs for every item, and getComputedStyle each time is
    // the redraw's cost.
    var cssCache = null;
    function cc(name) {
      if (!cssCache) cssCache = Object.create(null);
      var v = cssCache[name];
      if (v === undefined) v = cssCache[name] = css(name);
      return v;
    }

    function fade(color, left, right) {
      var stops = [];
      stops.push({ offset: 0, color: left ? transparent(color) : color });
      if (left) stops.push({ offset: left, color: color });
      if (right) stops.push({ offset: 1 - right, color: color });
      stops.push({ offset: 1, color: right ? transparent(color) : color });
      return new echarts.graphic.LinearGradient(0, 0, 1, 0, stops);
    }
    function transparent(c) { return c.length === 7 ? c + '00' : 'rgba(0,0,0,0)'; }

    // place lays out the mark of event k over [a, b] in pixels and its
    // label: on the side with room, shortened to the room there, inside a
    // wide bar when neither side has any, or left out (the mark keeps its
    // tooltip and accessible name). It returns the mark's and label's
    // extent.
    function place(k, a, b, P, f) {
      var x0 = P.x, x1 = P.x + P.w, ml, mr;
      if (f & F.POINT) { var x = (a + b) / 2; ml = x - 6; mr = x + 6; } else { ml = Math.max(a, x0); mr = Math.min(Math.max(b, a + 4), x1); }
      var w = Math.min(LABEL_MAX, textWidth(k)), roomR = x1 - mr - PAD, roomL = ml - PAD - x0;
      var side, lw;
      if (roomR >= w) { side = 0; lw = w; } else if (roomL >= w) { side = 1; lw = w; } else {
        var room = Math.max(roomR, roomL);
        if (room >= LABEL_MIN && room >= (mr - ml) - 8) { side = roomR >= roomL ? 0 : 1; lw = room; }
        else if (mr - ml - INSET - 10 >= LABEL_MIN) { side = 2; lw = Math.min(w, mr - ml - INSET - 10); }
        else if (room >= 12) { side = roomR >= roomL ? 0 : 1; lw = room; } else { side = 3; lw = 0; }
      }
      var l = ml, r = mr;
      if (side === 0) r = mr + PAD + lw;
      if (side === 1) l = ml - PAD - lw;
      return { ml: ml, mr: mr, l: l, r: r, side: side, lw: lw };
    }

    function renderEvent(params, api) {
      var k = api.value(3), row = api.value(2), f = api.value(4), lane = api.value(5), side = api.value(6), lw = api.value(7);
      var cs = params.coordSys;
      var y = api.coord([api.value(0), row])[1];
      var a = api.coord([api.value(0), row])[0], b = api.coord([api.value(1), row])[0];
      var h = 12;
      var color = colorOf(lane);
      var fg = cc('--fg');
      if (k === BINS) return renderBins(api, cs, lane, y - h / 2, h, color);
      var sel = k === pg.current;
      // Names tell the tests (which read the boxes drawn) what is what.
      var text = {
        ignore: side === 3,
        style: { text: tl.drawable(titleOf(k)), fill: fg, font: FONT, lineHeight: 14, width: Math.max(lw, 1), overflow: 'truncate', ellipsis: '…' }
      };
      if (side === 2) { text.style.backgroundColor = cc('--bg'); text.style.padding = [0, 3]; text.style.borderRadius = 2; }
      var tc = side === 2 ? { position: 'insideLeft', distance: INSET } : { position: side === 1 ? 'left' : 'right', distance: PAD };
      var ring = sel ? cc('--focus') : null;
      if (f & F.POINT) {
        var x = (a + b) / 2;
        if (x < cs.x - 6 || x > cs.x + cs.width + 6) return null;
        return {
          type: 'circle', name: 'ev', shape: { cx: x, cy: y, r: sel ? 7 : 6 },
          style: { fill: (f & F.UNCERTAIN) ? cc('--bg') : color, stroke: ring || color, lineWidth: sel ? 3 : 2, lineDash: (f & F.UNCERTAIN) && !sel ? [3, 2] : null, opacity: (f & F.APPROX) && !sel ? 0.6 : 1 },
          textConfig: tc, textContent: text
        };
      }
      var shape = echarts.graphic.clipRectByRect({ x: a, y: y - h / 2, width: Math.max(b - a, 4), height: h },
        { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
      if (!shape) return null;
      var left = (f & F.LOWER_OPEN) ? 0.7 : (f & F.APPROX) ? 0.18 : 0;
      var right = (f & (F.UPPER_OPEN | F.ONGOING)) ? 0.7 : (f & F.APPROX) ? 0.18 : 0;
      return {
        type: 'rect', name: 'ev', shape: shape,
        style: {
          fill: (left || right) ? fade(color, left, right) : color,
          opacity: sel ? 1 : (f & F.UNCERTAIN) ? 0.55 : 0.9,
          stroke: ring || ((f & F.UNCERTAIN) ? color : null), lineWidth: sel ? 3 : (f & F.UNCERTAIN) ? 1.5 : 0, lineDash: (f & F.UNCERTAIN) && !sel ? [4, 3] : null
        },
        textConfig: tc, textContent: text
      };
    }

    // renderBins draws lane's bins, of the view last laid out (the one
    // whose items the chart holds), at the axis's present scale: a zoom
    // redraws them before the view is laid out again.
    function renderBins(api, cs, lane, y, h, color) {
      var bs = view && view.bins[lane];
      if (!bs) return null;
      var x0 = api.coord([pg.axisMin, 0])[0], sc = (api.coord([pg.axisMax, 0])[0] - x0) / Math.max(1, pg.axisMax - pg.axisMin);
      var c0 = cs.x, c1 = cs.x + cs.width, shades = [], children = [], i;
      for (i = 0; i < bs.length; i++) {
        var bn = bs[i], l = x0 + (bn.a - pg.axisMin) * sc, r = Math.max(x0 + (bn.b - pg.axisMin) * sc, l + 1);
        if (r <= c0 || l >= c1) continue;
        l = Math.max(l, c0);
        r = Math.min(r, c1);
        var sh = binShade(bn.n);
        (shades[sh] || (shades[sh] = [])).push(l, r - l);
      }
      for (i = 0; i < shades.length; i++) {
        if (shades[i]) children.push({ type: 'tlBins', shape: { xs: shades[i], y: y, h: h }, style: { fill: color, opacity: i / SHADES } });
      }
      return { type: 'group', children: children };
    }
    // binAt is the bin of lane under pixel x, at the axis's present scale,
    // or the nearest.
    function binAt(lane, x) {
      var bs = view && view.bins[lane];
      if (!bs || !bs.length) return null;
      var t = chart.convertFromPixel({ xAxisIndex: 0 }, x);
      var lo = 0, hi = bs.length - 1;
      while (lo < hi) {
        var m = (lo + hi + 1) >>> 1;
        if (bs[m].a <= t) lo = m; else hi = m - 1;
      }
      if (lo + 1 < bs.length && t >= bs[lo].b && bs[lo + 1].a - t < t - bs[lo].b) lo++;
      return bs[lo];
    }

    function renderEra(params, api) {
      var cs = params.coordSys;
      var a = api.coord([api.value(0), 0])[0], b = api.coord([api.value(1), 0])[0];
      var f = api.value(3), row = api.value(4), lw = api.value(5);
      var shape = echarts.graphic.clipRectByRect({ x: a, y: cs.y, width: Math.max(b - a, 2), height: cs.height },
        { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
      if (!shape) return null;
      var era = cc('--era');
      var open = f & (F.LOWER_OPEN | F.UPPER_OPEN | F.ONGOING);
      var y = api.coord([api.value(0), row])[1];
      return {
        type: 'rect', name: 'era', shape: shape, z2: -10,
        style: { fill: open ? fadeEra(era, f) : era, stroke: open ? null : cc('--line'), lineWidth: 1 },
        textContent: { ignore: row < 0, style: { text: tl.drawable(titleOf(api.value(2))), fill: cc('--era-fg'), font: 'italic ' + FONT, lineHeight: 14, width: Math.max(lw, 1), overflow: 'truncate', ellipsis: '…' } },
        textConfig: { position: [api.value(6) - shape.x, y - shape.y - 7], distance: 0 }
      };
    }

    function renderLane(params, api) {
      var cs = params.coordSys, r0 = api.value(0), r1 = api.value(1);
      var y0 = api.coord([pg.axisMin, r0])[1] - ROW / 2, y1 = api.coord([pg.axisMin, r1])[1] + ROW / 2;
      return {
        type: 'group', silent: true, children: [
          { type: 'rect', shape: { x: cs.x, y: y0, width: cs.width, height: y1 - y0 }, style: { fill: api.value(2) % 2 ? cc('--stripe') : 'rgba(0,0,0,0)' }, z2: -20 },
          { type: 'line', shape: { x1: cs.x, y1: y0, x2: cs.x + cs.width, y2: y0 }, style: { stroke: cc('--line'), lineWidth: 1, opacity: 0.6 }, z2: -19 }
        ]
      };
    }

    function fadeEra(color, f) {
      var clear = 'rgba(0,0,0,0)';
      return new echarts.graphic.LinearGradient(0, 0, 1, 0, [
        { offset: 0, color: (f & F.LOWER_OPEN) ? clear : color }, { offset: 0.5, color: color },
        { offset: 1, color: (f & (F.UPPER_OPEN | F.ONGOING)) ? clear : color }]);
    }

    function tooltip(p) {
      var v = p.value, enc = echarts.format.encodeHTML;
      if (p.seriesId === 'events' && v[3] === BINS) {
        var bn = tipBin || binAt(v[5], pointerX);
        if (!bn) return '';
        return enc(pg.P('events_in', bn.n).replace('{n}', bn.n)) + '<br>' + enc(data.lanes[v[5]]) + '<br>' + enc(day(bn.a) + ' – ' + day(bn.b));
      }
      var k = p.seriesId === 'eras' ? v[2] : v[3];
      return '<b>' + enc(titleOf(k)) + '</b><br>' + enc(pg.dateOf(k)) + (p.seriesId === 'events' ? ' · ' + enc(data.lanes[v[5]]) : '');
    }

    // layout decides the rows of the window shown: the era label rows,
    // then each lane on with its sub-rows, and the items drawn in them.
    function layout(all) {
      var win = all ? [pg.axisMin, pg.axisMax] : pg.win, shown = pg.shown, laneOn = pg.laneOn, P = plot();
      if (all) { shown = { length: pg.n }; laneOn = data.lanes.map(function () { return true; }); }
      var scale = P.w / Math.max(1, win[1] - win[0]);
      function px(t) { return P.x + (t - win[0]) * scale; }
      var perLane = data.lanes.map(function () { return []; }), eras = [], count = 0, k, j;
      var fl = data.f, ln = data.ln;
      for (k = 0; k < pg.n; k++) {
        // The window filters pg.shown already, by the drawn ends; every
        // event is drawn within the whole axis.
        if (!all && !shown[k]) continue;
        if (fl[k] & F.ERA) { eras.push(k); continue; }
        var ls = ln[k];
        if (typeof ls === 'number') {
          if (ls >= 0 && laneOn[ls]) { perLane[ls].push(k); count++; }
        } else {
          for (j = 0; j < ls.length; j++) if (laneOn[ls[j]]) { perLane[ls[j]].push(k); count++; }
        }
      }
      var rows = [], items = [], marks = [], laneRows = [], more = [], bins = [];
      // Era labels: stacked in rows of their own.
      var eraItems = eras.map(function (k) {
        var l = Math.max(px(pg.drawnLo(k)), P.x), r = Math.min(px(pg.drawnHi(k)), P.x + P.w);
        // The label may run past its band, in the era rows: from the band's
        // start, or ending at the plot's edge when it would pass it.
        var w = Math.min(textWidth(k) + 4, LABEL_MAX), x1 = P.x + P.w - 4, x = l + 4;
        if (x + w > x1) x = Math.max(P.x + 4, Math.min(x, x1 - w));
        var lw = Math.max(Math.min(w, x1 - x), 20);
        return { k: k, l: x, r: x + lw, lw: lw };
      });
      eraItems.sort(function (x, y) { return x.l - y.l || x.k - y.k; });
      var es = tl.stack(eraItems, MAXERAROWS);
      for (j = 0; j < es.rows; j++) rows.push({ label: j === 0 ? S.legend_era : '', lane: -1 });
      var eraData = eraItems.map(function (e) {
        return [pg.drawnLo(e.k), pg.drawnHi(e.k), e.k, data.f[e.k], e.row, e.lw, e.l];
      });
      var binned = count > LIMIT;
      data.lanes.forEach(function (name, lane) {
        if (!laneOn[lane]) return;
        var first = rows.length, ks = perLane[lane];
        if (binned) {
          rows.push({ label: name, lane: lane });
          laneRows.push([first, first, laneRows.length]);
          bins[lane] = bin(ks, lane, first, items, marks, win, P, px);
          return;
        }
        var its = ks.map(function (k) {
          var f = data.f[k], p = place(k, px(pg.drawnLo(k)), px(pg.drawnHi(k)), P, f);
          p.k = k;
          return p;
        });
        its.sort(function (x, y) { return x.l - y.l || x.k - y.k; });
        var open = !all && expanded[lane], st = tl.stack(its, all || open ? Infinity : MAXROWS);
        var nr = Math.max(1, st.rows);
        for (j = 0; j < nr; j++) rows.push({ label: j === 0 ? name : '', lane: lane });
        its.forEach(function (it) {
          if (it.row < 0) return;
          var k = it.k;
          items.push([pg.drawnLo(k), pg.drawnHi(k), first + it.row, k, data.f[k], lane, it.side, it.lw]);
          marks.push({ k: k, lane: lane, row: first + it.row, l: it.ml, r: it.mr, point: !!(data.f[k] & F.POINT), item: items.length - 1, t: pg.lo[k] });
        });
        // A lane shown in full after "+N more" keeps a button to fold it
        // back, while it needs more rows than a folded lane shows.
        if (st.over.length || (open && st.rows > MAXROWS)) {
          more.push({ lane: lane, row: rows.length, n: st.over.length, fewer: !st.over.length });
          rows.push({ label: '', lane: lane });
        }
        laneRows.push([first, rows.length - 1, laneRows.length]);
      });
      if (!rows.length) rows.push({ label: '', lane: -1 });
      return { rows: rows, items: items, eras: eraData, lanes: laneRows, marks: marks, more: more, binned: binned, bins: bins, P: P };
    }

    // bin groups a lane's events into columns a few pixels wide: what a
    // zoomed-out view of thousands of events can honestly show. The lane
    // is one item of the chart, holding the bins it returns.
    function bin(ks, lane, row, out, marks, win, P, px) {
      var cols = Math.max(50, Math.floor(P.w / 4));
      var width = (win[1] - win[0]) / cols;
      var counts = new Int32Array(cols + 1), c, m, k, lo = pg.lo, fl = data.f, w0 = win[0];
      for (m = 0; m < ks.length; m++) {
        k = ks[m];
        c = Math.floor((Math.max((fl[k] & F.LOWER_OPEN) ? pg.drawnLo(k) : lo[k], w0) - w0) / width);
        counts[c < 0 ? 0 : c > cols ? cols : c]++;
      }
      var bs = [];
      out.push([win[0], win[1], row, BINS, 0, lane, 3, 0]);
      for (c = 0; c <= cols; c++) {
        if (!counts[c]) continue;
        var a = win[0] + c * width, bn = { a: a, b: a + width, n: counts[c] };
        bs.push(bn);
        // A bin takes the focus like a mark; Enter zooms into it.
        marks.push({ k: -1 - marks.length, lane: lane, row: row, l: px(bn.a), r: px(bn.b), point: false, item: out.length - 1, t: a, bin: bn });
      }
      return bs;
    }

    // The zoom slider's handles show their dates beside them, outside the
    // slider: its margins leave room for the widest of the axis's ends, so
    // neither label runs off the chart.
    var sliderCtx = document.createElement('canvas').getContext('2d'), sliderKey = '';
    function fitSlider(P) {
      sliderCtx.font = '12px sans-serif';
      var w = Math.ceil(Math.max(sliderCtx.measureText(tl.dayText(pg.axisMin, S, pg.locale)).width,
        sliderCtx.measureText(tl.dayText(pg.axisMax, S, pg.locale)).width)) + 18;
      // ECharts sizes the slider as the plot unless given a width.
      var left = Math.max(P.left, w), width = Math.max(40, chartEl.clientWidth - left - Math.max(P.right, w)), key = left + ' ' + width;
      if (key === sliderKey) return;
      sliderKey = key;
      chart.setOption({ dataZoom: [{ id: 'inside' }, { id: 'slider', left: left, width: width }] }, { lazyUpdate: true });
    }

    pg.redraw = function () {
      cssCache = null;
      view = layout();
      var rows = view.rows, P = view.P;
      // While a zoom or pan goes on the chart grows but does not shrink:
      // the page below it stays put, and a frame is not a new canvas. It
      // takes the height it needs once the gesture pauses.
      if (pg.gesture && rows.length < heldRows) {
        while (rows.length < heldRows) rows.push({ label: '', lane: -1 });
        shrinkLater = true;
      }
      heldRows = rows.length;
      fitSlider(P);
      var height = Math.max(160, TOP + rows.length * ROW + BOTTOM);
      // A new height and new data are drawn in one pass: the option waits
      // for the resize, which draws it.
      var grow = chartEl.style.height !== height + 'px';
      chart.setOption({
        grid: { left: P.left, right: P.right },
        xAxis: [ticks(pg.win, P.w)],
        yAxis: [{ data: rows.map(function (r, i) { return String(i); }) }],
        series: [{ id: 'eras', data: view.eras }, { id: 'events', data: view.items }, { id: 'lanes', data: view.lanes }]
      }, { lazyUpdate: grow });
      if (grow) {
        chartEl.style.height = height + 'px';
        chart.resize();
      }
      // While a zoom or pan goes on, the layer of buttons over the marks
      // follows once it pauses, unless the keyboard's focus is in it: the
      // browser's style and layout of its thousands of moved buttons
      // would otherwise be half of every frame. Nobody sees the buttons
      // but a focused one.
      if (pg.gesture && !marksBox.contains(document.activeElement)) marksLater = true;
      else { marksLater = false; drawMarks(); }
      drawMore();
      // The panel below follows once the gesture pauses too: its chart
      // would otherwise be most of every frame.
      clearTimeout(panelTimer);
      cancelAnimationFrame(marksFrame);
      if (pg.gesture) {
        pg.panelPending = true;
        panelTimer = setTimeout(function () {
          if (shrinkLater) {
            shrinkLater = false;
            pg.redraw(); // which draws the panel and the buttons too
          } else {
            pg.drawPanel();
          }
          if (!marksLater) { pg.panelPending = false; return; }
          // The buttons in a frame of their own, after the panel's.
          marksFrame = requestAnimationFrame(function () {
            panelTimer = setTimeout(function () {
              marksLater = false;
              drawMarks();
              pg.panelPending = false;
            }, 0);
          });
        }, PANEL_WAIT);
      } else {
        pg.panelPending = false;
        pg.drawPanel();
      }
    };
    var panelTimer = 0, marksFrame = 0, heldRows = 0, shrinkLater = false, marksLater = false;

    // The layer of buttons over the marks: one per event shown (the first
    // of its lanes), in time order, with one in the tab order; and the
    // "+N more" buttons.
    var pool = [], morePool = [], order = [], active = -1;
    var marksBox = document.createElement('div'), moreBox = document.createElement('div');
    marksEl.append(marksBox, moreBox);
    // drawMore places the "+N more" buttons, which are seen: every frame.
    function drawMore() {
      var P = view.P, m;
      view.more.forEach(function (mo, i) {
        var text = mo.fewer ? S.fewer_lane : S.more_lane.replace('{n}', mo.n);
        setButton(morePool[i] || (morePool[i] = newMark(moreBox)), 'more', '', '', mo.lane, text, P.x, -1, TOP + mo.row * ROW + 1, ROW - 2, text + ', ' + data.lanes[mo.lane], null, 0);
      });
      for (m = view.more.length; m < morePool.length; m++) morePool[m].hidden = true;
    }
    function drawMarks() {
      var seen = new Set(), m, btn, used = 0;
      // The buttons are reused for other events: the focus follows its
      // event, not its button.
      var had = marksBox.contains(document.activeElement);
      order = view.marks.filter(function (mk) { if (seen.has(mk.k)) return false; seen.add(mk.k); return true; });
      order.sort(function (x, y) { return x.t - y.t || (x.bin ? x.lane - y.lane : x.k - y.k); });
      var y0 = TOP;
      var tab = 0, cur = -1, act = -1;
      for (m = 0; m < order.length; m++) {
        if (order[m].k === pg.current) cur = m;
        if (order[m].k === active) act = m;
      }
      if (cur >= 0) tab = cur; else if (act >= 0) tab = act;
      for (m = 0; m < order.length; m++) {
        var mk = order[m];
        btn = pool[used] || (pool[used] = newMark(marksBox));
        used++;
        var w = Math.max(8, mk.r - mk.l);
        setButton(btn, 'mark', mk.k, m, '', '', mk.point ? (mk.l + mk.r) / 2 - 8 : mk.l, mk.point ? 16 : w, y0 + mk.row * ROW + 2, ROW - 4,
          mk.bin ? pg.P('events_in', mk.bin.n).replace('{n}', mk.bin.n) + ', ' + data.lanes[mk.lane] + ', ' + day(mk.bin.a) + ' – ' + day(mk.bin.b)
            : pg.dateOf(mk.k) + ', ' + titleOf(mk.k) + ', ' + data.lanes[mk.lane],
          mk.k === pg.current ? 'true' : 'false', m === tab ? 0 : -1);
      }
      for (m = used; m < pool.length; m++) pool[m].hidden = true;
      if (had && !pg.focusEvent(active)) {
        for (m = 0; m < used; m++) if (pool[m].tabIndex === 0) { pool[m].focus(); break; }
      }
    }
    // setButton gives a button of the layer what it shows, touching only
    // what changed since it was last set: a zoom of the binned view moves
    // few of its thousands of buttons.
    function setButton(b, cls, k, m, lane, text, left, width, top, height, label, pressed, tab) {
      var o = b.tlSet || (b.tlSet = {});
      if (o.cls !== cls) b.className = o.cls = cls;
      if (o.k !== k) b.dataset.k = o.k = k;
      if (o.m !== m) b.dataset.m = o.m = m;
      if (o.lane !== lane) b.dataset.lane = o.lane = lane;
      if (o.text !== text) b.textContent = o.text = text;
      if (o.left !== left) { o.left = left; b.style.left = left + 'px'; }
      if (o.width !== width) { o.width = width; b.style.width = width < 0 ? '' : width + 'px'; }
      if (o.top !== top) { o.top = top; b.style.top = top + 'px'; }
      if (o.height !== height) { o.height = height; b.style.height = height + 'px'; }
      if (o.label !== label) b.setAttribute('aria-label', o.label = label);
      if (o.pressed !== pressed) { o.pressed = pressed; if (pressed === null) b.removeAttribute('aria-pressed'); else b.setAttribute('aria-pressed', pressed); }
      if (o.tab !== tab) b.tabIndex = o.tab = tab;
      if (b.hidden) b.hidden = false;
    }
    // day writes t's day, kept by day: the bins' names repeat their days.
    var days = new Map();
    function day(t) {
      var d = Math.floor(t / 86400000), s = days.get(d);
      if (s === undefined) {
        s = tl.dayText(t, S, pg.locale);
        if (days.size > 20000) days.clear();
        days.set(d, s);
      }
      return s;
    }
    function newMark(box) {
      var b = document.createElement('button');
      b.type = 'button';
      box.append(b);
      return b;
    }
    marksEl.addEventListener('click', function (e) {
      var b = e.target.closest('button');
      if (!b) return;
      if (b.className === 'more') {
        // "+N more" shows the lane in full; "Show fewer" folds it back.
        // The focus stays on the lane's button.
        var lane = b.dataset.lane;
        expanded[lane] = !expanded[lane];
        pg.redraw();
        for (var m = 0; m < morePool.length; m++) {
          if (!morePool[m].hidden && morePool[m].dataset.lane === lane) { morePool[m].focus(); break; }
        }
        return;
      }
      var mk = order[+b.dataset.m];
      if (mk && mk.bin) pg.zoomTo(mk.bin.a, mk.bin.b); else pg.open(+b.dataset.k);
    });
    marksEl.addEventListener('focusin', function (e) {
      var b = e.target.closest('button.mark');
      if (!b) return;
      active = +b.dataset.k;
      var mk = order[+b.dataset.m];
      if (!mk) return;
      tipBin = mk.bin || null;
      // A bin's item is its lane's: the tooltip goes beside the bin.
      chart.dispatchAction(mk.bin ? { type: 'showTip', seriesIndex: 1, dataIndex: mk.item, position: [Math.min(mk.r + 4, chartEl.clientWidth - 160), TOP + mk.row * ROW + ROW] }
        : { type: 'showTip', seriesIndex: 1, dataIndex: mk.item });
    });
    marksEl.addEventListener('focusout', function () { tipBin = null; chart.dispatchAction({ type: 'hideTip' }); });
    marksEl.addEventListener('keydown', function (e) {
      var b = e.target.closest('button.mark');
      if (!b || e.altKey || e.ctrlKey || e.metaKey) return;
      var m = +b.dataset.m, to = -1;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') to = m + 1;
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') to = m - 1;
      else if (e.key === 'Home') to = 0;
      else if (e.key === 'End') to = order.length - 1;
      else return;
      e.preventDefault();
      e.stopPropagation();
      if (to < 0 || to >= order.length) return;
      pg.focusEvent(order[to].k);
    });
    // focusEvent moves the keyboard focus to event k's mark, if it is
    // drawn, and says whether it is.
    pg.focusEvent = function (k) {
      var target = null, m;
      for (m = 0; m < pool.length && !target; m++) {
        if (!pool[m].hidden && +pool[m].dataset.k === k) target = pool[m];
      }
      if (!target) return false;
      for (m = 0; m < pool.length; m++) pool[m].tabIndex = pool[m].tlSet.tab = pool[m] === target ? 0 : -1;
      active = k;
      target.focus();
      return true;
    };
    // picture draws the timeline of every event in every lane, over the
    // whole span, width px wide in the light theme, and returns it as a
    // PNG data URL: what the printed page starts with. The chart is back
    // as it was when it returns.
    pg.picture = function (width) {
      var root = document.documentElement, theme = root.dataset.theme, dz = chart.getOption().dataZoom[0];
      var keep = { w: chartEl.style.width, win: pg.win, start: dz.start, end: dz.end };
      root.dataset.theme = 'light';
      chartEl.style.width = width + 'px';
      var P = plot();
      view = layout(true);
      var height = TOP + view.rows.length * ROW + 30;
      chart.resize({ width: width, height: height });
      chart.setOption(styleOption());
      chart.setOption({
        grid: { left: P.left, right: P.right, bottom: 30 },
        dataZoom: [{ start: 0, end: 100 }, { start: 0, end: 100, show: false }],
        xAxis: [ticks([pg.axisMin, pg.axisMax], P.w)],
        yAxis: [{ data: view.rows.map(function (r, i) { return String(i); }), axisLabel: { width: P.left - 14 } }],
        series: [{ id: 'eras', data: view.eras }, { id: 'events', data: view.items }, { id: 'lanes', data: view.lanes }]
      });
      var url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
      root.dataset.theme = theme;
      chartEl.style.width = keep.w;
      pg.win = keep.win;
      chart.setOption(styleOption());
      chart.setOption({ grid: { bottom: BOTTOM }, dataZoom: [{ start: keep.start, end: keep.end }, { start: keep.start, end: keep.end, show: true }] });
      chart.resize();
      pg.redraw();
      return url;
    };
    // marks gives the boxes of the marks drawn, for tests and the strip.
    pg.marks = function () { return view ? view.marks : []; };

    // ticks is the x axis's ticks, labels and split lines over the window
    // win drawn w px wide: at the round calendar steps of ticks.js's
    // axisTicks, with dates as dates.js writes them ("44 BCE", not "-43"),
    // set with each redraw (in its setOption, so no extra pass).
    var tickLabels = new Map();
    function ticks(win, w) {
      var r = tl.axisTicks(win[0], win[1], w, pg.S, pg.locale);
      tickLabels = new Map();
      r.values.forEach(function (v, i) { tickLabels.set(v, r.labels[i]); });
      return { axisLabel: { customValues: r.values }, axisTick: { customValues: r.values } };
    }
    function tickLabel(v) { return tickLabels.has(v) ? tickLabels.get(v) : ''; }
    function styleOption() {
      cssCache = null;
      var fg = css('--fg'), muted = css('--muted'), line = css('--line');
      return {
        textStyle: { color: fg },
        xAxis: [{ min: pg.axisMin, max: pg.axisMax, axisLabel: { color: muted, formatter: tickLabel }, axisLine: { lineStyle: { color: line } }, splitLine: { show: true, lineStyle: { color: line, opacity: 0.5 } } }],
        yAxis: [{
          inverse: true,
          axisLabel: { color: fg, width: 0, overflow: 'truncate', interval: 0, formatter: function (v) { var r = view && view.rows[+v]; return r ? r.label : ''; } },
          axisTick: { show: false }, axisLine: { lineStyle: { color: line } }, splitLine: { show: false }
        }],
        dataZoom: [{ id: 'inside', filterMode: 'none', zoomOnMouseWheel: true, moveOnMouseMove: true }, { id: 'slider', filterMode: 'none', showDataShadow: false, textStyle: { color: muted }, borderColor: line, labelFormatter: function (t) { return tl.dayText(t, pg.S, pg.locale); }, bottom: 4, height: 22 }],
        tooltip: { backgroundColor: css('--panel'), borderColor: line, textStyle: { color: fg }, confine: true }
      };
    }

    option.grid = { left: plot().left, right: plot().right, top: TOP, bottom: BOTTOM, containLabel: false };
    option.series[0].renderItem = renderEra;
    option.series[1].renderItem = renderEvent;
    option.series[1].labelLayout = null;
    option.series[0].labelLayout = null;
    option.series.push({ type: 'custom', id: 'lanes', name: 'lanes', silent: true, data: [], renderItem: renderLane, z: -1, tooltip: { show: false } });
    option.tooltip.formatter = tooltip;
    option.series[0].tooltip = { formatter: tooltip };
    var st = styleOption();
    option.textStyle = st.textStyle;
    Object.assign(option.xAxis[0], st.xAxis[0]);
    Object.assign(option.yAxis[0], st.yAxis[0]);
    option.yAxis[0].data = [];
    Object.assign(option.dataZoom[0], st.dataZoom[0]);
    Object.assign(option.dataZoom[1], st.dataZoom[1]);
    Object.assign(option.tooltip, st.tooltip);
    var t0 = ticks(pg.win, plot().w);
    Object.assign(option.xAxis[0].axisLabel, t0.axisLabel);
    option.xAxis[0].axisTick = Object.assign(option.xAxis[0].axisTick || {}, t0.axisTick);
    chart.setOption(option);
    chart.setOption({ yAxis: [{ axisLabel: { width: plot().left - 14 } }] });

    var zoomTimer = 0;
    chart.on('datazoom', function () {
      var dz = chart.getOption().dataZoom[0], span = pg.axisMax - pg.axisMin;
      pg.win = [pg.axisMin + span * dz.start / 100, pg.axisMin + span * dz.end / 100];
      clearTimeout(zoomTimer);
      zoomTimer = setTimeout(function () {
        pg.gesture = true;
        try { pg.applyFilters(); } finally { pg.gesture = false; }
      }, 30);
    });
    chart.on('click', function (p) {
      var v = p.value;
      if (p.seriesId === 'events' && v[3] === BINS) {
        var bn = binAt(v[5], p.event ? p.event.offsetX : pointerX);
        if (bn) pg.zoomTo(bn.a, bn.b);
        return;
      }
      if (p.seriesId === 'events' || p.seriesId === 'eras') pg.open(p.seriesId === 'eras' ? v[2] : v[3]);
    });
    pg.zoomTo = function (a, b) {
      var span = pg.axisMax - pg.axisMin;
      chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: Math.max(0, (a - pg.axisMin) / span * 100), end: Math.min(100, (b - pg.axisMin) / span * 100) });
    };
    // show brings event k into the window, keeping the zoom when it can.
    pg.show = function (k) {
      var lo = pg.lo[k], hi = pg.hi[k], win = pg.win;
      if (hi >= win[0] && lo <= win[1] && (hi - lo) <= (win[1] - win[0])) return;
      var span = Math.max(win[1] - win[0], (hi - lo) * 1.2);
      pg.zoomTo(Math.max(pg.axisMin, (lo + hi) / 2 - span / 2), Math.min(pg.axisMax, (lo + hi) / 2 + span / 2));
    };
    document.getElementById('tlFit').addEventListener('click', function () {
      chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: 0, end: 100 });
    });
    var lastW = chartEl.clientWidth;
    function resized() {
      if (chartEl.clientWidth === lastW) return;
      lastW = chartEl.clientWidth;
      chart.resize();
      if (pg.rows.length || !pg.n) pg.redraw();
    }
    if (window.ResizeObserver) new ResizeObserver(resized).observe(chartEl); else window.addEventListener('resize', resized);
    if (window.matchMedia) {
      window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () {
        chart.setOption(styleOption()); pg.redraw();
      });
    }
  };
})(self.timelinePage || (self.timelinePage = {}));
