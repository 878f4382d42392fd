package charts

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"timeline/internal/benchdata"
	"timeline/timeline"
)

// largePage renders n generated events as timeline render does.
func largePage(tb testing.TB, n int) ([]byte, int) {
	tb.Helper()
	var csv bytes.Buffer
	if err := benchdata.WriteSlim(&csv, n, 3); err != nil {
		tb.Fatal(err)
	}
	ds, _, err := timeline.Read(bytes.NewReader(csv.Bytes()), "events.csv", nil)
	if err != nil {
		tb.Fatal(err)
	}
	meta, events, _, err := FromDataset(ds, csv.Bytes(), "events.csv", Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var page bytes.Buffer
	if err := RenderPage(&page, meta, events, Options{}); err != nil {
		tb.Fatal(err)
	}
	return page.Bytes(), csv.Len()
}

// BenchmarkRenderPage100k measures what timeline render does with 100,000
// events once they are read: turning them into page events and writing the
// page. The page size per event is reported beside the time.
func BenchmarkRenderPage100k(b *testing.B) {
	var csv bytes.Buffer
	benchdata.WriteSlim(&csv, 100_000, 3)
	ds, _, err := timeline.Read(bytes.NewReader(csv.Bytes()), "events.csv", nil)
	if err != nil {
		b.Fatal(err)
	}
	empty := len(render(b, Meta{}, nil, Options{}))
	b.ReportAllocs()
	var size int
	for b.Loop() {
		meta, events, _, err := FromDataset(ds, csv.Bytes(), "events.csv", Options{})
		if err != nil {
			b.Fatal(err)
		}
		var page bytes.Buffer
		if err := RenderPage(&page, meta, events, Options{}); err != nil {
			b.Fatal(err)
		}
		size = page.Len()
	}
	b.ReportMetric(float64(size-empty)/100_000, "page-bytes/event")
	b.ReportMetric(float64(size), "page-bytes")
}

// TestBrowserLarge loads a 100,000-event page: every event must be in the
// table and the chart must draw without errors. The time to first paint and
// to a drawn chart are logged (go test -v), not asserted.
func TestBrowserLarge(t *testing.T) {
	findChromium(t)
	if testing.Short() {
		t.Skip("large page skipped in -short mode")
	}
	page, _ := largePage(t, 100_000)
	path := filepath.Join(t.TempDir(), "large.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p := openPage(t, path, "", 1280, 800)
	loaded := time.Since(start)
	var fcp float64
	p.eval(t, `(performance.getEntriesByName('first-contentful-paint')[0]||{startTime:-1}).startTime`, &fcp)
	var nav string
	p.eval(t, `JSON.stringify({di: performance.timing.domInteractive - performance.timing.navigationStart, dcl: performance.timing.domContentLoadedEventEnd - performance.timing.navigationStart, load: performance.timing.loadEventEnd - performance.timing.navigationStart, script: window.tlTime, chart: window.tlChartTime})`, &nav)
	t.Logf("navigation timing: %s", nav)
	var rows, marks int
	if got := bytes.Count(page, []byte("<tr id=")); got != 100_000 {
		t.Errorf("%d rows in the page, want 100000", got)
	}
	// The script shows the table a page at a time.
	p.eval(t, `document.querySelectorAll('#tlTable tbody tr').length`, &rows)
	p.eval(t, `echarts.getInstanceByDom(document.getElementById('tlChart')).getOption().series[1].data.length`, &marks)
	if rows == 0 || rows > 1000 {
		t.Errorf("%d table rows shown, want one page", rows)
	}
	var more string
	p.eval(t, `(function(){var m=document.querySelector('p.more');return m&&!m.hidden?m.textContent:''})()`, &more)
	if !strings.Contains(more, "99") {
		t.Errorf("the show-more button says %q", more)
	}
	if marks == 0 || marks > 5000 {
		t.Errorf("%d marks drawn when zoomed out: want the events binned", marks)
	}
	// Zooming into a month draws single events.
	var single int
	p.eval(t, `(function(){var ch=echarts.getInstanceByDom(document.getElementById('tlChart'));ch.dispatchAction({type:'dataZoom',dataZoomIndex:0,start:50,end:50.2});return 0})()`, &single)
	time.Sleep(300 * time.Millisecond)
	p.eval(t, `echarts.getInstanceByDom(document.getElementById('tlChart')).getOption().series[1].data.filter(function(d){return d[3]>=0}).length`, &single)
	if single == 0 {
		t.Error("zoomed in, no single events are drawn")
	}
	p.screenshot(t, "large-100k")

	// Search narrows the shown page of rows and the count; a permalink to a
	// row that is not on the shown page opens its card. The zoom filters the
	// table too, so first show everything again.
	var count string
	p.eval(t, `document.getElementById('tlFit').click();0`, &single)
	time.Sleep(500 * time.Millisecond)
	p.eval(t, `document.getElementById('tlCount').textContent`, &count)
	if !strings.HasPrefix(count, "100000 ") {
		t.Errorf("after Fit all, the count is %q", count)
	}
	start = time.Now()
	if err := chromedp.Run(p.ctx, chromedp.SendKeys(`#tlSearch`, "Dushanbe", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		p.eval(t, `document.getElementById('tlCount').textContent`, &count)
		if !strings.HasPrefix(count, "100000 ") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("search over 100,000 events: %v (%s)", time.Since(start).Round(time.Millisecond), count)
	var bad int
	p.eval(t, `Array.from(document.querySelectorAll('#tlTable tbody tr')).filter(function(r){return r.textContent.indexOf('Dushanbe')<0}).length`, &bad)
	if strings.HasPrefix(count, "100000 ") || bad != 0 {
		t.Errorf("search did not narrow the table: count %q, %d rows without the term", count, bad)
	}
	var title string
	p.eval(t, `location.hash = '#e099998'`, &title)
	time.Sleep(200 * time.Millisecond)
	p.eval(t, `document.getElementById('tlStory').hidden ? '' : document.querySelector('#tlStory h2').textContent`, &title)
	if title == "" {
		t.Error("#e099998 did not open its card")
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs[:min(len(probs), 5)])
	}
	t.Logf("100,000 events: page %d bytes (%.0f bytes/event), first contentful paint %.0f ms, chart drawn after %v (from browser start)", len(page), float64(len(page))/100000, fcp, loaded.Round(time.Millisecond))
}
