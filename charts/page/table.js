/* table.js: the event table, shown a page of rows at a time when long,
   and the CSV download. */
(function (tl) {
  'use strict';
  // A long table is shown a page at a time: laying out 100,000 rows
  // freezes the page for many seconds. The rows stay in memory (the story
  // view, search and print read them); without JavaScript all are shown.
  var PAGE = 500;

  // table gives the page pg showRows and readTable, and wires the
  // download link.
  tl.table = function (pg) {
    var n = pg.n, el = pg.el, S = pg.S;
    var limit = PAGE, shownCount = n, tbody = null, more = null;
    pg.paged = false;
    // showRows shows the rows of the events that pass the filters, of
    // which there are count; all, to print, shows every one of them.
    pg.showRows = function (count, all) {
      if (count !== undefined) { shownCount = count; limit = PAGE; }
      if (!pg.paged) return;
      var frag = document.createDocumentFragment(), put = 0, rows = pg.rows, shown = pg.shown;
      for (var k = 0; k < n && (all || put < limit); k++) if (shown[k]) { frag.appendChild(rows[k]); put++; }
      tbody.replaceChildren(frag);
      var left = shownCount - put;
      more.hidden = left <= 0;
      more.firstChild.textContent = S.more.replace('{n}', Math.min(PAGE, left)).replace('{left}', left);
    };
    // readTable takes the rows from the parsed table.
    pg.readTable = function () {
      var table = document.getElementById('tlTable');
      tbody = table.tBodies[0];
      pg.rows = Array.prototype.slice.call(tbody.rows);
      if (n > 4 * PAGE) {
        pg.paged = true;
        tbody.replaceChildren();
        more = el('p', undefined, 'more');
        var btn = el('button');
        btn.type = 'button';
        btn.addEventListener('click', function () { limit += PAGE; pg.showRows(); });
        more.append(btn);
        table.after(more);
        window.addEventListener('beforeprint', function () { pg.showRows(undefined, true); });
        window.addEventListener('afterprint', function () { pg.showRows(); });
      }
      table.tBodies[0].addEventListener('click', function (e) {
        if (e.target.closest('a')) return;
        var tr = e.target.closest('tr');
        if (tr && pg.byId[tr.id] !== undefined) pg.open(pg.byId[tr.id]);
      });
    };

    // The download link: the CSV travels in the page, gzipped.
    var dl = document.getElementById('tlDownload');
    if (dl && pg.data.csv) {
      dl.addEventListener('click', function (e) {
        if (dl.dataset.ready) return;
        e.preventDefault();
        var bin = atob(pg.data.csv), bytes = new Uint8Array(bin.length);
        for (var m = 0; m < bin.length; m++) bytes[m] = bin.charCodeAt(m);
        new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).blob().then(function (b) {
          dl.href = URL.createObjectURL(new Blob([b], { type: 'text/csv;charset=utf-8' }));
          dl.dataset.ready = '1';
          dl.click();
        });
      });
    }
  };
})(self.timelinePage || (self.timelinePage = {}));
