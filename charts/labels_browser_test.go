package charts

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"timeline/timeline/agg"
)

// TestBrowserBCEChartLabels draws decade and century charts of events
// from 1000 BCE to 100 CE, as timeline chart frequency --bin decade
// writes them, and reads the axis labels ECharts shows: BCE bars are
// labelled, at an even step of bars, and each label shown starts (within
// the missing year 0) on a round year of that step.
func TestBrowserBCEChartLabels(t *testing.T) {
	findChromium(t)
	for _, c := range []struct {
		u     agg.Unit
		width int64
	}{{agg.Decade, 1000}, {agg.Decade, 480}, {agg.Century, 1000}, {agg.Century, 480}} {
		name := fmt.Sprintf("%s-%d", c.u, c.width)
		r := agg.Bin(bceItems(), []string{"events"}, c.u, agg.Show)
		option, err := PeriodOption(r, ChartText{Title: "Events per " + c.u.String(), XName: c.u.String(), YName: "events"}, false, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := RenderChart(&b, "Events", option, Options{}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "chart.html")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		p := openPage(t, path, "", c.width, 600)
		// shown are the bars labelled, by index, in order.
		type bar struct {
			I    int
			Text string
		}
		var shown []bar
		// The texts the axis draws: its labels shown and its name.
		var texts []string
		p.eval(t, `(function () {
			var ch = echarts.getInstanceByDom(document.getElementById('tlChart')), out = [];
			ch.getViewOfComponentModel(ch.getModel().getComponent('xAxis', 0)).group.traverse(function (el) {
				if (el.type === 'text' && !el.ignore && !el.invisible && el.style.text) out.push(el.style.text);
			});
			return out;
		})()`, &texts)
		// The bars' labels are distinct: a label drawn names its bar.
		for _, s := range texts {
			if i := slices.Index(r.Labels, s); i >= 0 {
				shown = append(shown, bar{i, s})
			}
		}
		slices.SortFunc(shown, func(a, b bar) int { return a.I - b.I })
		p.screenshot(t, "chart-bce-"+name)
		if len(shown) < 3 {
			t.Fatalf("%s: labels shown %v", name, shown)
		}
		gap := shown[1].I - shown[0].I
		step := int64(gap) * c.u.Years()
		bce := 0
		for j, l := range shown {
			if j > 0 && l.I-shown[j-1].I != gap {
				t.Errorf("%s: labels %q and %q are %d bars apart, the first two %d", name, shown[j-1].Text, l.Text, l.I-shown[j-1].I, gap)
			}
			if !nearRound(writtenStart(t, l.Text), step) {
				t.Errorf("%s: label %q is not at a round year of the %d-year step", name, l.Text, step)
			}
			if strings.HasSuffix(l.Text, "BCE") {
				bce++
			}
		}
		// Most of the bars are before 1 CE, and so most labels.
		if bce < 2 || bce < len(shown)/2 {
			t.Errorf("%s: %d of the labels shown are BCE: %v", name, bce, shown)
		}
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%s: console errors or network requests: %v", name, probs)
		}
	}
}

// TestPageJSTickKeys holds the keys the page's panel labels its periods
// by (ticks.js's tickKey) to those of a chart page (tickKeys), for every
// unit at BCE, CE and deep-time instants.
func TestPageJSTickKeys(t *testing.T) {
	p := openModules(t)
	times := instants()
	for _, y := range []int{-13_798_000_000, -999_999_999, -66_000_000, -2_580_000, -300_000, -100_000, -99_999, -11_343, -1001, -999, -199, -101, -100, -99, -11, -10, -9} {
		times = append(times, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
	}
	type in struct {
		T    float64
		Unit string
	}
	var ins []in
	var want []int64
	for _, tm := range times {
		for _, u := range allUnits {
			keys, _ := tickKeys(agg.Result{Unit: u, Starts: []time.Time{u.Floor(tm)}})
			ins = append(ins, in{deepMs(tm), u.String()})
			want = append(want, keys[0])
		}
	}
	var got []int64
	p.call(t, `function (ins) { var tl = timelinePage; return ins.map(function (c) { return tl.tickKey(c.Unit, tl.periods.index(c.T, c.Unit)); }); }`, ins, &got)
	if len(got) != len(want) {
		t.Fatalf("%d keys, want %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if got[i] != want[i] && bad < 20 {
			bad++
			t.Errorf("%s holding %s: the page keys %d, a chart page %d", ins[i].Unit, times[i/len(allUnits)].Format(time.RFC3339), got[i], want[i])
		}
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors: %v", probs)
	}
}
