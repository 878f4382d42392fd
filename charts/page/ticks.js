/* ticks.js: which period labels a category axis shows. Labels fall on
   round dates: every 1, 2, 5, 10, 20, 50 … years, every 1, 2, 3, 6 or 12
   months, and so on, as many as fit. The keys number the periods so that a
   round date is a multiple of the step (chart.go's tickKeys, and
   tickKey here for the page's panel). */
(function (tl) {
  'use strict';
  var STEPS = {
    day: [1, 2, 7, 14, 28, 91, 182, 364],
    week: [1, 2, 4, 13, 26, 52],
    month: [1, 2, 3, 6, 12],
    quarter: [1, 2, 4]
  };
  // steps lists the round steps of a kind of key, smallest first: the
  // kind's own, then 1, 2 and 5 times powers of ten of its largest (of
  // one, for years).
  function steps(kind) {
    var base = STEPS[kind] || [1], out = base.slice(), unit = STEPS[kind] ? base[base.length - 1] : 1;
    for (var e = 0; e < 16; e++) {
      for (var k = 0; k < 3; k++) {
        var st = [1, 2, 5][k] * Math.pow(10, e) * unit;
        if (st > out[out.length - 1]) out.push(st);
      }
    }
    return out;
  }
  tl.tickSteps = steps;
  // tickKey is the key of period index i of unit u, as chart.go's
  // tickKeys: periods.js numbers months and quarters from year 0, years
  // as astronomical years (shown as written: 0 is 1 BCE) and days from
  // 1970.
  tl.tickKey = function (u, i) {
    switch (u) {
      case 'day': return i - 4;
      case 'week': return i;
      case 'month': case 'quarter': return i;
      case 'decade': i *= 10;
    }
    return i <= 0 ? 1 - i : i;
  };
  // tickKind is the kind of key of unit u.
  tl.tickKind = function (u) { return u === 'day' || u === 'week' || u === 'month' || u === 'quarter' ? u : 'year'; };
  // tickStep is the smallest round step for keys (one per period, in
  // order) of kind that labels at most most periods, or 0 when no round
  // date falls in so short an axis (then only the first is labelled).
  tl.tickStep = function (keys, kind, most) {
    var n = keys.length, d = n > 1 ? Math.abs(keys[1] - keys[0]) || 1 : 1, all = steps(kind);
    most = Math.max(1, most);
    for (var j = 0; j < all.length; j++) {
      var s = all[j];
      if (s < d || s % d) continue;
      var shown = 0;
      for (var i = 0; i < n; i++) if (keys[i] % s === 0) shown++;
      if (shown <= most) return shown ? s : 0;
    }
    return 0;
  };
  // tickInterval is an ECharts axisLabel.interval: period i is labelled
  // when its key is a multiple of step.
  tl.tickInterval = function (keys, step) {
    return function (i) { return step ? keys[i] % step === 0 : i === 0; };
  };
  // wrapText breaks text into lines (joined by newlines) at most width
  // pixels wide in font, at spaces: chart titles and notes wrap on a
  // narrow screen rather than running under the toolbox.
  var measure = null;
  tl.wrapText = function (text, font, width) {
    measure = measure || document.createElement('canvas').getContext('2d');
    measure.font = font;
    var lines = [], line = '';
    String(text).split(' ').forEach(function (w) {
      var next = line ? line + ' ' + w : w;
      if (line && measure.measureText(next).width > width) { lines.push(line); line = w; } else line = next;
    });
    if (line) lines.push(line);
    return lines.join('\n');
  };
  // drawable returns a name as ECharts may draw it, as chart.go's
  // drawable: ECharts caches text widths in plain objects keyed by the
  // text, so a name that is a property of every object (__proto__,
  // hasOwnProperty …) gets an invisible word joiner after it.
  var OBJECT_KEYS = ['__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
    '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'];
  tl.drawable = function (s) { return OBJECT_KEYS.indexOf(s) >= 0 ? s + '\u2060' : s; };
  // componentBox is the box, as drawn, of the first component of type
  // (title, legend, toolbox …) of the ECharts instance chart, or null.
  // The toolbox's is its icons', without the names shown on hover.
  tl.componentBox = function (chart, type) {
    var cm = chart.getModel().getComponent(type);
    var view = cm && chart.getViewOfComponentModel(cm);
    if (!view || !view.group || !view.group.children().length) return null;
    view.group.updateTransform();
    var u = null;
    view.group.traverse(function (el) {
      if (el.isGroup || el.ignore || el.invisible || (type === 'toolbox' && el.type === 'text')) return;
      var r = el.getBoundingRect().clone(), m = el.getComputedTransform();
      if (m) r.applyTransform(m);
      if (r.width <= 0) return;
      if (u) u.union(r); else u = r;
    });
    return u;
  };
  // headBottom is the lowest edge of the title and the toolbox of chart,
  // as drawn: where its plot may start.
  tl.headBottom = function (chart) {
    var y = 0;
    ['title', 'toolbox'].forEach(function (type) {
      var b = tl.componentBox(chart, type);
      if (b) y = Math.max(y, b.y + b.height);
    });
    return y;
  };
})(self.timelinePage || (self.timelinePage = {}));
