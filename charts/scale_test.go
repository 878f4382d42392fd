package charts

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

// TestBuildFollowsEventsNotSpan draws the charts of two events 102,000
// years apart. Binning every day between them took 4.5 GB: what is
// allocated follows the events and the bars drawn.
func TestBuildFollowsEventsNotSpan(t *testing.T) {
	const in = "id,start,title\nfar,Y-99999,A far year\nnear,2020-01-01,A near day\nnearer,2020-03-01,Another\n"
	for _, c := range []struct {
		kind, bin string
		bars      int // the most periods, or calendars
	}{
		{"frequency", "auto", 12},
		{"frequency", "millennium", 104},
		{"cumulative", "auto", 12},
		{"calendar", "", 1},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res, err := Build(strings.NewReader(in), "two.csv", Request{Kind: c.kind, Bin: c.bin})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s %s: %v", c.kind, c.bin, err)
		}
		var o struct {
			XAxis    []struct{ Data []string }
			Calendar []any
		}
		if err := json.Unmarshal(res.Option, &o); err != nil {
			t.Fatal(err)
		}
		n := len(o.Calendar)
		if len(o.XAxis) > 0 {
			n = len(o.XAxis[0].Data)
		}
		if n == 0 || n > c.bars {
			t.Errorf("%s --bin %s: %d periods, want 1 to %d", c.kind, c.bin, n, c.bars)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
			t.Errorf("%s --bin %s: allocated %d bytes for three events", c.kind, c.bin, alloc)
		}
	}
	if _, err := Build(strings.NewReader(in), "two.csv", Request{Kind: "frequency", Bin: "day"}); err == nil || !strings.Contains(err.Error(), "use --bin decade") {
		t.Errorf("a bar a day for 102,000 years: %v", err)
	}
}
