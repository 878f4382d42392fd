/* story.js: the story card of one event, built from DOM nodes and the
   table's text, with previous/next, the keyboard and the #id permalink. */
(function (tl) {
  'use strict';
  var URL_RE = /\b(?:https?:\/\/|mailto:)[^\s<>"]+[^\s<>".,;:!?)\]]/g;

  // linkify appends text to parent, with its http, https and mailto URLs
  // as links.
  function linkify(parent, text) {
    var last = 0, m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      parent.append(document.createTextNode(text.slice(last, m.index)));
      var a = document.createElement('a');
      a.href = m[0];
      a.textContent = m[0];
      a.rel = 'noopener noreferrer';
      parent.append(a);
      last = m.index + m[0].length;
    }
    parent.append(document.createTextNode(text.slice(last)));
  }

  // story gives the page pg open and fromHash.
  tl.story = function (pg) {
    var data = pg.data, S = pg.S, el = pg.el, n = pg.n;
    var story = document.getElementById('tlStory');
    pg.open = function (k) {
      var rows = pg.rows, lo = pg.lo, hi = pg.hi, win = pg.win;
      if (k < 0 || k >= n || !rows[k]) return;
      if (pg.current >= 0) rows[pg.current].classList.remove('sel');
      pg.current = k;
      var r = rows[k], c = r.cells;
      story.replaceChildren();
      var close = el('button', '×', 'close');
      close.type = 'button';
      close.setAttribute('aria-label', S.close);
      close.addEventListener('click', closeStory);
      var when = el('p', c[0].textContent, 'when');
      var h = el('h2', pg.titleOf(k));
      h.tabIndex = -1;
      story.append(close, when, h);
      var desc = c[1].querySelector('span');
      if (desc) { var p = el('p'); linkify(p, desc.textContent); story.append(p); }
      var media = c[1].querySelector('a.m');
      if (media) {
        var fig = el('figure');
        var img = document.createElement('img');
        img.src = media.href;
        img.alt = media.textContent;
        fig.append(img, el('figcaption', media.textContent));
        story.append(fig);
      }
      var dl = el('dl');
      function item(label, node) {
        if (!node || !node.textContent.trim()) return;
        dl.append(el('dt', label));
        var dd = el('dd');
        dd.append(node);
        dl.append(dd);
      }
      var heads = document.getElementById('tlTable').tHead.rows[0].cells;
      item(heads[2].textContent, document.createTextNode(c[2].textContent));
      item(S.actors, document.createTextNode(c[3].textContent));
      item(S.location, document.createTextNode(c[4].textContent));
      var src = document.createDocumentFragment();
      c[5].childNodes.forEach(function (node) { src.append(node.cloneNode(true)); });
      var srcSpan = el('span');
      srcSpan.append(src);
      item(S.sources, srcSpan);
      item(S.confidence, document.createTextNode(c[6].textContent));
      item(S.tags, document.createTextNode(c[7].textContent));
      var perm = el('a', '#' + data.id[k]);
      perm.href = '#' + data.id[k];
      item(S.permalink, perm);
      story.append(dl);
      var nav = el('nav');
      var prev = el('button', '← ' + S.prev), next = el('button', S.next + ' →');
      prev.type = next.type = 'button';
      prev.addEventListener('click', function () { step(-1); });
      next.addEventListener('click', function () { step(1); });
      nav.append(prev, next);
      story.append(nav);
      story.hidden = false;
      r.classList.add('sel');
      if (location.hash !== '#' + data.id[k]) history.replaceState(null, '', '#' + data.id[k]);
      if (hi[k] < win[0] || lo[k] > win[1]) {
        var span = Math.max(win[1] - win[0], hi[k] - lo[k]);
        pg.zoomTo(Math.max(pg.axisMin, (lo[k] + hi[k]) / 2 - span / 2), Math.min(pg.axisMax, (lo[k] + hi[k]) / 2 + span / 2));
      }
      h.focus({ preventScroll: true });
      story.scrollIntoView({ block: 'nearest' });
    };
    function closeStory() {
      story.hidden = true;
      if (pg.current >= 0) pg.rows[pg.current].classList.remove('sel');
      pg.current = -1;
      history.replaceState(null, '', location.pathname + location.search);
    }
    function step(d) {
      var k = pg.current;
      do { k += d; } while (k >= 0 && k < n && !pg.shown[k]);
      if (k >= 0 && k < n) pg.open(k);
    }
    document.addEventListener('keydown', function (e) {
      var t = e.target;
      if (e.key === 'Escape') { if (!story.hidden) { closeStory(); e.preventDefault(); } return; }
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight') { step(1); e.preventDefault(); }
      if (e.key === 'ArrowLeft') { if (pg.current < 0) { pg.current = n; } step(-1); e.preventDefault(); }
    });
    pg.fromHash = function () {
      var id = decodeURIComponent(location.hash.slice(1));
      if (id && pg.byId[id] !== undefined && pg.byId[id] !== pg.current) pg.open(pg.byId[id]);
    };
    window.addEventListener('hashchange', pg.fromHash);
  };
})(self.timelinePage || (self.timelinePage = {}));
