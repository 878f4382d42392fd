/* story.js: the card of one event, next to the timeline, built from DOM
   nodes and the page's data, with previous/next, the keyboard and the #id
   permalink. */
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

  // hashId is the event id in the address's #fragment, or '' for none or
  // one that is not percent-encoded properly (#%).
  tl.hashId = function (hash) {
    try { return decodeURIComponent(hash.slice(1)); } catch (e) { return ''; }
  };

  // story gives the page pg eventNodes, open, closeCard, step and
  // fromHash.
  tl.story = function (pg) {
    var data = pg.data, S = pg.S, el = pg.el, n = pg.n;
    var story = document.getElementById('tlStory');
    var stage = document.querySelector('.stage');

    // eventNodes writes what is known of event k into box: the date as
    // written, the title, the media with its caption and credit, the
    // description and the table's other cells.
    pg.eventNodes = function (k, box, heading) {
      var e = pg.event(k);
      var when = el('p', e.date, 'when');
      var h = el(heading || 'h2', e.title);
      h.tabIndex = -1;
      box.append(when, h);
      if (e.media) {
        var fig = el('figure');
        var img = document.createElement('img');
        img.alt = e.media.caption || S.media;
        img.decoding = 'async';
        // A broken or unreachable image leaves its caption and credit,
        // not a broken-image icon.
        img.addEventListener('error', function () { img.remove(); fig.classList.add('broken'); fig.prepend(el('p', S.media_missing, 'missing')); });
        img.src = e.media.url;
        fig.append(img);
        var cap = el('figcaption');
        if (e.media.caption) cap.append(el('span', e.media.caption));
        if (e.media.credit) cap.append(el('span', e.media.credit, 'credit'));
        if (cap.firstChild) fig.append(cap);
        box.append(fig);
      }
      if (e.description) { var p = el('p', undefined, 'desc'); linkify(p, e.description); box.append(p); }
      var dl = el('dl');
      function item(label, node) {
        if (!node || !node.textContent.trim()) return;
        dl.append(el('dt', label));
        var dd = el('dd');
        dd.append(node);
        dl.append(dd);
      }
      function text(s) { return document.createTextNode(s); }
      var heads = document.getElementById('tlTable').tHead.rows[0].cells;
      if (!e.era) item(heads[2].textContent, text(e.lane));
      item(S.actors, text(e.actors.join('; ')));
      item(S.location, text(e.place));
      var src = el('span');
      e.sources.forEach(function (s, j) {
        if (j) src.append('; ');
        if (s.url) { var a = el('a', s.text); a.href = s.url; a.rel = 'noopener noreferrer'; src.append(a); } else src.append(s.text);
      });
      item(S.sources, src);
      item(S.confidence, text(e.confidence));
      item(S.tags, text(e.tags.join('; ')));
      var perm = el('a', '#' + e.id);
      perm.href = '#' + e.id;
      item(S.permalink, perm);
      box.append(dl);
      return h;
    };

    function mark(k, on) {
      var r = k >= 0 && pg.rowEl ? pg.rowEl(k) : pg.rows[k];
      if (r) r.classList.toggle('sel', on);
    }
    // select makes k the current event, drawn highlighted, and puts its
    // id in the address.
    pg.select = function (k) {
      if (pg.current >= 0) mark(pg.current, false);
      pg.current = k;
      if (k >= 0) {
        mark(k, true);
        if (location.hash !== '#' + data.id[k]) history.replaceState(null, '', '#' + data.id[k]);
      } else if (location.hash) {
        history.replaceState(null, '', location.pathname + location.search);
      }
    };

    // open shows event k: its slide in the story view, else its card next
    // to the timeline, inside the viewport.
    pg.open = function (k) {
      if (k < 0 || k >= n) return;
      if (pg.storyOn) { pg.slideTo(k); return; }
      pg.select(k);
      story.replaceChildren();
      var close = el('button', '×', 'close');
      close.type = 'button';
      close.setAttribute('aria-label', S.close);
      close.addEventListener('click', function () { pg.closeCard(true); });
      story.append(close);
      var h = pg.eventNodes(k, story);
      var nav = el('nav');
      var prev = el('button', '← ' + S.prev), next = el('button', S.next + ' →');
      prev.type = next.type = 'button';
      prev.addEventListener('click', function () { step(-1); });
      next.addEventListener('click', function () { step(1); });
      nav.append(prev, next);
      story.append(nav);
      story.hidden = false;
      stage.classList.add('open');
      pg.show(k);
      pg.redraw();
      h.focus({ preventScroll: true });
    };
    // reveal scrolls the page to the timeline, for #id (the card is
    // always in the viewport).
    pg.reveal = function () {
      var r = stage.getBoundingClientRect(), vh = window.innerHeight;
      if (r.top < 0 || r.top > vh * 0.5) window.scrollTo(0, Math.max(0, window.scrollY + r.top - 8));
    };
    pg.closeCard = function (refocus) {
      if (story.hidden) return;
      var k = pg.current;
      story.hidden = true;
      stage.classList.remove('open');
      pg.select(-1);
      pg.redraw();
      if (refocus && k >= 0) pg.focusEvent(k);
    };
    // next is the event after k (before it for d < 0) that passes the
    // search and lanes, whatever the zoom, or -1.
    pg.next = function (k, d) {
      do { k += d; } while (k >= 0 && k < n && !pg.match[k]);
      return k >= 0 && k < n ? k : -1;
    };
    function step(d) {
      var k = pg.next(pg.current < 0 ? (d > 0 ? -1 : n) : pg.current, d);
      if (k >= 0) pg.open(k);
    }
    document.addEventListener('keydown', function (e) {
      var t = e.target;
      if (e.key === 'Escape') {
        if (pg.storyOn) { pg.story(false); e.preventDefault(); } else if (!story.hidden) { pg.closeCard(true); e.preventDefault(); }
        return;
      }
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable) || e.altKey || e.ctrlKey || e.metaKey) return;
      var d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      e.preventDefault();
      if (pg.storyOn) pg.slideStep(d); else step(d);
    });
    // fromHash opens the event of the address's #id; at start, it also
    // opens the story view if the page starts there.
    pg.fromHash = function (start) {
      var id = tl.hashId(location.hash);
      var k = id && pg.byId[id] !== undefined ? pg.byId[id] : -1;
      if (start && document.documentElement.dataset.start === 'story') { pg.story(true, k); return; }
      if (k < 0) return;
      if (pg.storyOn) pg.slideTo(k); else if (k !== pg.current) pg.open(k);
      pg.reveal();
      // The browser scrolls to the table row of that id once the page has
      // loaded: the timeline is what #id shows.
      if (start && document.readyState !== 'complete') window.addEventListener('load', function () { requestAnimationFrame(pg.reveal); }, { once: true });
    };
    window.addEventListener('hashchange', function () { pg.fromHash(false); });
  };
})(self.timelinePage || (self.timelinePage = {}));
