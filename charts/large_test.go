package charts

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"timeline/internal/benchdata"
	"timeline/timeline"
)

// benchEvents reads n generated events, with the benchmark's full rows (15
// columns), as timeline render does.
func benchEvents(tb testing.TB, n int) (Meta, []Event) {
	tb.Helper()
	var csv bytes.Buffer
	if err := benchdata.Write(&csv, n, 1); err != nil {
		tb.Fatal(err)
	}
	ds, _, err := timeline.Read(bytes.NewReader(csv.Bytes()), "events.csv", nil)
	if err != nil {
		tb.Fatal(err)
	}
	meta, events, _, err := FromDataset(ds, csv.Bytes(), "events.csv", Options{ValueTitle: "fatalities"})
	if err != nil {
		tb.Fatal(err)
	}
	return meta, events
}

// pageJSON returns the page's data block.
func pageJSON(t *testing.T, page []byte) pageData {
	t.Helper()
	const open = `<script type="application/json" id="tlData">`
	i := bytes.Index(page, []byte(open))
	if i < 0 {
		t.Fatal("no data block in the page")
	}
	rest := page[i+len(open):]
	var d pageData
	if err := json.Unmarshal(rest[:bytes.Index(rest, []byte("</script>"))], &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// unpackBlock reads a block as the page script does: it returns each
// column as []float64 or []string.
func unpackBlock(t *testing.T, b block) map[string]any {
	t.Helper()
	gz, err := base64.StdEncoding.DecodeString(b.Z)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for name, s := range b.Cols {
		if s.O%8 != 0 || s.O+s.L > len(raw) {
			t.Fatalf("column %s at %d+%d in a block of %d bytes, or not aligned", name, s.O, s.L, len(raw))
		}
		p := raw[s.O : s.O+s.L]
		var nums []float64
		switch s.T {
		case "u8":
			for _, x := range p {
				nums = append(nums, float64(x))
			}
		case "u16":
			for j := 0; j < s.N; j++ {
				nums = append(nums, float64(binary.LittleEndian.Uint16(p[2*j:])))
			}
		case "i32":
			for j := 0; j < s.N; j++ {
				nums = append(nums, float64(int32(binary.LittleEndian.Uint32(p[4*j:]))))
			}
		case "f64":
			for j := 0; j < s.N; j++ {
				nums = append(nums, math.Float64frombits(binary.LittleEndian.Uint64(p[8*j:])))
			}
		case "str":
			var strs []string
			if s.N > 0 {
				strs = strings.Split(string(p), "\x00")
			}
			if len(strs) != s.N {
				t.Fatalf("column %s has %d strings, says %d", name, len(strs), s.N)
			}
			out[name] = strs
			continue
		default:
			t.Fatalf("column %s of unknown type %q", name, s.T)
		}
		if len(nums) != s.N {
			t.Fatalf("column %s has %d numbers, says %d", name, len(nums), s.N)
		}
		out[name] = nums
	}
	return out
}

// textOf reads event k's value of a text column.
func textOf(cols map[string]any, name string, k int) string {
	if d, ok := cols[name+".d"].([]string); ok {
		return d[int(cols[name+".i"].([]float64)[k])]
	}
	return cols[name+".s"].([]string)[k]
}

// listOf reads event k's values of a list column.
func listOf(cols map[string]any, name string, k int) []string {
	c := cols[name+".c"].([]float64)
	at := 0
	for j := 0; j < k; j++ {
		at += int(c[j])
	}
	var out []string
	for j := 0; j < int(c[k]); j++ {
		if d, ok := cols[name+".d"].([]string); ok {
			out = append(out, d[int(cols[name+".i"].([]float64)[at+j])])
		} else {
			out = append(out, cols[name+".v"].([]string)[at+j])
		}
	}
	return out
}

// TestPageColumns reads the columns back and finds every event as it went
// in: the page carries its events once, and loses nothing.
func TestPageColumns(t *testing.T) {
	meta, events := benchEvents(t, NoScriptRows-500)
	page := render(t, meta, events, Options{ValueTitle: "fatalities"})
	d := pageJSON(t, page)
	if d.N != len(events) {
		t.Fatalf("n = %d, want %d", d.N, len(events))
	}
	core, text := unpackBlock(t, *d.Core), unpackBlock(t, *d.Text)
	lo, dur, f := core["lo"].([]float64), core["dur"].([]float64), core["f"].([]float64)
	ids := text["id"].([]string)
	var acc float64
	vals := map[int]float64{}
	for j, k := range core["val.k"].([]float64) {
		vals[int(k)] = core["val.v"].([]float64)[j]
	}
	geo := map[int][2]float64{}
	for j, k := range text["geo.k"].([]float64) {
		geo[int(k)] = [2]float64{text["geo.lat"].([]float64)[j], text["geo.lon"].([]float64)[j]}
	}
	tr := translations["en"]
	for k, e := range events {
		acc += lo[k]
		if int64(acc) != e.Lower || int64(acc+dur[k]) != e.Upper {
			t.Fatalf("event %d: [%v, %v) minutes, want [%d, %d)", k, acc, acc+dur[k], e.Lower, e.Upper)
		}
		if uint32(f[k]) != eventFlags(e) {
			t.Fatalf("event %d: flags %v, want %d", k, f[k], eventFlags(e))
		}
		for _, c := range []struct{ name, got, want string }{
			{"id", ids[k], e.ID},
			{"title", textOf(text, "title", k), e.Title},
			{"desc", textOf(text, "desc", k), e.Description},
			{"date", textOf(text, "date", k), e.Date},
			{"lane", textOf(text, "lane", k), strings.Join(e.Lanes, "; ")},
			{"place", textOf(text, "place", k), placeOf(e)},
			{"conf", textOf(text, "conf", k), confidenceText(e.Confidence, tr)},
			{"act", strings.Join(listOf(text, "act", k), "|"), strings.Join(e.Actors, "|")},
			{"src", strings.Join(listOf(text, "src", k), "|"), strings.Join(e.Sources, "|")},
			{"tag", strings.Join(listOf(text, "tag", k), "|"), strings.Join(e.Tags, "|")},
		} {
			if c.got != c.want {
				t.Fatalf("event %d: %s = %q, want %q", k, c.name, c.got, c.want)
			}
		}
		if v, ok := vals[k]; ok != e.HasValue || v != e.Value {
			t.Fatalf("event %d: value %v %v, want %v %v", k, v, ok, e.Value, e.HasValue)
		}
		if g, ok := geo[k]; ok != e.HasCoords || g != [2]float64{e.Lat, e.Lon} {
			t.Fatalf("event %d: coordinates %v %v, want %v %v %v", k, g, ok, e.Lat, e.Lon, e.HasCoords)
		}
	}
	// The columns that repeat are dictionaries.
	for _, name := range []string{"title", "lane", "place", "conf"} {
		if _, ok := text[name+".d"]; !ok {
			t.Errorf("column %s is not a dictionary", name)
		}
	}
	// Each id is in the page once: in the compressed text, and in the
	// table written for readers without JavaScript.
	if got := bytes.Count(page, []byte(`<tr id="`+events[1234].ID+`"`)); got != 1 {
		t.Errorf("event %s has %d table rows in a page of %d events, want 1", events[1234].ID, got, len(events))
	}
}

// TestNoScriptTable checks the table for readers without JavaScript: every
// row up to NoScriptRows events, above that a note on how to get them.
func TestNoScriptTable(t *testing.T) {
	meta, events := benchEvents(t, NoScriptRows+1)
	small := string(render(t, meta, events[:NoScriptRows], Options{}))
	if got := strings.Count(small, "\n<tr id="); got != NoScriptRows {
		t.Errorf("%d HTML rows for %d events, want all", got, NoScriptRows)
	}
	large := string(render(t, meta, events, Options{}))
	if got := strings.Count(large, "<tr id="); got != 0 {
		t.Errorf("%d HTML rows for %d events, want none", got, len(events))
	}
	want := fmt.Sprintf("This page holds %d events", len(events))
	if !strings.Contains(large, want) || !strings.Contains(large, "timeline list") {
		t.Errorf("the page of %d events does not say how to get its rows without JavaScript", len(events))
	}
}

// TestLargePageSize holds the 100,000-event page of full rows to its
// budget of 15 MB, ECharts included: the size is a property of the
// output, not a timing.
func TestLargePageSize(t *testing.T) {
	if testing.Short() {
		t.Skip("large page skipped in -short mode")
	}
	meta, events := benchEvents(t, 100_000)
	page := render(t, meta, events, Options{ValueTitle: "fatalities"})
	if len(page) > 15<<20 {
		t.Errorf("the 100,000-event page is %d bytes, over 15 MB", len(page))
	}
	t.Logf("100,000 events: page %d bytes (%.0f bytes an event, the CSV %d bytes)", len(page), float64(len(page))/1e5, len(meta.CSV))
}

// BenchmarkRenderPage100k measures what timeline render does with 100,000
// events of full rows once they are read: turning them into page events
// and writing the page. The page size per event is reported beside the
// time.
func BenchmarkRenderPage100k(b *testing.B) {
	var csv bytes.Buffer
	benchdata.Write(&csv, 100_000, 1)
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

// searchCount counts the events any of whose table cells holds q, as the
// page's search does.
func searchCount(events []Event, q string) (count int, last Event) {
	q = strings.ToLower(q)
	tr := translations["en"]
	for _, e := range events {
		cells := []string{e.Date, e.Title, e.Description, strings.Join(e.Lanes, "; "), placeOf(e), confidenceText(e.Confidence, tr)}
		cells = append(append(append(cells, e.Actors...), e.Sources...), e.Tags...)
		for _, c := range cells {
			if strings.Contains(strings.ToLower(c), q) {
				count++
				last = e
				break
			}
		}
	}
	return count, last
}

// TestBrowserLarge loads a 100,000-event page of full rows: the timeline
// draws (binned), the search finds what it should among all events, the
// table scrolls to its last row, whose card opens on a click, and the
// table sorts. Timings are for the benchmark (bench/pagetime); here they
// are only logged.
func TestBrowserLarge(t *testing.T) {
	findChromium(t)
	if testing.Short() {
		t.Skip("large page skipped in -short mode")
	}
	const n = 100_000
	meta, events := benchEvents(t, n)
	page := render(t, meta, events, Options{ValueTitle: "fatalities"})
	path := filepath.Join(t.TempDir(), "large.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	p := openPage(t, path, "", 1280, 800)
	var nav string
	p.eval(t, `JSON.stringify({dcl: performance.timing.domContentLoadedEventEnd - performance.timing.navigationStart, chart: window.tlChartTime, search: window.tlSearchReady})`, &nav)
	t.Logf("navigation timing (ms): %s", nav)

	var marks int
	p.eval(t, `echarts.getInstanceByDom(document.getElementById('tlChart')).getOption().series[1].data.length`, &marks)
	if marks == 0 || marks > 5000 {
		t.Errorf("%d marks drawn when zoomed out: want the events binned", marks)
	}
	// rowsDrawn is the number of event rows in the document, and
	// rowCount what the table tells screen readers.
	rowsDrawn := func() int {
		var r int
		p.eval(t, `document.querySelectorAll('#tlTable tbody tr:not(.pad)').length`, &r)
		return r
	}
	var rowCount string
	p.eval(t, `document.getElementById('tlTable').getAttribute('aria-rowcount')`, &rowCount)
	if rowCount != fmt.Sprint(n+1) {
		t.Errorf("aria-rowcount = %q, want %d (the events and the header)", rowCount, n+1)
	}
	if r := rowsDrawn(); r == 0 || r > 500 {
		t.Errorf("%d rows drawn, want those on screen and a few more", r)
	}

	// Search narrows the count and the table to the events that hold the
	// term, among all of them.
	want, last := searchCount(events, "Dushanbe")
	if err := chromedp.Run(p.ctx, chromedp.SendKeys(`#tlSearch`, "Dushanbe", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	var count string
	for i := 0; i < 200 && !strings.HasPrefix(count, fmt.Sprint(want)+" "); i++ {
		time.Sleep(50 * time.Millisecond)
		p.eval(t, `document.getElementById('tlCount').textContent`, &count)
	}
	if !strings.HasPrefix(count, fmt.Sprintf("%d of %d", want, n)) {
		t.Fatalf("after searching Dushanbe the count is %q, want %d of %d", count, want, n)
	}
	p.eval(t, `document.getElementById('tlTable').getAttribute('aria-rowcount')`, &rowCount)
	if rowCount != fmt.Sprint(want+1) {
		t.Errorf("after the search aria-rowcount = %q, want %d", rowCount, want+1)
	}
	var bad int
	p.eval(t, `Array.from(document.querySelectorAll('#tlTable tbody tr:not(.pad)')).filter(function(r){return r.textContent.indexOf('Dushanbe')<0}).length`, &bad)
	if bad != 0 {
		t.Errorf("%d drawn rows do not hold the search term", bad)
	}

	// Scrolled to the end, the table draws its last row, and a click on
	// it opens that event's card.
	var lastIndex string
	for i := 0; i < 20 && lastIndex != fmt.Sprint(want+1); i++ {
		p.eval(t, `window.scrollTo(0, document.documentElement.scrollHeight); 0`, nil)
		time.Sleep(100 * time.Millisecond)
		p.eval(t, `(function(){var r=document.querySelectorAll('#tlTable tbody tr:not(.pad)');return r.length?r[r.length-1].getAttribute('aria-rowindex'):''})()`, &lastIndex)
	}
	if lastIndex != fmt.Sprint(want+1) {
		t.Fatalf("scrolled to the end, the last drawn row is number %q, want %d", lastIndex, want+1)
	}
	var inView bool
	p.eval(t, `(function(){var r=document.querySelectorAll('#tlTable tbody tr:not(.pad)');var b=r[r.length-1].getBoundingClientRect();return b.bottom>0&&b.top<innerHeight})()`, &inView)
	if !inView {
		t.Error("the last row is not on screen after scrolling to the end")
	}
	var title, hash string
	err := chromedp.Run(p.ctx,
		chromedp.Click(`#tlTable tbody tr:nth-last-child(2) td:nth-child(2)`, chromedp.ByQuery),
		chromedp.WaitVisible(`#tlStory h2`, chromedp.ByQuery),
		chromedp.Text(`#tlStory h2`, &title, chromedp.ByQuery),
		chromedp.Evaluate(`location.hash`, &hash),
	)
	if err != nil {
		t.Fatal(err)
	}
	if title != last.Title || hash != "#"+last.ID {
		t.Errorf("the last row's card is %q at %q, want %q at #%s", title, hash, last.Title, last.ID)
	}
	p.screenshot(t, "large-100k-last-row")

	// Sorting by the event column puts the titles in order, over all
	// events.
	p.eval(t, `window.scrollTo(0, 0); document.querySelector('#tlTable thead th:nth-child(2) button').click(); 0`, nil)
	time.Sleep(300 * time.Millisecond)
	var sorted bool
	p.eval(t, `(function(){var h=document.querySelector('#tlTable thead th:nth-child(2)');var r=document.getElementById('tlTable').getBoundingClientRect();window.scrollTo(0, r.top+scrollY);return h.getAttribute('aria-sort')==='ascending'})()`, &sorted)
	time.Sleep(200 * time.Millisecond)
	var titles []string
	p.eval(t, `Array.from(document.querySelectorAll('#tlTable tbody tr:not(.pad) td:nth-child(2) b')).map(function(b){return b.textContent})`, &titles)
	if !sorted || len(titles) < 2 {
		t.Errorf("sorting by title: aria-sort set %v, %d rows drawn", sorted, len(titles))
	}
	for i := 1; i < len(titles); i++ {
		if strings.ToLower(titles[i-1]) > strings.ToLower(titles[i]) {
			t.Errorf("sorted by title, %q comes before %q", titles[i-1], titles[i])
			break
		}
	}

	// Clearing the search brings every event back.
	p.eval(t, `(function(){var s=document.getElementById('tlSearch');s.value='';s.dispatchEvent(new Event('input'));return 0})()`, nil)
	for i := 0; i < 100 && !strings.HasPrefix(count, fmt.Sprintf("%d of", n)); i++ {
		time.Sleep(50 * time.Millisecond)
		p.eval(t, `document.getElementById('tlCount').textContent`, &count)
	}
	if !strings.HasPrefix(count, fmt.Sprintf("%d of %d", n, n)) {
		t.Errorf("after clearing the search the count is %q", count)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs[:min(len(probs), 5)])
	}
	t.Logf("100,000 events: page %d bytes (%.0f bytes an event)", len(page), float64(len(page))/n)
}
