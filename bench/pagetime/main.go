// Command pagetime measures timeline's page in headless Chromium, side by
// side with vis-timeline and TimelineJS pages of the same events, on the
// benchmark's full rows (internal/benchdata). Run it from the repository's
// root:
//
//	go run ./bench/pagetime [-sizes 5000,20000,100000] [-runs 3] [-peers=false]
//
// For each size it writes the CSV (once, in -dir), renders timeline's page
// with the command built from ./cmd/timeline (timing the render and its
// peak memory), and builds the peers' pages with bench/peers/build.mjs
// (which needs `npm ci` in bench/peers once). Then, -runs times, it loads
// every page in a fresh headless Chromium, the pages of one round
// interleaved so that the load of a shared machine falls on all alike,
// and reports each figure's range over the runs:
//
//   - drawn: milliseconds from navigation start until the timeline is drawn
//     (the page sets window.tlChartTime);
//   - usable: until the search box searches every event (tlSearchReady);
//   - search: from putting a term in the search box at once (as pasted)
//     to the frame that shows its result, and the work itself; and
//     "typed": the term typed a key every 80 ms, from its last key to the
//     frame that shows its result, of which the page waits 120 ms for the
//     typing to pause;
//   - frame: the longest zoom or pan step of a sequence, as the chart's
//     redraw and the filtering of every view that follows it;
//   - and, for timeline's page, the parts of the search's work and of the
//     longest frame's filtering (the page sets window.tlSplit): the search
//     of the text columns, the filters' pass over the events, the table,
//     the chart (timeline.js's redraw) and the panel below it.
//
// Timings of a page that has not drawn within -timeout are reported as
// "> timeout".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"timeline/internal/benchdata"
)

func main() {
	sizes := flag.String("sizes", "5000,20000,100000", "comma-separated event counts")
	runs := flag.Int("runs", 3, "rounds of loads")
	peers := flag.Bool("peers", true, "also load vis-timeline and TimelineJS pages (bench/peers, after npm ci)")
	peerMax := flag.Int("peer-max", 100000, "the largest size the peers are loaded at")
	dir := flag.String("dir", defaultDir(), "where the CSVs and pages are written")
	timeout := flag.Duration("timeout", 120*time.Second, "how long a page may take to draw")
	chromium := flag.String("chromium", "chromium", "the browser")
	flag.Parse()
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 {
			fmt.Fprintf(os.Stderr, "pagetime: bad size %q\n", s)
			os.Exit(2)
		}
		ns = append(ns, n)
	}
	if err := run(ns, *runs, *peers, *peerMax, *dir, *timeout, *chromium); err != nil {
		fmt.Fprintln(os.Stderr, "pagetime:", err)
		os.Exit(1)
	}
}

func defaultDir() string {
	if d := os.Getenv("TIMELINE_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "timeline-bench")
}

// page is one page to load, and what its loads measured.
type page struct {
	kind, path string
	n          int
	size       int64
	drawn      []float64
	usable     []float64
	search     []float64
	work       []float64
	typed      []float64
	frame      []float64
	searchPart [][]float64 // per run, the parts of search work (splitParts)
	framePart  [][]float64 // per run, the parts of the longest frame's filtering
	render     []float64   // seconds, timeline's page only
	rss        []float64   // MB, peak of render
}

func run(ns []int, runs int, peers bool, peerMax int, dir string, timeout time.Duration, chromium string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(dir, "timeline-pagetime")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/timeline").CombinedOutput(); err != nil {
		return fmt.Errorf("building ./cmd/timeline (run from the repository root): %v\n%s", err, out)
	}
	var pages []*page
	for _, n := range ns {
		csv, err := benchdata.File(dir, n)
		if err != nil {
			return err
		}
		ours := &page{kind: "timeline", n: n, path: filepath.Join(dir, fmt.Sprintf("page-%d.html", n))}
		pages = append(pages, ours)
		if peers && n <= peerMax {
			out := filepath.Join(dir, fmt.Sprintf("peers-%d", n))
			cmd := exec.Command("node", "bench/peers/build.mjs", csv, out)
			if b, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("building the peers' pages (npm ci in bench/peers first): %v\n%s", err, b)
			}
			pages = append(pages, &page{kind: "vis-timeline", n: n, path: filepath.Join(out, "vis.html")},
				&page{kind: "TimelineJS", n: n, path: filepath.Join(out, "timelinejs.html")})
		}
	}
	for r := 0; r < runs; r++ {
		for _, p := range pages {
			if p.kind == "timeline" {
				csv, _ := benchdata.File(dir, p.n)
				if err := renderPage(bin, csv, p); err != nil {
					return err
				}
			}
			if st, err := os.Stat(p.path); err == nil {
				p.size = st.Size()
			}
			if err := load(p, timeout, chromium); err != nil {
				// A browser that a page has hung is no reason to lose the
				// other figures: the page counts as not drawn in time.
				fmt.Fprintf(os.Stderr, "run %d: %s %d: %v\n", r+1, p.kind, p.n, err)
				if len(p.drawn) <= r {
					p.drawn = append(p.drawn, -1)
				}
				continue
			}
			fmt.Fprintf(os.Stderr, "run %d: %s %d: drawn %s ms, usable %s ms, search %s ms (work %s ms, typed %s ms), frame %s ms\n",
				r+1, p.kind, p.n, last(p.drawn), last(p.usable), last(p.search), last(p.work), last(p.typed), last(p.frame))
		}
	}
	report(pages, runs, timeout)
	return nil
}

func last(v []float64) string {
	if len(v) == 0 {
		return "-"
	}
	return fmt.Sprint(v[len(v)-1])
}

// renderPage runs timeline render, timing it.
func renderPage(bin, csv string, p *page) error {
	cmd := exec.Command(bin, "render", csv, "-o", p.path)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("timeline render %s: %w", csv, err)
	}
	p.render = append(p.render, time.Since(start).Seconds())
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		p.rss = append(p.rss, float64(ru.Maxrss)/1024)
	}
	return nil
}

// load opens the page in a fresh browser and takes its figures.
func load(p *page, timeout time.Duration, chromium string) error {
	profile, err := os.MkdirTemp("", "pagetime-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, timeout+60*time.Second)
	defer cancelT()
	defer chromedp.Cancel(ctx)
	// Navigation does not wait for the load event, which a slow page
	// fires long after it has drawn, or never.
	navigate := chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, errText, _, err := cdppage.Navigate("file://" + p.path).Do(ctx)
		if err == nil && errText != "" {
			err = errors.New(errText)
		}
		return err
	})
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(1280, 800), navigate); err != nil {
		return err
	}
	var drawn float64
	deadline := time.Now().Add(timeout)
	for drawn == 0 && time.Now().Before(deadline) {
		// A page busy drawing answers only when it is done: the wait for
		// an answer is bounded too.
		cctx, cancel := context.WithDeadline(ctx, deadline)
		err := chromedp.Run(cctx, chromedp.Evaluate(`window.tlChartTime || 0`, &drawn))
		cancel()
		if err != nil && time.Now().Before(deadline) {
			return err
		}
		if drawn == 0 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if drawn == 0 {
		p.drawn = append(p.drawn, -1)
		return nil
	}
	p.drawn = append(p.drawn, drawn)
	switch p.kind {
	case "timeline":
		return measureOurs(ctx, p, deadline)
	case "vis-timeline":
		var f float64
		if err := eval(ctx, visFrame, &f); err != nil {
			return err
		}
		p.frame = append(p.frame, f)
	}
	return nil
}

func eval(ctx context.Context, js string, out any) error {
	return chromedp.Run(ctx, chromedp.Evaluate(js, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// waitFor is the page-side helper the measurements share: it resolves
// once f() is true, polling.
const waitFor = `function split() { var s = window.tlSplit || {}; return [s.search, s.filter, s.table, s.chart, s.panel].map(function (v) { return v || 0; }); }
function waitFor(f) { return new Promise(function (r) { (function w() { if (f()) r(); else setTimeout(w, 2); })(); }); }
function nextFrame() { return new Promise(function (r) { requestAnimationFrame(function () { setTimeout(r, 0); }); }); }
`

// ourSearch types a term into the search box and times the result.
const ourSearch = `(async function () {` + waitFor + `
  var inp = document.getElementById('tlSearch'), c0 = window.tlFilterCount || 0, t0 = performance.now();
  inp.value = 'dushanbe';
  inp.dispatchEvent(new Event('input'));
  await waitFor(function () { return (window.tlFilterCount || 0) !== c0; });
  await nextFrame();
  var out = [performance.now() - t0, window.tlFilterTime, split()];
  c0 = window.tlFilterCount;
  inp.value = '';
  inp.dispatchEvent(new Event('input'));
  await waitFor(function () { return window.tlFilterCount !== c0; });
  await new Promise(function (r) { setTimeout(r, 500); });
  // Typed: a key every 80 ms; timed from the last key.
  var term = 'dushanbe', tLast = 0;
  for (var i = 1; i <= term.length; i++) {
    inp.value = term.slice(0, i);
    tLast = performance.now();
    inp.dispatchEvent(new Event('input'));
    if (i < term.length) await new Promise(function (r) { setTimeout(r, 80); });
  }
  await waitFor(function () { return timelinePage.page.query === term; });
  await nextFrame();
  out.push(performance.now() - tLast);
  c0 = window.tlFilterCount;
  inp.value = '';
  inp.dispatchEvent(new Event('input'));
  await waitFor(function () { return window.tlFilterCount !== c0; });
  return out;
})()`

// ourFrames zooms in step by step, pans, and zooms out again; for each
// step it times the chart's redraw (flushed at once) and the filtering of
// every view that follows it.
const ourFrames = `(async function () {` + waitFor + `
  var ch = echarts.getInstanceByDom(document.getElementById('tlChart')), worst = 0, worstFilter = -1, parts = [];
  var steps = [[0, 50], [10, 40], [20, 30], [22, 27], [23, 24], [23.2, 23.6], [23.4, 23.8], [23.6, 24], [30, 40], [0, 100]];
  for (var i = 0; i < steps.length; i++) {
    var c0 = window.tlFilterCount || 0, t0 = performance.now();
    ch.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: steps[i][0], end: steps[i][1] }, { flush: true });
    var t1 = performance.now();
    await waitFor(function () { return (window.tlFilterCount || 0) !== c0; });
    await nextFrame();
    worst = Math.max(worst, t1 - t0, window.tlFilterTime || 0);
    if ((window.tlFilterTime || 0) > worstFilter) { worstFilter = window.tlFilterTime || 0; parts = split(); }
  }
  return [worst, parts];
})()`

// visFrame does the same zooms on vis-timeline, each until it has
// redrawn.
const visFrame = `(async function () {` + waitFor + `
  var t = window.peer, w = t.getWindow(), a = w.start.getTime(), span = w.end.getTime() - a, worst = 0, changed = 0;
  t.on('changed', function () { changed++; });
  var steps = [[0, 50], [10, 40], [20, 30], [22, 27], [23, 24], [23.2, 23.6], [23.4, 23.8], [23.6, 24], [30, 40], [0, 100]];
  for (var i = 0; i < steps.length; i++) {
    var c0 = changed, t0 = performance.now();
    t.setWindow(a + span * steps[i][0] / 100, a + span * steps[i][1] / 100, { animation: false });
    await waitFor(function () { return changed !== c0 || performance.now() - t0 > 20000; });
    worst = Math.max(worst, performance.now() - t0);
  }
  return worst;
})()`

func measureOurs(ctx context.Context, p *page, deadline time.Time) error {
	var usable float64
	for usable == 0 && time.Now().Before(deadline) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.tlSearchReady || 0`, &usable)); err != nil {
			return err
		}
		if usable == 0 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if usable == 0 {
		return errors.New("the search never became usable")
	}
	p.usable = append(p.usable, usable)
	var s []any
	if err := eval(ctx, ourSearch, &s); err != nil {
		return err
	}
	p.search = append(p.search, num(s[0]))
	p.work = append(p.work, num(s[1]))
	p.searchPart = append(p.searchPart, nums(s[2]))
	p.typed = append(p.typed, num(s[3]))
	var f []any
	if err := eval(ctx, ourFrames, &f); err != nil {
		return err
	}
	p.frame = append(p.frame, num(f[0]))
	p.framePart = append(p.framePart, nums(f[1]))
	fmt.Fprintf(os.Stderr, "  search work parts %s; longest frame's filtering parts %s (%s)\n",
		partsText(last1(p.searchPart)), partsText(last1(p.framePart)), strings.Join(splitParts, ", "))
	return nil
}

// splitParts names the parts of window.tlSplit, in its order.
var splitParts = []string{"search", "filters", "table", "chart", "panel"}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}

func nums(v any) []float64 {
	a, _ := v.([]any)
	out := make([]float64, len(splitParts))
	for i := range out {
		if i < len(a) {
			out[i] = num(a[i])
		}
	}
	return out
}

func last1(v [][]float64) []float64 {
	if len(v) == 0 {
		return nil
	}
	return v[len(v)-1]
}

func partsText(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strings.Join(s, "/") + " ms"
}

// column is part i of each run's parts.
func column(runs [][]float64, i int) []float64 {
	var out []float64
	for _, r := range runs {
		out = append(out, r[i])
	}
	return out
}

// span writes the range of v.
func span(v []float64, unit string, timeout time.Duration) string {
	if len(v) == 0 {
		return "—"
	}
	if slices.Contains(v, -1) {
		return fmt.Sprintf("> %v", timeout)
	}
	lo, hi := slices.Min(v), slices.Max(v)
	f := func(x float64) string {
		if unit == "s" {
			return strconv.FormatFloat(x, 'f', 1, 64)
		}
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	if f(lo) == f(hi) {
		return f(lo) + " " + unit
	}
	return f(lo) + "–" + f(hi) + " " + unit
}

func report(pages []*page, runs int, timeout time.Duration) {
	fmt.Printf("%d runs, headless Chromium, 1280×800; times from navigation start\n\n", runs)
	fmt.Println("| page | events | size | render | render peak RSS | drawn | search usable | search (term to frame) | search work | search typed (last key to frame) | zoom/pan frame |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|")
	for _, p := range pages {
		fmt.Printf("| %s | %d | %.1f MB | %s | %s | %s | %s | %s | %s | %s | %s |\n", p.kind, p.n, float64(p.size)/1e6,
			span(p.render, "s", timeout), span(p.rss, "MB", timeout), span(p.drawn, "ms", timeout), span(p.usable, "ms", timeout),
			span(p.search, "ms", timeout), span(p.work, "ms", timeout), span(p.typed, "ms", timeout), span(p.frame, "ms", timeout))
	}
	fmt.Println("\nThe parts of timeline's search work, and of the longest frame's filtering:")
	fmt.Println("\n| events | of | " + strings.Join(splitParts, " | ") + " |")
	fmt.Println("|---|---|" + strings.Repeat("---|", len(splitParts)))
	for _, p := range pages {
		if p.kind != "timeline" || len(p.searchPart) == 0 {
			continue
		}
		for _, row := range []struct {
			name string
			runs [][]float64
		}{{"search", p.searchPart}, {"frame", p.framePart}} {
			cells := make([]string, len(splitParts))
			for i := range cells {
				cells[i] = span(column(row.runs, i), "ms", timeout)
			}
			fmt.Printf("| %d | %s | %s |\n", p.n, row.name, strings.Join(cells, " | "))
		}
	}
}
