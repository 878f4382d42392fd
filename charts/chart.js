/* A chart page: the option is data, read from the JSON block; the only
   code is here and in ticks.js. Dataset text reaches ECharts as data, and
   ECharts' tooltip and data view escape it. */
(function (tl) {
  'use strict';
  var data = JSON.parse(document.getElementById('tlData').textContent);
  var el = document.getElementById('tlChart');
  var css = getComputedStyle(document.documentElement);
  var fg = css.getPropertyValue('--fg').trim(), muted = css.getPropertyValue('--muted').trim(), bg = css.getPropertyValue('--bg').trim();
  if (data.world) echarts.registerMap('world', data.world);
  var option = data.option;
  var extra = option.timeline || {};
  delete option.timeline;
  if (option.height) { el.style.height = option.height + 'px'; delete option.height; }
  // The toolbox saves what the chart is drawn with: PNG from a canvas, SVG
  // from ECharts' SVG renderer.
  var svg = data.image === 'svg';
  if (svg && option.toolbox && option.toolbox.feature && option.toolbox.feature.saveAsImage) option.toolbox.feature.saveAsImage.type = 'svg';
  var chart = echarts.init(el, null, { renderer: svg ? 'svg' : 'canvas', locale: data.lang === 'en' ? 'EN' : data.lang.toUpperCase() });
  option.textStyle = { color: fg };
  // Tooltips are drawn by ECharts on the chart itself (rich text), not as
  // HTML with inline styles, which the page's Content-Security-Policy
  // forbids.
  if (option.tooltip) {
    [].concat(option.tooltip).forEach(function (t) {
      t.renderMode = 'richText';
      t.backgroundColor = bg;
      t.borderColor = muted;
      t.textStyle = { color: fg };
    });
  }
  var titleText = option.title ? option.title.text || '' : '', subText = option.title ? option.title.subtext || '' : '';
  if (option.title) {
    option.title.textStyle = { color: fg, fontSize: 17, fontWeight: 'bold', lineHeight: 22 };
    option.title.subtextStyle = { color: muted, fontSize: 12, lineHeight: 16 };
    option.title.top = 6;
    option.title.itemGap = 4;
    // The map, zoomed in, runs under the title: keep the title readable.
    option.title.backgroundColor = bg;
  }
  // The legend wraps onto as many lines as it needs: every series with
  // data is listed, none hidden behind paging.
  if (option.legend) Object.assign(option.legend, { type: 'plain', left: 8, right: 8, textStyle: { color: fg } });
  if (option.visualMap) option.visualMap.textStyle = { color: muted };
  [].concat(option.xAxis || [], option.yAxis || []).forEach(function (ax) {
    ax.axisLabel = Object.assign(ax.axisLabel || {}, { color: muted });
    // The name at the top of a vertical axis starts at the axis, rather
    // than being centred on it and cut at the chart's edge.
    ax.nameTextStyle = { color: muted, align: ax.nameLocation === 'middle' ? 'center' : 'left' };
    ax.splitLine = { lineStyle: { color: muted, opacity: 0.25 } };
  });
  [].concat(option.calendar || []).forEach(function (c) {
    c.monthLabel = { color: muted };
    c.dayLabel = { color: muted };
    c.yearLabel = Object.assign(c.yearLabel || {}, { color: muted });
  });
  [].concat(option.graphic || []).forEach(function paint(g) {
    if (g.type === 'text') g.style.fill = muted;
    if (g.type === 'rect') g.style.fill = bg;
    (g.children || []).forEach(paint);
  });
  chart.setOption(option);

  function box(type) { return tl.componentBox(chart, type); }
  // textWidth measures text as ECharts draws it (axis labels: 12px).
  var ctx = document.createElement('canvas').getContext('2d');
  function textWidth(s, font) { ctx.font = font || '12px sans-serif'; return ctx.measureText(s).width; }
  var wrap = tl.wrapText;

  // layout stacks the title, its subtitle, the legend or colour scale and
  // the plot from the top, each below the last as drawn (titles wrap on a
  // narrow screen, in every language), and keeps the title clear of the
  // toolbox; the period axis is labelled at round steps, as many as fit.
  function layout() {
    var W = chart.getWidth(), patch = {}, y = 6;
    var tb = box('toolbox'), side = tb ? W - tb.x + 8 : 16;
    if (option.title) {
      var room = Math.max(120, W - 2 * side);
      patch.title = { text: wrap(titleText, 'bold 17px sans-serif', room), subtext: wrap(subText, '12px sans-serif', room) };
      chart.setOption(patch);
      var t = box('title');
      if (t) y = t.y + t.height + 8;
      if (tb) y = Math.max(y, tb.y + tb.height + 4);
    }
    patch = {};
    if (option.legend && option.legend.show !== false) {
      chart.setOption({ legend: { top: y } });
      var l = box('legend');
      if (l) y = l.y + l.height + 8;
    }
    if (option.visualMap) {
      chart.setOption({ visualMap: { top: y } });
      var v = box('visualMap');
      if (v) y = v.y + v.height + 8;
    }
    if (option.grid) {
      // The vertical axis's name sits above the plot.
      var named = [].concat(option.yAxis || []).some(function (a) { return a.name; });
      patch.grid = { top: y + (named ? 22 : 4) };
    }
    if (option.calendar) {
      // Month names sit above each year's grid.
      // On a phone a week is a few pixels wide: smaller month names fit.
      patch.calendar = [].concat(option.calendar).map(function (c, i) { return { top: y + 26 + i * 150, monthLabel: { fontSize: W < 600 ? 9 : 12 } }; });
    }
    if (option.geo) patch.geo = { top: y, bottom: 24 };
    if (option.series && option.series.length && option.series[0].type === 'graph') {
      // Room for the longest label on every side of the circle.
      // On a narrow screen labels are cut (the tooltip has the name) so
      // that the circle keeps half the width.
      var nodes = option.series[0].data, longest = 0, maxSize = 1, H = chart.getHeight();
      nodes.forEach(function (nd) { longest = Math.max(longest, textWidth(nd.name)); maxSize = Math.max(maxSize, nd.symbolSize); });
      var lw = Math.min(longest, W * 0.22), m = lw + 24;
      var d = Math.max(40, Math.min(W - 2 * m, H - y - 2 * m)), vpad = (H - y - d) / 2;
      // Nodes shrink to fit around the circle side by side.
      var k = Math.min(1, Math.PI * d / Math.max(1, nodes.length) * 0.8 / maxSize);
      patch.series = [{ top: y + vpad, bottom: vpad, left: (W - d) / 2, right: (W - d) / 2,
        label: { width: lw, overflow: 'truncate' },
        data: nodes.map(function (nd) { return { name: nd.name, value: nd.value, symbolSize: nd.symbolSize * k }; }) }];
    }
    var keys = extra.tickKeys;
    if (keys && keys.length && option.xAxis && option.xAxis[0].data) {
      var labels = option.xAxis[0].data, widest = 0;
      for (var i = 0; i < labels.length; i++) widest = Math.max(widest, textWidth(labels[i]));
      var grid = chart.getModel().getComponent('grid'), plot = grid.coordinateSystem.getRect();
      var step = tl.tickStep(keys, extra.tickUnit, Math.floor(plot.width / (widest + 16)));
      patch.xAxis = [{ axisLabel: { interval: tl.tickInterval(keys, step), hideOverlap: false } }];
    }
    chart.setOption(patch);
    if (extra.region) {
      // Zoom the whole world, as drawn, to the events' region.
      // The region's size in pixels is measured at one zoom and the zoom
      // scaled to fit it in the map's box (the plot below the title).
      var g = extra.region, zoom = 1, top = patch.geo ? patch.geo.top : 70;
      var roomW = chart.getWidth() - 16, roomH = chart.getHeight() - top - 24;
      for (var it = 0; it < 2; it++) {
        chart.setOption({ geo: { zoom: zoom } });
        var a = chart.convertToPixel({ geoIndex: 0 }, [g[0], g[3]]), b = chart.convertToPixel({ geoIndex: 0 }, [g[2], g[1]]);
        zoom *= Math.min(roomW / Math.max(1, Math.abs(b[0] - a[0])), roomH / Math.max(1, Math.abs(b[1] - a[1])));
        zoom = Math.max(0.5, Math.min(zoom, 60));
      }
      chart.setOption({ geo: { zoom: zoom } });
    }
    if (patch.grid && patch.xAxis) {
      // The plot's width changed with the labels: check the step again.
      var plot2 = chart.getModel().getComponent('grid').coordinateSystem.getRect();
      var labels2 = option.xAxis[0].data, w2 = 0;
      for (var j = 0; j < labels2.length; j++) w2 = Math.max(w2, textWidth(labels2[j]));
      var step2 = tl.tickStep(keys, extra.tickUnit, Math.floor(plot2.width / (w2 + 16)));
      chart.setOption({ xAxis: [{ axisLabel: { interval: tl.tickInterval(keys, step2) } }] });
    }
  }
  layout();
  window.addEventListener('resize', function () { chart.resize(); layout(); });
  el.dataset.ready = '1';
})(self.timelinePage || (self.timelinePage = {}));
