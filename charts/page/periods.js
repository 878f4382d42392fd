/* periods.js: days, weeks, months, quarters, years, decades and the
   coarser units of deep time (centuries to billions of years), and events
   counted in them. The rules are timeline/agg's (Unit.Floor, Next,
   LabelIn, AutoUnit and Bin's spreading of imprecise events), and
   pagejs_browser_test.go checks the results against them. Times are Unix
   milliseconds, UTC; years are astronomical (0 is 1 BCE). The calendar is
   this file's own arithmetic (civil, unixDays), not Date, which ends
   275,000 years from 1970: every integer it uses stays below 2^53, so it
   is exact for the 13.8 billion years since the Big Bang and beyond. */
(function (tl) {
  'use strict';
  var DAY = 86400000;
  var p = tl.periods = {};

  function mod(a, b) { return ((a % b) + b) % b; }
  function pad2(n) { return (n < 10 ? '0' : '') + n; }
  // unixDays is the days from 1970-01-01 to day d of month m (1–12) of
  // year y, as agg's unixDays (days from civil, after Howard Hinnant).
  function unixDays(y, m, d) {
    if (m <= 2) y--;
    var era = Math.floor(y / 400), yoe = y - era * 400, mp = (m + 9) % 12;
    var doy = Math.floor((153 * mp + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  }
  // civil is the inverse of unixDays: [year, month 1–12, day].
  function civil(days) {
    var z = days + 719468, era = Math.floor(z / 146097), doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var y = yoe + era * 400, doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153), d = doy - Math.floor((153 * mp + 2) / 5) + 1, m = mp < 10 ? mp + 3 : mp - 9;
    return [m <= 2 ? y + 1 : y, m, d];
  }
  p.unixDays = unixDays;
  p.civil = civil;
  // dayOf numbers the day that holds t: the last day whose start, as a
  // double, is at most t. Past 2^53 ms (285,000 years) a time is not
  // exact to the millisecond, and the start of a day must still count as
  // in it.
  function dayOf(t) {
    var k = Math.floor(t / DAY);
    if ((k + 1) * DAY <= t) k++; else if (k * DAY > t) k--;
    return k;
  }
  // dayCeil numbers the first day whose start is at or after t.
  function dayCeil(t) {
    var k = Math.ceil(t / DAY);
    if ((k - 1) * DAY >= t) k--; else if (k * DAY < t) k++;
    return k;
  }
  p.dayOf = dayOf;
  // utc is the Unix milliseconds of day d of month m (0–11) of year y.
  function utc(y, m, d) { return unixDays(y, m + 1, d) * DAY; }
  p.utc = utc;
  // year4 writes a year as Go's time.Format writes "2006": at least four
  // digits, after the sign.
  function year4(y) {
    var s = String(Math.abs(y));
    while (s.length < 4) s = '0' + s;
    return (y < 0 ? '-' : '') + s;
  }
  // The years of the units coarser than decades.
  var YEARS = { century: 1e2, millennium: 1e3, '10 millennia': 1e4, '100 millennia': 1e5, 'million years': 1e6,
    '10 million years': 1e7, '100 million years': 1e8, 'billion years': 1e9 };
  p.unitYears = function (u) { return YEARS[u] || 0; };
  // startYear is the first year of period i of a coarse unit of n years:
  // period 0 is the years 1 to n-1, period -1 the years n-1 to 1 BCE.
  function startYear(i, n) { return i > 0 ? i * n : i === 0 ? 1 : 2 + i * n; }

  // dayIndex numbers the period of unit u that holds day d; consecutive
  // periods have consecutive numbers.
  function dayIndex(d, u) {
    if (u === 'day') return d;
    if (u === 'week') return Math.floor((d + 3) / 7); // weeks start on Monday; day 0 is a Thursday
    var c = civil(d), y = c[0], m = c[1] - 1;
    switch (u) {
      case 'month': return y * 12 + m;
      case 'quarter': return y * 4 + Math.floor(m / 3);
      case 'year': return y;
      case 'decade': return Math.floor(y / 10);
    }
    var n = YEARS[u];
    return y >= 1 ? Math.floor(y / n) : -1 - Math.floor((1 - y) / n);
  }
  // startDay is the first day of period i of unit u.
  function startDay(i, u) {
    switch (u) {
      case 'day': return i;
      case 'week': return i * 7 - 3;
      case 'month': return unixDays(Math.floor(i / 12), mod(i, 12) + 1, 1);
      case 'quarter': return unixDays(Math.floor(i / 4), mod(i, 4) * 3 + 1, 1);
      case 'year': return unixDays(i, 1, 1);
      case 'decade': return unixDays(i * 10, 1, 1);
    }
    return unixDays(startYear(i, YEARS[u]), 1, 1);
  }
  // index numbers the period of unit u that holds t.
  p.index = function (t, u) { return dayIndex(dayOf(t), u); };
  // lastIndex numbers the last period of unit u that starts before end.
  p.lastIndex = function (end, u) { return dayIndex(dayCeil(end) - 1, u); };
  // start is the first instant of period i of unit u.
  p.start = function (i, u) { return startDay(i, u) * DAY; };
  // floor is the start of the period that holds t, as agg.Unit.Floor.
  p.floor = function (t, u) { return p.start(p.index(t, u), u); };
  // next is the start of the period after the one starting at start, as
  // agg.Unit.Next.
  p.next = function (start, u) { return p.start(p.index(start, u) + 1, u); };
  // yearsLabel writes the years a to b as dates.js's yearsText, or as the
  // one year b when the two read the same (deep years, rounded), as agg's
  // yearsLabel.
  function yearsLabel(a, b, S) {
    var last = tl.yearText(b, S);
    return tl.yearText(a, S) === last ? last : tl.yearsText(a, b, S);
  }
  // label names the period starting at start, as agg.Unit.LabelIn in the
  // language of the page strings S: 2017-04-03, 2017-W14, 2017-04,
  // 2017-Q2, 2017, 2010s, 44 BCE, 3001–2992 BCE, 1900–1999,
  // 66–65 million years ago; before 1 CE a day, week, month or quarter
  // with the year as written, 44 BCE-03-15, and in deep time its year
  // alone, "13.8 billion years ago".
  p.label = function (start, u, S) {
    var day = dayOf(start), c = civil(day), y = c[0], m = c[1] - 1;
    if (YEARS[u]) {
      var i = dayIndex(day, u), n = YEARS[u];
      return yearsLabel(startYear(i, n), startYear(i + 1, n) - 1, S);
    }
    if (y <= 0 && u === 'year') return tl.yearText(y, S);
    // Earliest first, as time runs: "3001–2992 BCE", "1 BCE–9".
    if (y <= 0 && u === 'decade') return yearsLabel(y, y + 9, S);
    if (tl.isDeep(y, S)) return tl.yearText(y, S);
    // Before 1 CE, the year as written, then the period in the year as
    // after 1 CE: 44 BCE-03-15, 44 BCE-W11, 44 BCE-03, 44 BCE-Q1.
    var year = y <= 0 ? tl.yearText(y, S) : year4(y);
    switch (u) {
      case 'day': return year + '-' + pad2(m + 1) + '-' + pad2(c[2]);
      case 'week': {
        // The ISO week: the one of its Thursday's year.
        var thu = day - mod(day + 3, 7) + 3, wy = civil(thu)[0];
        return (wy <= 0 ? tl.yearText(wy, S) : wy) + '-W' + pad2(Math.floor((thu - unixDays(wy, 1, 1)) / 7) + 1);
      }
      case 'month': return year + '-' + pad2(m + 1);
      case 'quarter': return (y <= 0 ? year : y) + '-Q' + (Math.floor(m / 3) + 1);
      case 'year': return String(y);
    }
    return y + 's';
  };
  // labelUpTo is label of the period of u starting at start, cut at the
  // end of a span that ends at end, as agg's labelUpTo: a period coarser
  // than a decade that runs past the span into years S.deep_years or more
  // after 1 CE ("1–999999999") is labelled up to the span's last year
  // ("1–2020").
  p.labelUpTo = function (start, u, S, end) {
    var n = YEARS[u];
    if (n && end !== undefined) {
      var i = dayIndex(dayOf(start), u), first = startYear(i, n), last = startYear(i + 1, n) - 1, endYear = civil(dayCeil(end) - 1)[0];
      if (last >= +S.deep_years && endYear < last) return yearsLabel(first, Math.max(endYear, first), S);
    }
    return p.label(start, u, S);
  };
  // eventLimit is the most periods for events events, as
  // agg.EventPeriodLimit, with its constants from Go.
  p.eventLimit = function (events, most, minPeriods, perEvent) {
    return Math.min(most, perEvent * Math.max(events, Math.floor(minPeriods / perEvent)));
  };
  // readable reports whether the period of unit u that holds t and the
  // one after it have different labels in the page strings S, as
  // agg.Unit.Readable: in deep time they may not.
  p.readable = function (t, u, S) {
    var f = p.floor(t, u);
    return p.label(f, u, S) !== p.label(p.next(f, u), u, S);
  };
  // autoUnit chooses the finest of units (finest first) that splits
  // [lo, hi) into at most max periods, and whose periods the page strings
  // S tell apart (when S is given), or else the coarsest, as
  // agg.AutoUnit.
  p.autoUnit = function (lo, hi, units, max, S) {
    for (var j = 0; j < units.length - 1; j++) {
      if (p.lastIndex(hi, units[j]) - p.index(lo, units[j]) + 1 <= max && (!S || p.readable(lo, units[j], S))) return units[j];
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
    this.addPeriods(p.index(lo, this.unit), p.lastIndex(hi, this.unit), s, w);
  };
  // addPeriods counts as add an event from period a to period b (as index
  // and lastIndex number them): a page that draws the same events often
  // works their periods out once.
  p.Binner.prototype.addPeriods = function (a, b, s, w) {
    if (a === b) {
      if (a >= this.first && a <= this.last) this.series[s][a - this.first] += w;
      return;
    }
    this.coarse++;
    var share = w / (b - a + 1);
    for (var j = Math.max(a, this.first), e = Math.min(b, this.last); j <= e; j++) this.imprecise[j - this.first] += share;
  };
  // labels names the periods, first to last, in the language of the page
  // strings S, as agg.Result's labels: the last cut at end, the end of
  // the window binned (Unix milliseconds), when it is given.
  p.Binner.prototype.labels = function (S, end) {
    var out = [];
    for (var i = this.first; i <= this.last; i++) {
      var s = p.start(i, this.unit);
      out.push(i === this.last ? p.labelUpTo(s, this.unit, S, end) : p.label(s, this.unit, S));
    }
    return out;
  };
})(self.timelinePage || (self.timelinePage = {}));
