/* timeline.js: the timeline chart: one mark per event in its lanes, eras
   behind them, and above LIMIT marks, bins of many events. */
(function (tl) {
  'use strict';
  var LIMIT = 2500; // marks drawn one by one; above this, events are binned

  // timeline draws the chart of the page pg and gives pg redraw and zoomTo.
  tl.timeline = function (pg) {
    var F = tl.flags, data = pg.data, css = pg.css, colorOf = pg.colorOf, titleOf = pg.titleOf;
    var chartEl = pg.chartEl = document.getElementById('tlChart');
    var chart = echarts.init(chartEl, null, { renderer: 'canvas', locale: pg.locale });
    var option = data.option;

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
      if (f & F.POINT) {
        x = (a[0] + b[0]) / 2;
        if (x < cs.x || x > cs.x + cs.width) return null;
        var r = Math.min(6, h / 2 + 1);
        return {
          type: 'circle', shape: { cx: x, cy: a[1], r: r },
          style: { fill: (f & F.UNCERTAIN) ? css('--bg') : color, stroke: color, lineWidth: 2, lineDash: (f & F.UNCERTAIN) ? [3, 2] : null, opacity: (f & F.APPROX) ? 0.6 : 1 },
          textConfig: label(x - r, x + r), textContent: text
        };
      }
      var shape = echarts.graphic.clipRectByRect({ x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 4), height: h },
        { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
      if (!shape) return null;
      var left = (f & F.LOWER_OPEN) ? 0.7 : (f & F.APPROX) ? 0.18 : 0;
      var right = (f & (F.UPPER_OPEN | F.ONGOING)) ? 0.7 : (f & F.APPROX) ? 0.18 : 0;
      return {
        type: 'rect', shape: shape,
        style: {
          fill: (left || right) ? fade(color, left, right) : color,
          opacity: (f & F.UNCERTAIN) ? 0.55 : 0.9,
          stroke: (f & F.UNCERTAIN) ? color : null, lineWidth: (f & F.UNCERTAIN) ? 1.5 : 0, lineDash: (f & F.UNCERTAIN) ? [4, 3] : null
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
      var open = f & (F.LOWER_OPEN | F.UPPER_OPEN | F.ONGOING);
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
        { offset: 0, color: (f & F.LOWER_OPEN) ? clear : color }, { offset: 0.5, color: color },
        { offset: 1, color: (f & (F.UPPER_OPEN | F.ONGOING)) ? clear : color }]);
    }

    function tooltip(p) {
      var v = p.value, enc = echarts.format.encodeHTML;
      if (p.seriesId === 'events' && v[3] < 0) {
        return enc(pg.P('events_in', -v[3]).replace('{n}', -v[3])) + '<br>' + enc(data.lanes[v[2]]);
      }
      var k = p.seriesId === 'eras' ? v[2] : v[3];
      return '<b>' + enc(titleOf(k)) + '</b><br>' + enc(pg.dateOf(k)) + (p.seriesId === 'events' ? ' · ' + enc(data.lanes[v[2]]) : '');
    }

    pg.redraw = function () {
      var items = [], eras = [], k, j, win = pg.win, shown = pg.shown, laneOn = pg.laneOn;
      for (k = 0; k < pg.n; k++) {
        var a = pg.drawnLo(k), b = pg.drawnHi(k);
        if (!shown[k] || b < win[0] || a > win[1]) continue;
        if (data.f[k] & F.ERA) { eras.push([a, b, k, data.f[k]]); continue; }
        var ls = pg.lanesOf(k);
        for (j = 0; j < ls.length; j++) if (laneOn[ls[j]]) items.push([a, b, ls[j], k, data.f[k]]);
      }
      if (items.length > LIMIT) items = bin(items);
      chart.setOption({ series: [{ id: 'eras', data: eras }, { id: 'events', data: items }] });
      pg.drawPanel();
    };

    // bin groups events into columns a few pixels wide per lane: what a
    // zoomed-out view of thousands of events can honestly show.
    function bin(items) {
      var win = pg.win;
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
        xAxis: [{ min: pg.axisMin, max: pg.axisMax, axisLabel: { color: muted, hideOverlap: true }, axisLine: { lineStyle: { color: line } }, splitLine: { show: true, lineStyle: { color: line, opacity: 0.5 } } }],
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
      var dz = chart.getOption().dataZoom[0], span = pg.axisMax - pg.axisMin;
      pg.win = [pg.axisMin + span * dz.start / 100, pg.axisMin + span * dz.end / 100];
      clearTimeout(zoomTimer);
      zoomTimer = setTimeout(pg.applyFilters, 30);
    });
    chart.on('click', function (p) {
      var v = p.value;
      if (p.seriesId === 'events' && v[3] < 0) { pg.zoomTo(v[0], v[1]); return; }
      pg.open(p.seriesId === 'eras' ? v[2] : v[3]);
    });
    pg.zoomTo = function (a, b) {
      var span = pg.axisMax - pg.axisMin;
      chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: Math.max(0, (a - pg.axisMin) / span * 100), end: Math.min(100, (b - pg.axisMin) / span * 100) });
    };
    document.getElementById('tlFit').addEventListener('click', function () {
      chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: 0, end: 100 });
    });
    window.addEventListener('resize', function () { chart.resize(); });
    if (window.matchMedia) {
      window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () {
        chart.setOption(styleOption()); pg.redraw();
      });
    }
  };
})(self.timelinePage || (self.timelinePage = {}));
