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
  // tickKeys: periods.js numbers months and quarters from year 0 (keyed
  // from 1 BCE back by the year as written, January of n BCE by -12n),
  // years as astronomical years (shown as written: 0 is 1 BCE) and days
  // from 1970. A decade or a period of a coarse unit (a century, a million
  // years …) is keyed by the year as written its label starts with,
  // rounded to the unit's years: 2010s by 2010, 11–2 BCE (which holds
  // 10 BCE) by 10, 1 BCE–9 by 0, 200–299 by 200, 1–99 by 0, 99–1 BCE by
  // 100, 199–100 BCE by 200, "14–13 billion years ago" by 14 billion;
  // neighbours never share a key.
  tl.tickKey = function (u, i) {
    switch (u) {
      case 'day': return i - 4;
      case 'week': return i;
      case 'month': return i < 12 ? i - 12 : i;
      case 'quarter': return i < 4 ? i - 4 : i;
      case 'decade': return Math.abs(i) * 10;
    }
    var n = tl.periods && tl.periods.unitYears(u);
    if (n) return Math.abs(i) * n;
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
  // The steps of the timeline's axis below a day: minutes and hours.
  var MINUTE_STEPS = [1, 2, 5, 10, 15, 30], HOUR_STEPS = [1, 2, 3, 6, 12];
  // axisCandidates lists the axis steps, finest first: minutes, hours,
  // days (1, 2, a week, two weeks: Mondays, as tickKey numbers days),
  // months (1, 2, 3, 6: as the panel's) and years at the round steps of
  // steps('year'), which run on into thousands, millions and billions.
  var axisCandidates = (function () {
    var out = [], k;
    for (k = 0; k < MINUTE_STEPS.length; k++) out.push({ unit: 'minute', n: MINUTE_STEPS[k], len: MINUTE_STEPS[k] * 60000 });
    for (k = 0; k < HOUR_STEPS.length; k++) out.push({ unit: 'hour', n: HOUR_STEPS[k], len: HOUR_STEPS[k] * 3600000 });
    STEPS.day.forEach(function (n) { if (n <= 14) out.push({ unit: 'day', n: n, len: n * 86400000 }); });
    STEPS.month.forEach(function (n) { if (n < 12) out.push({ unit: 'month', n: n, len: n * 30.436875 * 86400000 }); });
    steps('year').forEach(function (n) { out.push({ unit: 'year', n: n, len: n * 365.2425 * 86400000 }); });
    return out;
  })();
  // axisValues lists the instants in [lo, hi] of the round dates of step
  // c: for years, those whose year as written (44 for 44 BCE) is a
  // multiple of c.n.
  function axisValues(lo, hi, c) {
    var P = tl.periods, DAY = 86400000, out = [], x, i;
    if (c.unit === 'minute' || c.unit === 'hour') {
      for (x = Math.ceil(lo / c.len) * c.len; x <= hi; x += c.len) out.push(x);
      return out;
    }
    var d0 = P.dayOf(lo), d1 = P.dayOf(hi);
    if (c.unit === 'day') {
      for (i = Math.ceil((d0 - 4) / c.n) * c.n + 4; i <= d1; i += c.n) if (i * DAY >= lo) out.push(i * DAY);
      return out;
    }
    var a = P.civil(d0), b = P.civil(d1);
    if (c.unit === 'month') {
      for (i = Math.ceil((a[0] * 12 + a[1] - 1) / c.n) * c.n; i <= b[0] * 12 + b[1] - 1; i += c.n) {
        x = P.start(i, 'month');
        if (x >= lo && x <= hi) out.push(x);
      }
      return out;
    }
    // Years before 1 CE, as written (n BCE is the astronomical year 1-n),
    // latest last; then years from 1 CE.
    var ya = a[0], yb = b[0], n;
    if (ya <= 0) {
      for (n = Math.floor((1 - ya) / c.n) * c.n; n >= 1 && 1 - n <= yb; n -= c.n) {
        x = P.start(1 - n, 'year');
        if (x >= lo && x <= hi) out.push(x);
      }
    }
    for (i = Math.max(c.n, Math.ceil(ya / c.n) * c.n); i <= yb; i += c.n) {
      x = P.start(i, 'year');
      if (x >= lo && x <= hi) out.push(x);
    }
    return out;
  }
  tl.axisValues = axisValues;
  // axisTicks chooses the ticks of the timeline's axis over [lo, hi]
  // (Unix milliseconds) drawn widthPx wide: the finest round step whose
  // labels (12px, dates.js's timeLabel in the page strings S and ECharts'
  // locale) leave at least 12px between them. It returns the ticks'
  // instants, their labels and the step ({unit, n}).
  tl.axisTicks = function (lo, hi, widthPx, S, locale) {
    var span = hi - lo, gap = 12;
    measure = measure || document.createElement('canvas').getContext('2d');
    measure.font = '12px sans-serif';
    var empty = { values: [], labels: [], step: null };
    if (!(span > 0) || !(widthPx > 0)) return empty;
    for (var j = 0; j < axisCandidates.length; j++) {
      var c = axisCandidates[j];
      // Labels are wider than 20px: skip a step that cannot fit.
      if (span / c.len > widthPx / 20) continue;
      var values = axisValues(lo, hi, c), labels = [], fits = true, prevX = 0, prevW = 0;
      for (var k = 0; k < values.length && fits; k++) {
        labels.push(tl.timeLabel(values[k], S, locale));
        var x = (values[k] - lo) / span * widthPx, w = measure.measureText(labels[k]).width;
        if (k && x - prevX < (w + prevW) / 2 + gap) fits = false;
        prevX = x;
        prevW = w;
      }
      if (fits) return { values: values, labels: labels, step: { unit: c.unit, n: c.n } };
    }
    return empty;
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
