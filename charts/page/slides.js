/* slides.js: the story view, one event at a time as a full-width slide
   above the timeline, which shows where the slide sits: a title slide
   from the dataset's title, description and sources, then the events in
   date order (those the search and lanes let through), with previous and
   next buttons, the arrow keys and swipes. */
(function (tl) {
  'use strict';
  // slides gives the page pg story, slideTo and slideStep.
  tl.slides = function (pg) {
    var S = pg.S, n = pg.n, root = document.documentElement;
    var box = document.getElementById('tlSlides'), slide = document.getElementById('tlSlide');
    var titleSlide = document.getElementById('tlTitleSlide'), at = document.getElementById('tlSlideAt');
    var prev = document.getElementById('tlPrev'), next = document.getElementById('tlNext');
    var btn = document.getElementById('tlStoryBtn'), chartbox = document.querySelector('.chartbox');
    var cur = -1; // the event on the slide; -1 is the title slide
    pg.storyOn = false;

    // story turns the story view on, at event k's slide (or the title
    // slide for k < 0), or off.
    pg.story = function (on, k) {
      if (!n) on = false;
      pg.storyOn = on;
      root.classList.toggle('storymode', on);
      box.hidden = !on;
      btn.setAttribute('aria-pressed', on ? 'true' : 'false');
      if (on) {
        pg.closeCard(false);
        pg.slideTo(k === undefined ? -1 : k);
        window.scrollTo(0, 0);
      } else {
        var was = pg.current;
        pg.select(-1);
        pg.redraw();
        if (was >= 0) pg.focusEvent(was); else btn.focus();
      }
    };
    // position is k's place among the slides, and count how many there
    // are, the title slide first.
    function position(k) {
      var i = 0, count = 0;
      for (var j = 0; j < n; j++) if (pg.match[j]) { count++; if (j <= k) i++; }
      return { i: k < 0 ? 0 : i, count: count };
    }
    pg.slideTo = function (k) {
      cur = k;
      slide.replaceChildren();
      var h;
      if (k < 0) {
        var c = titleSlide.cloneNode(true);
        c.hidden = false;
        c.removeAttribute('id');
        slide.append(c);
        h = c.querySelector('h2');
        h.tabIndex = -1;
        pg.select(-1);
        pg.redraw();
      } else {
        h = pg.eventNodes(k, slide);
        pg.select(k);
        pg.show(k);
        pg.redraw();
        scrollToMark(k);
      }
      slide.classList.toggle('first', k < 0);
      var p = position(k);
      at.textContent = k < 0 ? S.title_slide : S.slide_at.replace('{i}', p.i).replace('{n}', p.count);
      prev.disabled = k < 0;
      next.disabled = pg.next(k, 1) < 0;
      if (box.contains(document.activeElement) || document.activeElement === document.body) h.focus({ preventScroll: true });
    };
    pg.slideStep = function (d) {
      var k = pg.next(cur, d);
      if (d < 0 && k < 0 && cur >= 0) k = -1; else if (k < 0) return;
      pg.slideTo(k);
    };
    // scrollToMark scrolls the timeline strip to the slide's mark.
    function scrollToMark(k) {
      var ms = pg.marks();
      for (var m = 0; m < ms.length; m++) {
        if (ms[m].k !== k) continue;
        var y = 8 + ms[m].row * 22, top = chartbox.scrollTop, h = chartbox.clientHeight;
        if (y < top + 8 || y > top + h - 80) chartbox.scrollTop = Math.max(0, y - h / 3);
        return;
      }
    }
    prev.addEventListener('click', function () { pg.slideStep(-1); });
    next.addEventListener('click', function () { pg.slideStep(1); });
    document.getElementById('tlStoryExit').addEventListener('click', function () { pg.story(false); });
    btn.addEventListener('click', function () { pg.story(!pg.storyOn, pg.current); });
    // Swipes: left for the next slide, right for the previous one.
    var sx = 0, sy = 0, touching = false;
    box.addEventListener('touchstart', function (e) {
      if (e.touches.length !== 1) { touching = false; return; }
      touching = true;
      sx = e.touches[0].clientX;
      sy = e.touches[0].clientY;
    }, { passive: true });
    box.addEventListener('touchend', function (e) {
      if (!touching) return;
      touching = false;
      var t = e.changedTouches[0], dx = t.clientX - sx, dy = t.clientY - sy;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) pg.slideStep(dx < 0 ? 1 : -1);
    }, { passive: true });
    if (!n) btn.hidden = true;
  };
})(self.timelinePage || (self.timelinePage = {}));
