/* dates.js: dates on the page's time axis as people read them: years
   before 1 CE as "44 BCE" (in the page's language), never "-43", and years
   1–99 as themselves. Years are written as timeline/edtf's FormatYear
   writes them, and pagejs_browser_test.go checks that the two agree. */
(function (tl) {
  'use strict';
  // yearText writes the astronomical year y: 0 is 1 BCE. S holds the
  // page's strings (S.bce: "BCE", "до н. э." …).
  tl.yearText = function (y, S) { return y <= 0 ? (1 - y) + ' ' + S.bce : String(y); };
  function pad2(v) { return (v < 10 ? '0' : '') + v; }
  // timeLabel labels a tick of the time axis at t (Unix milliseconds,
  // UTC) by the finest part of the date it starts: the year at a year's
  // start, the month's name at a month's, the day, or the time. locale is
  // ECharts' locale name, for the month names.
  tl.timeLabel = function (t, S, locale) {
    var d = new Date(t), y = d.getUTCFullYear(), mo = d.getUTCMonth(), day = d.getUTCDate();
    var h = d.getUTCHours(), mi = d.getUTCMinutes();
    if (h || mi) return pad2(h) + ':' + pad2(mi);
    if (day !== 1) return day + ' ' + echarts.time.format(t, '{MMM}', true, locale);
    if (mo !== 0) return echarts.time.format(t, '{MMM}', true, locale);
    return tl.yearText(y, S);
  };
  // dayText writes the day of t (Unix milliseconds, UTC), as the zoom
  // slider's handles show it: "3 Apr 2017", "15 Mar 44 BCE".
  tl.dayText = function (t, S, locale) {
    var d = new Date(t);
    return d.getUTCDate() + ' ' + echarts.time.format(t, '{MMM}', true, locale) + ' ' + tl.yearText(d.getUTCFullYear(), S);
  };
})(self.timelinePage || (self.timelinePage = {}));
