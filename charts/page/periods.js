/* periods.js: days, weeks, months, quarters, years and decades, and events
   counted in them. The rules are timeline/agg's (Unit.Floor, Next, Label,
   AutoUnit and Bin's spreading of imprecise events), and
   pagejs_browser_test.go checks the results against them. Times are Unix
   milliseconds, UTC; years are astronomical (0 is 1 BCE). */
(function (tl) {
  'use strict';
  var DAY = 86400000;
  var p = tl.periods = {};

  function mod(a, b) { return ((a % b) + b) % b; }
  function pad2(n) { return (n < 10 ? '0' : '') + n; }
  // utc is Date.UTC without its mapping of years 0–99 to 1900–1999.
  function utc(y, m, d) {
    var x = new Date(0);
    x.setUTCFullYear(y, m, d);
    return x.getTime();
  }
  p.utc = utc;
  // year4 writes a year as Go's time.Format writes "2006": at least four
  // digits, after the sign.
  function year4(y) {
    var s = String(Math.abs(y));
    while (s.length < 4) s = '0' + s;
    return (y < 0 ? '-' : '') + s;
  }
  // yearLabel writes a year as people read it: 0 is 1 BCE.
  function yearLabel(y) { return y <= 0 ? (1 - y) + ' BCE' : String(y); }

  // index numbers the period of unit u that holds t; consecutive periods
  // have consecutive numbers.
  p.index = function (t, u) {
    var day = Math.floor(t / DAY);
    if (u === 'day') return day;
    if (u === 'week') return Math.floor((day + 3) / 7); // weeks start on Monday; day 0 is a Thursday
    var d = new Date(day * DAY), y = d.getUTCFullYear(), m = d.getUTCMonth();
    switch (u) {
      case 'month': return y * 12 + m;
      case 'quarter': return y * 4 + Math.floor(m / 3);
      case 'year': return y;
    }
    return Math.floor(y / 10);
  };
  // lastIndex numbers the last period of unit u that starts before end.
  p.lastIndex = function (end, u) { return p.index(Math.ceil(end) - 1, u); };
  // start is the first instant of period i of unit u.
  p.start = function (i, u) {
    switch (u) {
      case 'day': return i * DAY;
      case 'week': return (i * 7 - 3) * DAY;
      case 'month': return utc(Math.floor(i / 12), mod(i, 12), 1);
      case 'quarter': return utc(Math.floor(i / 4), mod(i, 4) * 3, 1);
      case 'year': return utc(i, 0, 1);
    }
    return utc(i * 10, 0, 1);
  };
  // floor is the start of the period that holds t, as agg.Unit.Floor.
  p.floor = function (t, u) { return p.start(p.index(t, u), u); };
  // next is the start of the period after the one starting at start, as
  // agg.Unit.Next.
  p.next = function (start, u) { return p.start(p.index(start, u) + 1, u); };
  // label names the period starting at start, as agg.Unit.Label:
  // 2017-04-03, 2017-W14, 2017-04, 2017-Q2, 2017, 2010s, 44 BCE.
  p.label = function (start, u) {
    var d = new Date(start), y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (y <= 0 && u === 'year') return yearLabel(y);
    // Earliest first, as time runs: "3001–2992 BCE", "1 BCE–9".
    if (y <= 0 && u === 'decade') return y + 9 <= 0 ? (1 - y) + '\u2013' + yearLabel(y + 9) : yearLabel(y) + '\u2013' + yearLabel(y + 9);
    switch (u) {
      case 'day': return year4(y) + '-' + pad2(m + 1) + '-' + pad2(d.getUTCDate());
      case 'week': {
        // The ISO week: the one of its Thursday's year.
        var day = Math.floor(start / DAY), thu = day - mod(day + 3, 7) + 3;
        var wy = new Date(thu * DAY).getUTCFullYear();
        return wy + '-W' + pad2(Math.floor((thu - utc(wy, 0, 1) / DAY) / 7) + 1);
      }
      case 'month': return year4(y) + '-' + pad2(m + 1);
      case 'quarter': return y + '-Q' + (Math.floor(m / 3) + 1);
      case 'year': return String(y);
    }
    return y + 's';
  };
  // autoUnit chooses the finest of units (finest first) that splits
  // [lo, hi) into at most max periods, or else the coarsest, as
  // agg.AutoUnit.
  // eventLimit is the most periods for events events, as
  // agg.EventPeriodLimit, with its constants from Go.
  p.eventLimit = function (events, most, minPeriods, perEvent) {
    return Math.min(most, perEvent * Math.max(events, Math.floor(minPeriods / perEvent)));
  };
  p.autoUnit = function (lo, hi, units, max) {
    for (var j = 0; j < units.length - 1; j++) {
      if (p.lastIndex(hi, units[j]) - p.index(lo, units[j]) + 1 <= max) return units[j];
    }
    return units[units.length - 1];
  };
  // round rounds v to a multiple of 1/scale, halves away from zero, as Go's
  // math.Round(v*scale)/scale.
  p.round = function (v, scale) { return Math.sign(v) * Math.round(Math.abs(v) * scale) / scale; };

  // Binner adds up events in the periods of unit u numbered first to last,
  // for nseries series, as agg.Bin does in its default mode: an event
  // within one period counts in it; an event that covers several (a
  // year-only date in a monthly chart, a range across months) is never put
  // in the first period it touches, but spread evenly over the periods it
  // covers, in the imprecise series, and counted in coarse.
  p.Binner = function (u, first, last, nseries) {
    var nb = Math.max(0, last - first + 1);
    this.unit = u;
    this.first = first;
    this.last = last;
    this.series = [];
    for (var s = 0; s < nseries; s++) this.series.push(new Float64Array(nb));
    this.imprecise = new Float64Array(nb);
    this.coarse = 0;
  };
  // add counts an event of [lo, hi) in series s with weight w.
  p.Binner.prototype.add = function (lo, hi, s, w) {
    var a = p.index(lo, this.unit), b = p.lastIndex(hi, this.unit);
    if (a === b) {
      if (a >= this.first && a <= this.last) this.series[s][a - this.first] += w;
      return;
    }
    this.coarse++;
    var share = w / (b - a + 1);
    for (var j = Math.max(a, this.first), e = Math.min(b, this.last); j <= e; j++) this.imprecise[j - this.first] += share;
  };
  // labels names the periods, first to last.
  p.Binner.prototype.labels = function () {
    var out = [];
    for (var i = this.first; i <= this.last; i++) out.push(p.label(p.start(i, this.unit), this.unit));
    return out;
  };
})(self.timelinePage || (self.timelinePage = {}));
