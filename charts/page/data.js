/* data.js: the page's events, unpacked from the compressed columns that
   charts/pagedata.go writes (see there for the layout), and read through
   accessors. The core block (bounds, flags, lanes, values) is unpacked
   first and the page drawn from it; the text block (ids, titles, dates,
   places, actors, sources, …) follows, and with it the table, the search
   and the story card. */
(function (tl) {
  'use strict';
  var td = new TextDecoder();

  function bytesOf(b64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
    var bin = atob(b64), u = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    return u;
  }

  // unpack inflates a block and resolves to its columns. The block's size
  // is known from its columns, so the chunks are copied into one buffer as
  // they come (twice as fast as letting a Response gather them).
  function unpack(blk) {
    var size = 0, name;
    for (name in blk.cols) size = Math.max(size, blk.cols[name].o + blk.cols[name].l);
    var ds = new DecompressionStream('gzip'), w = ds.writable.getWriter();
    w.write(bytesOf(blk.z));
    w.close();
    var rd = ds.readable.getReader(), out = new Uint8Array(size), at = 0;
    function next() {
      return rd.read().then(function (c) {
        if (c.done) return new Block(out.buffer, blk.cols);
        if (at + c.value.length > size) throw new Error('a block of the page data is longer than its columns');
        out.set(c.value, at);
        at += c.value.length;
        return next();
      });
    }
    return next();
  }

  // Block reads the columns of an unpacked block by name: typed arrays
  // viewing the bytes in place, or arrays of strings. After reading
  // strings, joined is them as stored, joined by NULs (which the search
  // lower-cases whole); after anything else, null.
  function Block(buf, cols) { this.buf = buf; this.cols = cols; this.joined = null; }
  Block.prototype.get = function (name) {
    var s = Object.prototype.hasOwnProperty.call(this.cols, name) ? this.cols[name] : null, b = this.buf;
    this.joined = null;
    if (!s) return null;
    switch (s.t) {
      case 'u8': return new Uint8Array(b, s.o, s.n);
      case 'u16': return new Uint16Array(b, s.o, s.n);
      case 'i32': return new Int32Array(b, s.o, s.n);
      case 'f64': return new Float64Array(b, s.o, s.n);
    }
    var str = s.n ? td.decode(new Uint8Array(b, s.o, s.l)) : '';
    this.joined = str;
    return s.n ? str.split('\0') : [];
  };
  tl.Block = Block;

  // Lower is a list of strings lower-cased as one string, each after a
  // NUL, and where each starts: a search runs the browser's indexOf over
  // it, rather than over every string, and looks up the strings its
  // matches fall in. No string holds a NUL, so no match spans two.
  function Lower(strs, joined) {
    var s = this.s = '\0' + (typeof joined === 'string' ? joined : strs.join('\0')).toLowerCase() + '\0';
    var at = this.at = new Uint32Array(strs.length + 1), i = 0, p = 0;
    // Lower-casing may change a string's length: the starts are found in
    // the lower-cased text.
    while ((p = s.indexOf('\0', p)) >= 0) at[i++] = ++p;
  }
  // hits marks in m (one byte per string) the strings that hold q, and
  // counts them.
  Lower.prototype.hits = function (q, m) {
    if (q.indexOf('\0') >= 0) return 0;
    var s = this.s, at = this.at, p = 0, last = at.length - 1, count = 0;
    while ((p = s.indexOf(q, p)) >= 0) {
      // The string the match starts in: the last start at or before p.
      var l = 0, r = last;
      while (l < r) { var c = (l + r + 1) >>> 1; if (at[c] <= p) l = c; else r = c - 1; }
      m[l] = 1;
      count++;
      p = at[l + 1]; // the next string
    }
    return count;
  };
  // dictHits marks the strings of low that hold q, or is null if none
  // does.
  function dictHits(low, q) {
    var m = new Uint8Array(low.at.length - 1);
    return low.hits(q, m) ? m : null;
  }

  // Text is a text column: a dictionary and an index per event, or one
  // string per event.
  function Text(b, name) {
    this.dict = b.get(name + '.d');
    if (this.dict) this.idx = b.get(name + '.i');
    else {
      this.raw = b.get(name + '.s');
      this.joined = b.joined; // lower-cased for the search, then let go
    }
  }
  Text.prototype.get = function (k) { return this.dict ? this.dict[this.idx[k]] : this.raw[k]; };
  // lowered is a Text's or List's strings lower-cased for the search,
  // made when first searched.
  function lowered() {
    if (!this.low) {
      this.low = new Lower(this.dict || this.raw || this.vals, this.joined);
      this.joined = null; // lower-cased, and let go
    }
    return this.low;
  }
  Text.prototype.lower = lowered;
  // match marks in hit the events whose value holds q (lower-case).
  Text.prototype.match = function (q, hit) {
    var k, n = hit.length;
    if (this.dict) {
      var m = dictHits(this.lower(), q), idx = this.idx;
      if (m) for (k = 0; k < n; k++) if (m[idx[k]]) hit[k] = 1;
      return;
    }
    this.lower().hits(q, hit);
  };

  // List is a list column: event k's values are numbers off[k] to
  // off[k+1] of the column's values; value j is a dictionary entry, or the
  // string itself. key(j) numbers it as name.link does.
  function List(b, name, n) {
    this.dict = b.get(name + '.d');
    if (this.dict) this.idx = b.get(name + '.i');
    else {
      this.vals = b.get(name + '.v');
      this.joined = b.joined;
    }
    var c = b.get(name + '.c'), off = this.off = new Uint32Array(n + 1);
    for (var k = 0; k < n; k++) off[k + 1] = off[k] + c[k];
  }
  List.prototype.key = function (j) { return this.dict ? this.idx[j] : j; };
  List.prototype.value = function (j) { return this.dict ? this.dict[this.idx[j]] : this.vals[j]; };
  List.prototype.get = function (k) {
    var out = [];
    for (var j = this.off[k]; j < this.off[k + 1]; j++) out.push(this.value(j));
    return out;
  };
  List.prototype.lower = lowered;
  List.prototype.match = function (q, hit) {
    var m = dictHits(this.lower(), q), off = this.off, idx = this.dict ? this.idx : null;
    if (!m) return;
    for (var k = 0; k < hit.length; k++) {
      if (hit[k]) continue;
      for (var j = off[k], e = off[k + 1]; j < e; j++) if (m[idx ? idx[j] : j]) { hit[k] = 1; break; }
    }
  };

  // core puts the core block's columns on data as the modules read them:
  // lo (minutes since the epoch, as differences from the previous event),
  // dur (minutes), f (flags), ln (a lane index, a list of them, or -1 for
  // an era) and val ([index, value] of the events with a value).
  function core(data, b) {
    var n = data.n, k, j = 0;
    data.lo = b.get('lo');
    data.dur = b.get('dur');
    data.f = b.get('f');
    var c = b.get('ln.c'), ix = b.get('ln.i'), ln = new Array(n);
    for (k = 0; k < n; k++) {
      var m = c[k];
      if (m === 0) { ln[k] = -1; continue; }
      if (m === 1) { ln[k] = ix[j++]; continue; }
      var l = [];
      while (m--) l.push(ix[j++]);
      ln[k] = l;
    }
    data.ln = ln;
    var vk = b.get('val.k'), vv = b.get('val.v');
    if (vk.length) {
      data.val = [];
      for (k = 0; k < vk.length; k++) data.val.push([vk[k], vv[k]]);
    }
  }

  // boot reads the page's data, unpacks the core block, and then runs
  // main(tl); tl.textBlock is the promise of the text block, which is
  // unpacked once the timeline is drawn, so as not to delay it.
  tl.boot = function (main) {
    var data = tl.pageData = JSON.parse(document.getElementById('tlData').textContent);
    var text;
    tl.textBlock = new Promise(function (resolve) { text = resolve; });
    unpack(data.core).then(function (b) {
      core(data, b);
      main(tl);
      text(unpack(data.text));
    }).catch(failed);
    tl.textBlock.catch(failed);
  };
  function failed(err) {
    console.error('timeline: the page data could not be read: ' + (err && err.stack || err));
    var out = document.getElementById('tlCount');
    if (out) out.textContent = String(err);
  }

  // lazy makes obj[name] the result of make(), called when first read.
  function lazy(obj, name, make) {
    Object.defineProperty(obj, name, {
      configurable: true, enumerable: true,
      get: function () {
        var v = make();
        Object.defineProperty(obj, name, { value: v, writable: true, configurable: true, enumerable: true });
        return v;
      },
      set: function (v) { Object.defineProperty(obj, name, { value: v, writable: true, configurable: true, enumerable: true }); }
    });
  }

  // accessors gives the page pg the functions that read each event's
  // cells: titleOf, dateOf, descOf, laneTextOf, placeOf, confidenceOf,
  // actorsOf, tagsOf (lists of strings), sourcesOf ([{text, url}], url
  // only for a link the page may make clickable), mediaOf ({url, caption,
  // credit} or null) and event (all of them in one object). Until the text
  // block is unpacked they return empty values, and pg.wantedText says
  // that one was asked; the functions stay the same, so a module may keep
  // them.
  tl.accessors = function (pg) {
    function text(name) {
      return function (k) {
        if (pg.cols) return pg.cols[name].get(k);
        pg.wantedText = true;
        return '';
      };
    }
    function list(name) {
      return function (k) {
        if (pg.cols) return pg.cols[name].get(k);
        pg.wantedText = true;
        return [];
      };
    }
    pg.titleOf = text('title');
    pg.dateOf = text('date');
    pg.descOf = text('desc');
    pg.laneTextOf = text('lane');
    pg.placeOf = text('place');
    pg.confidenceOf = text('conf');
    pg.actorsOf = list('act');
    pg.tagsOf = list('tag');
    pg.sourcesOf = function (k) {
      var out = [], s = pg.cols && pg.cols.src;
      if (!s) { pg.wantedText = true; return out; }
      for (var j = s.off[k]; j < s.off[k + 1]; j++) {
        var v = s.value(j);
        out.push({ text: v, url: pg.cols.srcLink[s.key(j)] ? v : '' });
      }
      return out;
    };
    pg.mediaOf = function (k) { return pg.cols ? pg.cols.media(k) : null; };
    pg.event = function (k) {
      return {
        id: pg.data.id ? pg.data.id[k] : '', date: pg.dateOf(k), title: pg.titleOf(k), description: pg.descOf(k), lane: pg.laneTextOf(k),
        actors: pg.actorsOf(k), place: pg.placeOf(k), sources: pg.sourcesOf(k), confidence: pg.confidenceOf(k),
        tags: pg.tagsOf(k), media: pg.mediaOf(k), era: !!(pg.data.f[k] & tl.flags.ERA)
      };
    };
  };

  // text gives the page pg the text block: pg.cols, which the accessors
  // read, data.id, data.geo ([index, latitude, longitude]), pg.byId and
  // pg.search.
  tl.text = function (pg, b) {
    var n = pg.n, data = pg.data, k;
    var c = {
      title: new Text(b, 'title'), desc: new Text(b, 'desc'), date: new Text(b, 'date'), lane: new Text(b, 'lane'),
      place: new Text(b, 'place'), conf: new Text(b, 'conf'),
      act: new List(b, 'act', n), tag: new List(b, 'tag', n), src: new List(b, 'src', n)
    };
    var ids = data.id = b.get('id');
    b.joined = null;
    // The index of ids and the list of coordinates are made when first
    // read: a hash to open, the map panel.
    lazy(pg, 'byId', function () {
      var byId = Object.create(null);
      for (var k = 0; k < n; k++) byId[ids[k]] = k;
      return byId;
    });
    var srcLink = b.get('src.link');
    var mk = b.get('media.k'), mu = b.get('media.u'), mc = b.get('media.c'), mr = b.get('media.r'), mediaAt = new Map();
    for (k = 0; k < mk.length; k++) mediaAt.set(mk[k], k);
    c.srcLink = srcLink;
    c.media = function (k) {
      var j = mediaAt.get(k);
      return j === undefined ? null : { url: mu[j], caption: mc[j], credit: mr[j] };
    };
    var gk = b.get('geo.k'), lat = b.get('geo.lat'), lon = b.get('geo.lon');
    if (gk.length) {
      lazy(data, 'geo', function () {
        var geo = [];
        for (var j = 0; j < gk.length; j++) geo.push([gk[j], lat[j], lon[j]]);
        return geo;
      });
    }
    // search marks the events any of whose cells holds q (lower-case);
    // the last answer is kept, since filters other than the text ask
    // again.
    var lastQ = null, lastHits = null, cap = null, cred = null;
    pg.search = function (q) {
      if (q === lastQ) return lastHits;
      var hit = new Uint8Array(n);
      ['title', 'desc', 'date', 'lane', 'place', 'conf', 'act', 'tag', 'src'].forEach(function (name) { c[name].match(q, hit); });
      if (mk.length) {
        cap = cap || new Lower(mc);
        cred = cred || new Lower(mr);
        var m = new Uint8Array(mk.length);
        cap.hits(q, m);
        cred.hits(q, m);
        for (var j = 0; j < mk.length; j++) if (m[j]) hit[mk[j]] = 1;
      }
      lastQ = q;
      lastHits = hit;
      return hit;
    };
    pg.cols = c;
    // The search reads the columns lower-cased; they are made so while
    // the page is idle, one at a time, rather than at the first search.
    var names = ['desc', 'src', 'title', 'date', 'lane', 'place', 'conf', 'act', 'tag'];
    var idle = self.requestIdleCallback || function (f) { return setTimeout(f, 50); };
    function warm() {
      if (!names.length) return;
      c[names.shift()].lower();
      idle(warm);
    }
    idle(warm);
  };
})(self.timelinePage || (self.timelinePage = {}));
