/* chrome.js: what the page does around the timeline: the empty page, the
   height an embedded page tells its parent, the picture of the timeline
   that the printed page starts with, and the labels of the table's cells
   when phones show each row as a card. */
(function (tl) {
  'use strict';
  // PRINT_WIDTH is the width in CSS px the printed timeline is drawn at:
  // about an A4 or Letter page's text width at 96 dpi, scaled a little
  // down, so that its text prints at a readable size.
  var PRINT_WIDTH = 1000;

  tl.chrome = function (pg) {
    var root = document.documentElement;
    if (!pg.n) root.classList.add('noevents');

    // An embedded page tells its parent its height whenever it changes,
    // and the snippet timeline render --embed prints sets the iframe's.
    if (window.parent !== window && window.ResizeObserver) {
      var last = -1;
      var tell = function () {
        var h = Math.ceil(document.body.getBoundingClientRect().height);
        if (h === last) return;
        last = h;
        window.parent.postMessage({ timelineHeight: h }, '*');
      };
      new ResizeObserver(tell).observe(document.body);
      window.tlReportedHeight = function () { return last; };
    }

    // The printed page starts with the whole timeline as a picture.
    var img = document.getElementById('tlPrintImg'), drawn = false;
    function picture() {
      if (drawn || !pg.n) return;
      drawn = true;
      img.src = pg.picture(PRINT_WIDTH);
    }
    window.addEventListener('beforeprint', picture);
    if (window.matchMedia) {
      var mq = window.matchMedia('print');
      if (mq.addEventListener) mq.addEventListener('change', function (e) { if (e.matches) picture(); });
    }
    pg.printPicture = picture;

    // Phones show each table row as a card; its cells are labelled with
    // the column names.
    function labels() {
      var table = document.getElementById('tlTable');
      if (!table || !table.tHead) return;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        table.style.setProperty('--h' + (i + 1), JSON.stringify(th.textContent.trim()));
      });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', labels); else labels();
  };
})(self.timelinePage || (self.timelinePage = {}));
