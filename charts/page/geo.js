/* geo.js: the rules of the panel's map, as timeline chart's map has them
   (chart.go's mapRegion, markSize and legendValues; TestPageJSRules holds
   the two together): the region a map opens on, the size of a mark, and
   the values of the size legend. */
(function (tl) {
  'use strict';
  // mapRegion is the region a map of the places lonlats ([lon, lat], at
  // least one) opens on, as [west, south, east, north]: their extent with a
  // margin of 15 % and at least 5° of longitude and 3° of latitude, within
  // the map's ±180° and ±85°.
  tl.mapRegion = function (lonlats) {
    var w = lonlats[0][0], e = w, s = lonlats[0][1], n = s;
    lonlats.forEach(function (p) {
      w = Math.min(w, p[0]); e = Math.max(e, p[0]);
      s = Math.min(s, p[1]); n = Math.max(n, p[1]);
    });
    var padLon = Math.max((e - w) * 0.15, 5), padLat = Math.max((n - s) * 0.15, 3);
    return [Math.max(w - padLon, -180), Math.max(s - padLat, -85), Math.min(e + padLon, 180), Math.min(n + padLat, 85)];
  };
  // markSize is the diameter in pixels of a mark of value v, of marks up
  // to maxV: its area follows the value.
  tl.markSize = function (v, maxV) { return 6 + 30 * Math.sqrt(v / Math.max(maxV, 1)); };
  // legendValues are the values the size legend shows, smallest first:
  // round values of about a tenth and a half of maxV, and maxV.
  tl.legendValues = function (maxV) {
    var values = [maxV];
    [0.5, 0.1].forEach(function (f) {
      var v = roundDown(maxV * f);
      if (v > 0 && v < values[values.length - 1]) values.push(v);
    });
    return values.reverse();
  };
  // roundDown is the largest of 1, 2 and 5 times a power of ten at most v.
  function roundDown(v) {
    if (v < 1) return 0;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    for (var k = 5; k > 1; k = k === 5 ? 2 : 1) if (k * p <= v) return k * p;
    return p;
  }
})(self.timelinePage || (self.timelinePage = {}));
