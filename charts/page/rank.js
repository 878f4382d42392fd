/* rank.js: the most frequent names, and the network of names that share
   events. The order is timeline/agg's (Network.Graph: count descending,
   then name in Go's string order), and pagejs_browser_test.go checks the
   results against it. */
(function (tl) {
  'use strict';
  // compareNames orders strings as Go compares them, byte by byte in
  // UTF-8, which is code point order. JavaScript's < compares UTF-16 units,
  // which puts characters beyond U+FFFF (surrogate pairs) before
  // U+E000–U+FFFF.
  tl.compareNames = function (a, b) {
    var n = Math.min(a.length, b.length), i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === n) return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
    var x = a.charCodeAt(i), y = b.charCodeAt(i);
    var xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  };
  // topN returns the n entries of counts (a Map of name to count) with
  // the highest counts, ties by name, as [name, count].
  tl.topN = function (counts, n) {
    return Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1] || tl.compareNames(a[0], b[0]); }).slice(0, n);
  };
  // Network counts how often names appear in events, and how often two
  // appear in the same event, as agg.Network.
  tl.Network = function () {
    this.counts = new Map();
    this.pairs = new Map(); // name → the names after it (in compareNames order) → shared events
  };
  // add counts one event with the given names; repeated names count once.
  tl.Network.prototype.add = function (names) {
    var uniq = names.filter(function (a, i, all) { return all.indexOf(a) === i; }).sort(tl.compareNames);
    for (var i = 0; i < uniq.length; i++) {
      var a = uniq[i], m = this.pairs.get(a);
      this.counts.set(a, (this.counts.get(a) || 0) + 1);
      if (!m && i + 1 < uniq.length) this.pairs.set(a, m = new Map());
      for (var j = i + 1; j < uniq.length; j++) m.set(uniq[j], (m.get(uniq[j]) || 0) + 1);
    }
  };
  // graph returns the top names as [name, count] and the links among them
  // shared by at least minShared events as [a, b, shared], strongest
  // first, as agg.Network.Graph.
  tl.Network.prototype.graph = function (top, minShared) {
    var nodes = tl.topN(this.counts, top), inTop = new Set(nodes.map(function (nd) { return nd[0]; })), links = [];
    this.pairs.forEach(function (m, a) {
      if (!inTop.has(a)) return;
      m.forEach(function (c, b) { if (c >= minShared && inTop.has(b)) links.push([a, b, c]); });
    });
    links.sort(function (x, y) { return y[2] - x[2] || tl.compareNames(x[0], y[0]) || tl.compareNames(x[1], y[1]); });
    return { nodes: nodes, links: links };
  };
})(self.timelinePage || (self.timelinePage = {}));
