/* dates.js: dates on the page as people read them: years before 1 CE as
   "44 BCE" (in the page's language), never "-43", years 1–99 as
   themselves, and deep time as "300 thousand years ago", "13.8 billion
   years ago". Years are written as timeline/edtf's FormatYear and
   FormatYears write them, with the words edtf gives the page strings
   (ago_thousand, ago_million, ago_billion, decimal, deep_years), and
   pagejs_browser_test.go checks that the two agree. The calendar is
   periods.js's arithmetic, not Date, so that any year can be written. */
(function (tl) {
  'use strict';
  var DAY = 86400000, SCALES = [1e3, 1e6, 1e9];
  // deepFrom is the number of years BCE from which a year is written as
  // so many years ago (edtf.DeepYears, in the page strings).
  function deepFrom(S) { return +S.deep_years; }
  // agoScale is the index in SCALES that n years are counted in: the
  // largest n reaches once rounded to three digits, as edtf's agoScale.
  function agoScale(n) {
    var k = 0;
    while (k + 1 < SCALES.length && n >= SCALES[k + 1] - SCALES[k + 1] / 2000) k++;
    return k;
  }
  // agoNumber writes n/unit to three significant digits, halves up,
  // trailing zeros dropped, as edtf's appendAgoNumber: in integers (exact
  // as doubles below 2^53).
  function agoNumber(n, unit, sep) {
    var prec = 2, div = unit / 100;
    if (n >= 100 * unit) { prec = 0; div = unit; } else if (n >= 10 * unit) { prec = 1; div = unit / 10; }
    var q = Math.floor((n + div / 2) / div), pow = Math.pow(10, prec), frac = q % pow;
    var s = String(Math.floor(q / pow));
    while (prec > 0 && frac % 10 === 0) { frac /= 10; prec--; }
    if (prec > 0) { var f = String(frac); while (f.length < prec) f = '0' + f; s += sep + f; }
    return s;
  }
  function agoPattern(k, S) { return S[['ago_thousand', 'ago_million', 'ago_billion'][k]]; }
  // yearText writes the astronomical year y: 0 is 1 BCE. S holds the
  // page's strings (S.bce: "BCE", "до н. э." …).
  tl.yearText = function (y, S) {
    if (1 - y >= deepFrom(S)) {
      var k = agoScale(1 - y);
      return agoPattern(k, S).replace('N', agoNumber(1 - y, SCALES[k], S.decimal));
    }
    return y <= 0 ? (1 - y) + ' ' + S.bce : String(y);
  };
  // yearsText writes the years a to b (a <= b), earliest first, as
  // edtf.FormatYears: "1900–1999", "199–100 BCE", "1 BCE–9",
  // "66–65 million years ago".
  tl.yearsText = function (a, b, S) {
    var deep = deepFrom(S);
    if (1 - b >= deep) {
      var k = agoScale(1 - b), sep = S.decimal;
      return agoPattern(k, S).replace('N', agoNumber(1 - a, SCALES[k], sep) + '\u2013' + agoNumber(1 - b, SCALES[k], sep));
    }
    if (b <= 0 && 1 - a < deep) return (1 - a) + '\u2013' + tl.yearText(b, S);
    return tl.yearText(a, S) + '\u2013' + tl.yearText(b, S);
  };
  // isDeep reports whether the astronomical year y is written in deep
  // time: it has no month or day worth showing.
  tl.isDeep = function (y, S) { return 1 - y >= deepFrom(S); };
  function pad2(v) { return (v < 10 ? '0' : '') + v; }
  // monthName is month m (0–11) as ECharts' locale abbreviates it; the
  // name is taken from a year Date can hold.
  function monthName(m, locale) { return echarts.time.format(Date.UTC(2000, m, 1), '{MMM}', true, locale); }
  tl.monthName = monthName;
  // timeLabel labels a tick of the time axis at t (Unix milliseconds,
  // UTC) by the finest part of the date it starts: the year at a year's
  // start, the month's name at a month's, the day, or the time; in deep
  // time the year. locale is ECharts' locale name, for the month names.
  tl.timeLabel = function (t, S, locale) {
    var P = tl.periods, day = P.dayOf(t), c = P.civil(day), y = c[0];
    if (tl.isDeep(y, S)) return tl.yearText(y, S);
    var ms = t - day * DAY, mi = Math.floor(ms / 60000) % 60, h = Math.floor(ms / 3600000);
    if (h || mi) return pad2(h) + ':' + pad2(mi);
    if (c[2] !== 1) return c[2] + ' ' + monthName(c[1] - 1, locale);
    if (c[1] !== 1) return monthName(c[1] - 1, locale);
    return tl.yearText(y, S);
  };
  // dayText writes the day of t (Unix milliseconds, UTC), as the zoom
  // slider's handles show it: "3 Apr 2017", "15 Mar 44 BCE"; in deep time
  // the year, "13.8 billion years ago".
  tl.dayText = function (t, S, locale) {
    var P = tl.periods, c = P.civil(P.dayOf(t));
    if (tl.isDeep(c[0], S)) return tl.yearText(c[0], S);
    return c[2] + ' ' + monthName(c[1] - 1, locale) + ' ' + tl.yearText(c[0], S);
  };
})(self.timelinePage || (self.timelinePage = {}));
