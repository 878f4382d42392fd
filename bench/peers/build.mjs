// build.mjs builds the pages of the two peers the page benchmark
// (bench/pagetime) compares timeline's page with: vis-timeline and
// TimelineJS, each drawing the events of one CSV written by
// internal/benchdata, with the library inlined as timeline's page inlines
// ECharts. It is used by the benchmark only.
//
//   node build.mjs EVENTS.csv OUTDIR
//
// writes OUTDIR/vis.html and OUTDIR/timelinejs.html. Each page sets
// window.tlChartTime (milliseconds since navigation start) once its
// library has drawn the timeline. The libraries come from the npm registry
// at the versions pinned in package.json and package-lock.json (npm ci).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const [csvPath, outDir] = process.argv.slice(2);
if (!csvPath || !outDir) {
  console.error('usage: node build.mjs EVENTS.csv OUTDIR');
  process.exit(2);
}

// parseCSV reads RFC 4180 CSV: quoted cells, doubled quotes, line ends in
// quotes.
function parseCSV(text) {
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      cell += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = ''; i++; continue;
    }
    cell += c; i++;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// The benchmark's dates: YYYY, YYYY-MM, YYYY-MM-DD, each perhaps with ~, ?
// or %; YYYY/YYYY; and ID+PnD (days after another event's start). Peers
// take plain dates, so a coarse date becomes its first day and, for
// vis-timeline, a range over the span it covers.
function bounds(s) {
  s = s.replace(/[~?%]$/, '');
  const iv = s.split('/');
  if (iv.length === 2) return [bounds(iv[0])[0], bounds(iv[1])[1]];
  const m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(s);
  if (!m) return null;
  const y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
  const lo = Date.UTC(y, mo, d);
  const hi = m[3] ? Date.UTC(y, mo, d + 1) : m[2] ? Date.UTC(y, mo + 1, 1) : Date.UTC(y + 1, 0, 1);
  return [lo, hi, !!m[3]];
}

const rows = parseCSV(readFileSync(csvPath, 'utf8'));
const head = rows.shift();
const col = (name) => head.indexOf(name);
const [cID, cStart, cEnd, cTitle, cDesc, cCat] = ['id', 'start', 'end', 'title', 'description', 'category'].map(col);
const startOf = new Map();
const events = [];
for (const r of rows) {
  if (r.length < head.length) continue;
  let b;
  const rel = /^([a-z0-9-]+)\+P(\d+)D$/.exec(r[cStart]);
  if (rel) {
    const base = startOf.get(rel[1]);
    if (base === undefined) continue;
    const t = base + rel[2] * 86400000;
    b = [t, t + 86400000, true];
  } else {
    b = bounds(r[cStart]);
  }
  if (!b) continue;
  startOf.set(r[cID], b[0]);
  let [lo, hi, day] = b;
  if (r[cEnd]) {
    const e = bounds(r[cEnd]);
    if (e) { hi = e[1]; day = false; }
  }
  events.push({ id: r[cID], lo, hi, day, title: r[cTitle], desc: r[cDesc], cat: r[cCat] || '—' });
}

const iso = (t) => new Date(t).toISOString().slice(0, 10);
const json = (v) => JSON.stringify(v).replace(/</g, '\\u003c');
const lib = (p) => readFileSync(require.resolve(p), 'utf8').replace(/<\/script/gi, '<\\/script');
const page = (title, css, js, data, init) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${css ? `<style>${css}</style>` : ''}
<style>body{margin:0;font:14px system-ui,sans-serif}#tl{width:100%;height:600px}</style>
</head><body>
<div id="tl"></div>
<script type="application/json" id="data">${json(data)}</script>
<script>${js}</script>
<script>${init}</script>
</body></html>
`;

mkdirSync(outDir, { recursive: true });

// vis-timeline: one group per category, a point for a day, a range for
// anything longer.
const groups = [...new Set(events.map((e) => e.cat))].map((c) => ({ id: c, content: c }));
const items = events.map((e) => e.day
  ? { id: e.id, content: e.title, start: iso(e.lo), group: e.cat, type: 'point' }
  : { id: e.id, content: e.title, start: iso(e.lo), end: iso(e.hi), group: e.cat, type: 'range' });
writeFileSync(join(outDir, 'vis.html'), page('vis-timeline', '',
  lib('vis-timeline/standalone/umd/vis-timeline-graph2d.min.js'),
  { items, groups },
  `var d = JSON.parse(document.getElementById('data').textContent);
var t = new vis.Timeline(document.getElementById('tl'), new vis.DataSet(d.items), new vis.DataSet(d.groups), {});
t.on('changed', function () { if (!window.tlChartTime) window.tlChartTime = Math.round(performance.now()); });
window.peer = t;`));

// TimelineJS: a slide per event, grouped by category.
const date = (t) => { const d = new Date(t); return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }; };
const slides = {
  title: { text: { headline: 'Benchmark events', text: `${events.length} events` } },
  events: events.map((e) => {
    const s = { unique_id: e.id, start_date: date(e.lo), text: { headline: e.title, text: e.desc }, group: e.cat };
    if (!e.day) s.end_date = date(e.hi - 86400000);
    return s;
  }),
};
writeFileSync(join(outDir, 'timelinejs.html'), page('TimelineJS', lib('@knight-lab/timelinejs/dist/css/timeline.css'),
  lib('@knight-lab/timelinejs/dist/js/timeline.js'),
  slides,
  `var d = JSON.parse(document.getElementById('data').textContent);
var t = new TL.Timeline('tl', d, {});
t.on('loaded', function () { requestAnimationFrame(function () { if (!window.tlChartTime) window.tlChartTime = Math.round(performance.now()); }); });
window.peer = t;`));
console.log(`${events.length} events: ${join(outDir, 'vis.html')}, ${join(outDir, 'timelinejs.html')}`);
