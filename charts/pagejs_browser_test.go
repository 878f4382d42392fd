package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"timeline/timeline"
	"timeline/timeline/agg"
	"timeline/timeline/edtf"
)

// The page script's pure modules are loaded alone into Chromium and their
// results compared with the Go code's on the same inputs: the rules the page
// shares with timeline/agg and say.go have one definition, and these tests
// hold the two spellings of it together.

// pureModules are the modules of the page script that need no page.
var pureModules = []string{"plural.js", "periods.js", "ticks.js", "dates.js", "rank.js", "geo.js"}

// openModules loads the pure modules into a blank page.
func openModules(t *testing.T) *browserPage {
	t.Helper()
	findChromium(t)
	var b strings.Builder
	// openPage waits for the chart to be marked ready; there is no chart.
	b.WriteString("<!DOCTYPE html>\n<meta charset=\"utf-8\">\n<div id=\"tlChart\" data-ready=\"1\"></div>\n")
	// ECharts, for the month names of its locale (dates.js).
	b.WriteString("<script>\n" + echartsJS + "\n</script>\n")
	for _, m := range pureModules {
		s, err := pageEmbed.ReadFile("page/" + m)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("<script>\n")
		b.Write(s)
		b.WriteString("</script>\n")
	}
	path := filepath.Join(t.TempDir(), "modules.html")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	p := openPage(t, path, "", 800, 600)
	var ok bool
	p.eval(t, `typeof timelinePage.periods === 'object' && typeof timelinePage.plural === 'function' && typeof timelinePage.Network === 'function'`, &ok)
	if !ok {
		t.Fatalf("the modules did not load: %v", p.problems())
	}
	return p
}

// call runs the JavaScript function fn on args (encoded as JSON) in the
// page, and decodes its result, passed back as JSON, into out.
func (p *browserPage) call(t *testing.T, fn string, args, out any) {
	t.Helper()
	a, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	var s string
	p.eval(t, "JSON.stringify(("+fn+")("+string(a)+"))", &s)
	if err := json.Unmarshal([]byte(s), out); err != nil {
		t.Fatalf("decoding %.200s: %v", s, err)
	}
}

// allUnits are the units of the page's panel: every unit, a day to a
// billion years (page.go's pageUnits).
var allUnits = func() []agg.Unit {
	var us []agg.Unit
	for u := agg.Day; u <= agg.Coarsest; u++ {
		us = append(us, u)
	}
	return us
}()

func date(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// instants are the times the period rules are checked at: BCE years, the
// years around 0, years 1–99 (which Date.UTC would put in the 1900s), ISO
// weeks 53 and 1 at the turn of years, leap days, and times spread over
// six millennia.
func instants() []time.Time {
	ts := []time.Time{
		date(-43, 3, 15, 12, 0), date(-44, 12, 31, 23, 59), date(-10, 1, 1, 0, 0), date(-9, 6, 1, 0, 0), date(-1, 12, 31, 0, 0),
		date(0, 1, 1, 0, 0), date(0, 2, 29, 0, 0), date(0, 12, 31, 23, 59), date(1, 1, 1, 0, 0), date(1, 1, 3, 0, 0),
		date(9, 12, 31, 0, 0), date(10, 1, 1, 0, 0), date(44, 3, 15, 0, 0), date(99, 12, 31, 23, 59), date(100, 1, 1, 0, 0),
		date(999, 7, 4, 0, 0), date(1000, 1, 1, 0, 0),
		date(1900, 2, 28, 0, 0), date(1900, 3, 1, 0, 0), date(1969, 12, 29, 0, 0), date(1969, 12, 31, 23, 59), date(1970, 1, 1, 0, 0),
		date(2000, 2, 29, 12, 0), date(2004, 12, 31, 0, 0), date(2005, 1, 1, 0, 0), date(2005, 1, 2, 0, 0), date(2005, 1, 3, 0, 0),
		date(2008, 12, 29, 0, 0), date(2009, 12, 31, 0, 0), date(2010, 1, 3, 0, 0), date(2010, 1, 4, 0, 0),
		date(2015, 12, 31, 0, 0), date(2016, 1, 3, 0, 0), date(2016, 2, 29, 0, 0), date(2017, 4, 3, 10, 30), date(2020, 12, 31, 0, 0),
		date(2021, 1, 3, 23, 59), date(2021, 1, 4, 0, 0), date(2026, 12, 28, 0, 0), date(9999, 12, 31, 0, 0),
	}
	r := rand.New(rand.NewPCG(8, 2017))
	lo, hi := date(-3000, 1, 1, 0, 0).UnixMilli(), date(3000, 1, 1, 0, 0).UnixMilli()
	for range 300 {
		ts = append(ts, time.UnixMilli(lo+r.Int64N(hi-lo)/60000*60000).UTC())
	}
	return ts
}

func TestPageJSRules(t *testing.T) {
	p := openModules(t)

	t.Run("plural", func(t *testing.T) {
		type in struct {
			Lang  string
			N     int
			Table map[string]string
			Keys  []string
		}
		type out struct {
			Form  string
			Texts []*string
		}
		var ins []in
		var want []out
		for _, lang := range Langs {
			table := translations[lang]
			// The keys that have inflected forms, and one that has none.
			var keys []string
			for k := range table {
				for _, f := range []string{"_one", "_few", "_many"} {
					if base, ok := strings.CutSuffix(k, f); ok && !slices.Contains(keys, base) {
						keys = append(keys, base)
					}
				}
			}
			slices.Sort(keys)
			keys = append(keys, "search")
			if len(keys) < 4 {
				t.Fatalf("%s: only %d inflected keys", lang, len(keys)-1)
			}
			for n := 0; n <= 200; n++ {
				ins = append(ins, in{lang, n, table, keys})
				o := out{Form: pluralForm(lang, n)}
				for _, k := range keys {
					if s, ok := plural(table, lang, k, n); ok {
						o.Texts = append(o.Texts, &s)
					} else {
						o.Texts = append(o.Texts, nil)
					}
				}
				want = append(want, o)
			}
		}
		var got []out
		p.call(t, `function (ins) {
			var tl = timelinePage;
			return ins.map(function (c) {
				return { Form: tl.pluralForm(c.Lang, c.N), Texts: c.Keys.map(function (k) { var s = tl.plural(c.Table, c.Lang, k, c.N); return s === undefined ? null : s; }) };
			});
		}`, ins, &got)
		if len(got) != len(want) {
			t.Fatalf("%d results, want %d", len(got), len(want))
		}
		bad := 0
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) && bad < 10 {
				bad++
				t.Errorf("%s %d: page says %s, Go says %s", ins[i].Lang, ins[i].N, show(got[i]), show(want[i]))
			}
		}
	})

	t.Run("periods", func(t *testing.T) { checkPeriods(t, p, instants()) })

	t.Run("round", func(t *testing.T) {
		vs := []float64{0, 0.5, -0.5, 1.5, -1.5, 2.5e-6, -2.5e-6, 0.0125, -0.0125, 0.1 + 0.2, -(0.1 + 0.2), 1.0000005, -1.0000005, 1e9 / 3, -1e9 / 7}
		var want [][2]float64
		for _, v := range vs {
			want = append(want, [2]float64{math.Round(v*1e3) / 1e3, math.Round(v*1e6) / 1e6})
		}
		var got [][2]float64
		p.call(t, `function (vs) { var P = timelinePage.periods; return vs.map(function (v) { return [P.round(v, 1e3), P.round(v, 1e6)]; }); }`, vs, &got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("the page rounds %v to %v, Go to %v", vs, got, want)
		}
	})

	t.Run("map", func(t *testing.T) {
		r := rand.New(rand.NewPCG(7, 11))
		type out struct {
			Region [4]float64
			Sizes  []float64
			Legend []float64
		}
		var ins [][][2]float64
		var maxes []float64
		var want []out
		for i := range 60 {
			// Places in one town, in a country, over a continent and over
			// the world, near the map's edges too.
			spread := []float64{0.01, 4, 40, 360}[i%4]
			var pts [][2]float64
			for range 1 + r.IntN(6) {
				pts = append(pts, [2]float64{max(-180, min(180, -170+r.Float64()*340*spread/360+float64(i%3)*20)), max(-89, min(89, -60+r.Float64()*spread/2))})
			}
			maxV := []float64{1, 2, 3, 7, 10, 19, 20, 99, 250, 1000, 12345}[i%11]
			ins, maxes = append(ins, pts), append(maxes, maxV)
			o := out{Region: mapRegion(pts), Legend: legendValues(maxV)}
			for _, v := range []float64{0, 1, maxV / 3, maxV} {
				o.Sizes = append(o.Sizes, markSize(v, maxV))
			}
			want = append(want, o)
		}
		var got []out
		p.call(t, `function (a) {
			var T = timelinePage;
			return a.ins.map(function (pts, i) { var m = a.maxes[i];
				return { Region: T.mapRegion(pts), Sizes: [0, 1, m / 3, m].map(function (v) { return T.markSize(v, m); }), Legend: T.legendValues(m) }; });
		}`, map[string]any{"ins": ins, "maxes": maxes}, &got)
		if len(got) != len(want) {
			t.Fatalf("%d results, want %d", len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("places %v, largest %g: page %+v, Go %+v", ins[i], maxes[i], got[i], want[i])
			}
		}
	})

	t.Run("eventLimit", func(t *testing.T) {
		type in struct{ Events, Most int }
		var ins []in
		var want []int64
		for _, most := range []int{1, 11, 12, 13, 60, AutoPeriods} {
			for _, events := range []int{0, 1, 5, 6, 7, 20, 59, 60, 61, 1000} {
				ins = append(ins, in{events, most})
				want = append(want, agg.EventPeriodLimit(events, most))
			}
		}
		var got []int64
		p.call(t, `function (ins) { var P = timelinePage.periods; return ins.map(function (v) { return P.eventLimit(v.Events, v.Most, `+strconv.Itoa(agg.MinAutoPeriods)+`, `+strconv.Itoa(agg.PeriodsPerEvent)+`); }); }`, ins, &got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("the page's period limits %v, Go's %v (inputs %v)", got, want, ins)
		}
	})

	t.Run("autoUnit", func(t *testing.T) {
		type in struct {
			Lo, Hi float64
			Max    int
		}
		var ins []in
		var want []string
		var spans [][2]time.Time
		add := func(lo, hi time.Time, max int) {
			ins = append(ins, in{deepMs(lo), deepMs(hi), max})
			spans = append(spans, [2]time.Time{lo, hi})
			want = append(want, agg.AutoUnit(lo, hi, max).String())
		}
		// Windows of exactly max periods of a unit, and of one more.
		for _, u := range allUnits {
			lo := date(1999, 12, 27, 0, 0) // a Monday, in a decade's first year
			for _, max := range []int{1, 4, 60, AutoPeriods} {
				hi := lo
				for range max {
					hi = u.Next(hi)
				}
				add(lo, hi, max)
				add(lo, hi.Add(time.Minute), max)
			}
		}
		// Windows that end exactly on a period's start, or just after.
		for _, max := range []int{1, 4, 12, 60, AutoPeriods} {
			add(date(2017, 1, 1, 0, 0), date(2017, 5, 1, 0, 0), max)
			add(date(2017, 1, 1, 0, 0), date(2017, 5, 1, 0, 1), max)
			add(date(2017, 1, 2, 0, 0), date(2017, 1, 2, 0, 0), max)
			add(date(-50, 1, 1, 0, 0), date(20, 1, 1, 0, 0), max)
		}
		r := rand.New(rand.NewPCG(44, 1))
		ts := instants()
		for range 400 {
			lo := ts[r.IntN(len(ts))]
			// Spans from a minute to 5,000 years, evenly in their logarithm.
			span := time.Duration(float64(time.Minute) * math.Pow(2.6e9, r.Float64()))
			add(lo, lo.Add(span/time.Minute*time.Minute), []int{1, 7, 60, AutoPeriods}[r.IntN(4)])
		}
		var got []string
		p.call(t, `function (a) { return a.ins.map(function (c) { return timelinePage.periods.autoUnit(c.Lo, c.Hi, a.units, c.Max); }); }`,
			map[string]any{"ins": ins, "units": pageUnits}, &got)
		seen := map[string]bool{}
		for i := range want {
			seen[want[i]] = true
			if i < len(got) && got[i] != want[i] {
				t.Errorf("[%s, %s) in at most %d: page chooses %s, Go %s", spans[i][0], spans[i][1], ins[i].Max, got[i], want[i])
			}
		}
		if slices.Compare(pageUnits, func() (names []string) {
			for _, u := range allUnits {
				names = append(names, u.String())
			}
			return names
		}()) != 0 {
			t.Errorf("the page's units %v, want every unit", pageUnits)
		}
		if len(got) != len(want) || len(seen) != len(allUnits) {
			t.Errorf("%d results for %d windows, choosing %d units of %d", len(got), len(want), len(seen), len(allUnits))
		}
	})

	t.Run("bin", func(t *testing.T) {
		type jsItem struct {
			Lo, Hi int64
			S      int
			W      float64
		}
		type in struct {
			Unit        string
			First, Last int64 // the window, as the page passes it
			Items       []jsItem
		}
		type res struct {
			Labels    []string
			Series    [][]float64
			Imprecise []float64
			Coarse    int
		}
		r := rand.New(rand.NewPCG(2017, 4))
		days := func(t time.Time) int64 { return t.Unix() / 86400 }
		var sets [][]agg.Item
		for _, around := range []time.Time{date(-43, 3, 15, 0, 0), date(0, 6, 1, 0, 0), date(50, 6, 1, 0, 0), date(2017, 4, 3, 0, 0), date(2020, 12, 31, 0, 0)} {
			var items []agg.Item
			for range 60 {
				start := around.AddDate(0, 0, r.IntN(1200)-600)
				var end time.Time
				switch r.IntN(6) {
				case 0, 1: // a day
					end = start.AddDate(0, 0, 1)
				case 2: // a week
					end = start.AddDate(0, 0, 7)
				case 3: // a month, as a month-precise date
					start = date(start.Year(), start.Month(), 1, 0, 0)
					end = start.AddDate(0, 1, 0)
				case 4: // a year, as a year-only date
					start = date(start.Year(), 1, 1, 0, 0)
					end = start.AddDate(1, 0, 0)
				default: // a range of up to 20 years
					end = start.AddDate(0, 0, 1+r.IntN(7300))
				}
				w := []float64{1, 1, 0.1, -2.5, 3}[r.IntN(5)]
				items = append(items, agg.Item{Lo: days(start), Hi: days(end), Series: int32(r.IntN(3)), N: 1, Weight: w})
			}
			sets = append(sets, items)
		}
		names := []string{"a", "b", "c"}
		var ins []in
		var want []res
		for _, items := range sets {
			lo, hi := agg.Span(items)
			js := make([]jsItem, len(items))
			for i, it := range items {
				js[i] = jsItem{int64(it.Lo) * 86400000, int64(it.Hi) * 86400000, int(it.Series), it.Weight}
			}
			for _, u := range allUnits {
				if u < agg.AutoUnit(lo, hi, 20000) {
					continue // too many periods to be worth comparing
				}
				b := agg.Bin(items, names, u, agg.Show)
				w := res{Labels: b.Labels, Coarse: b.Coarse}
				for _, s := range b.Series {
					if s.Imprecise {
						w.Imprecise = s.Values
					} else {
						w.Series = append(w.Series, s.Values)
					}
				}
				ins = append(ins, in{u.String(), lo.UnixMilli(), hi.UnixMilli(), js})
				want = append(want, w)
				// The page counts the periods of its zoomed window only: an
				// event across the window's edge keeps its share per period.
				nb := len(b.Starts)
				if nb < 6 {
					continue
				}
				from, to := nb/3, 2*nb/3
				sub := res{Labels: b.Labels[from:to], Coarse: b.Coarse}
				for _, s := range w.Series {
					sub.Series = append(sub.Series, s[from:to])
				}
				if w.Imprecise != nil {
					sub.Imprecise = w.Imprecise[from:to]
				}
				ins = append(ins, in{u.String(), b.Starts[from].UnixMilli(), b.Starts[to].UnixMilli(), js})
				want = append(want, sub)
			}
		}
		var got []res
		p.call(t, `function (a) {
			var P = timelinePage.periods, S = a.S;
			function round(a) { return Array.prototype.map.call(a, function (v) { return P.round(v, 1e6); }); }
			return a.ins.map(function (c) {
				var b = new P.Binner(c.Unit, P.index(c.First, c.Unit), P.lastIndex(c.Last, c.Unit), 3);
				c.Items.forEach(function (it) { b.add(it.Lo, it.Hi, it.S, it.W); });
				return { Labels: b.labels(S, c.Last), Series: b.series.map(round), Imprecise: b.coarse ? round(b.imprecise) : null, Coarse: b.coarse };
			});
		}`, map[string]any{"ins": ins, "S": translations["en"]}, &got)
		if len(got) != len(want) || len(want) < 40 {
			t.Fatalf("%d results, want %d (at least 20)", len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("set %d by %s: the page's periods differ from agg.Bin's:\n%s", i, ins[i].Unit, firstDiff(got[i], want[i]))
			}
		}
	})

	t.Run("rank", func(t *testing.T) {
		r := rand.New(rand.NewPCG(20, 25))
		// Names that sort differently by UTF-16 units and by bytes (an
		// emoji and U+FFFD), by case, and by accent.
		pool := []string{"a", "b", "B", "ab", "a b", "é", "e", "Zed", "zed", "Ω", "😀", "\ufffd", "\ue000", "FSB", "Jalilov"}
		var events [][]string
		var occurrences []string
		for range 150 {
			names := []string{}
			for range r.IntN(5) {
				names = append(names, pool[r.IntN(len(pool))])
			}
			events = append(events, names)
			occurrences = append(occurrences, names...)
		}
		// Names in Go's order, as ties are broken.
		var pairs [][2]string
		var cmps []int
		for _, a := range pool {
			for _, b := range append(pool, "", "a\x00", "😀a", "\U0010ffff") {
				pairs = append(pairs, [2]string{a, b})
				cmps = append(cmps, strings.Compare(a, b))
			}
		}
		var gotCmps []int
		p.call(t, `function (ps) { return ps.map(function (p) { return Math.sign(timelinePage.compareNames(p[0], p[1])); }); }`, pairs, &gotCmps)
		for i := range cmps {
			if i < len(gotCmps) && gotCmps[i] != cmps[i] {
				t.Errorf("the page compares %q with %q as %d, Go as %d", pairs[i][0], pairs[i][1], gotCmps[i], cmps[i])
			}
		}
		if len(gotCmps) != len(cmps) {
			t.Errorf("%d comparisons, want %d", len(gotCmps), len(cmps))
		}
		// Every name once: the top is in name order alone.
		var once agg.Network
		var wantOnce []string
		for _, a := range pool {
			once.Add([]string{a})
		}
		onceNodes, _ := once.Graph(len(pool), 1)
		for _, nd := range onceNodes {
			wantOnce = append(wantOnce, nd.Name)
		}
		var gotOnce []string
		p.call(t, `function (names) {
			var counts = new Map();
			names.forEach(function (s) { counts.set(s, 1); });
			return timelinePage.topN(counts, names.length).map(function (e) { return e[0]; });
		}`, pool, &gotOnce)
		if !slices.Equal(gotOnce, wantOnce) {
			t.Errorf("names counted once: page's top %q, Go's %q", gotOnce, wantOnce)
		}

		type graph struct {
			Nodes [][2]any
			Links [][3]any
		}
		for _, c := range []struct{ top, minShared int }{{1, 1}, {3, 1}, {5, 2}, {TopActors, 1}, {100, 3}} {
			var net, occ agg.Network
			for _, e := range events {
				net.Add(e)
			}
			for _, a := range occurrences {
				occ.Add([]string{a})
			}
			want := graph{Nodes: [][2]any{}, Links: [][3]any{}}
			nodes, links := net.Graph(c.top, c.minShared)
			for _, nd := range nodes {
				want.Nodes = append(want.Nodes, [2]any{nd.Name, float64(nd.Count)})
			}
			for _, l := range links {
				want.Links = append(want.Links, [3]any{l.A, l.B, float64(l.Shared)})
			}
			var got graph
			p.call(t, `function (a) {
				var n = new timelinePage.Network();
				a.events.forEach(function (e) { n.add(e); });
				var g = n.graph(a.top, a.minShared);
				return { Nodes: g.nodes, Links: g.links };
			}`, map[string]any{"events": events, "top": c.top, "minShared": c.minShared}, &got)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("top %d, links of %d or more: the page's network differs from agg.Network.Graph's:\n%s", c.top, c.minShared, firstDiff(got, want))
			}
			if len(want.Links) == 0 && c.top > 1 {
				t.Errorf("top %d: no links to compare", c.top)
			}

			// The actors panel counts every mention of a name; the order
			// is the same.
			var top, gotTop [][2]any
			occNodes, _ := occ.Graph(c.top, 1)
			for _, nd := range occNodes {
				top = append(top, [2]any{nd.Name, float64(nd.Count)})
			}
			p.call(t, `function (a) {
				var counts = new Map();
				a.names.forEach(function (s) { counts.set(s, (counts.get(s) || 0) + 1); });
				return timelinePage.topN(counts, a.top);
			}`, map[string]any{"names": occurrences, "top": c.top}, &gotTop)
			if !reflect.DeepEqual(gotTop, top) {
				t.Errorf("top %d mentioned: page %v, Go %v", c.top, gotTop, top)
			}
		}
	})
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors: %v", probs)
	}
}

// TestBrowserPanelRules checks that the page itself draws its panel by
// the shared rules: a window of two years with three dozen events is split
// into months as agg.AutoUnit and Unit.Label do with the limit
// agg.EventPeriodLimit gives for those events, and the actors panel
// shows the TopActors actors in Graph's order.
func TestBrowserPanelRules(t *testing.T) {
	findChromium(t)
	meta, _ := fixture()
	var events []Event
	for i := range 60 {
		day := date(2015, 1, 1, 0, 0).AddDate(0, 0, i*19)
		var actors []string
		for k := range 1 + i%7 {
			actors = append(actors, fmt.Sprintf("actor %02d", (i*k+k)%31))
		}
		events = append(events, Event{ID: fmt.Sprint("e", i), Title: fmt.Sprint("Event ", i), Lanes: []string{"x"}, Lower: unixMinutes(day, false), Upper: unixMinutes(day.AddDate(0, 0, 1), true),
			Point: true, Date: day.Format(time.DateOnly), Actors: actors})
	}
	p := openPage(t, writePage(t, meta, events, Options{}), "", 1280, 900)

	lo, hi := date(2016, 1, 15, 12, 0), date(2017, 11, 20, 12, 0)
	var labels []string
	p.eval(t, fmt.Sprintf(`(function(){var ch=echarts.getInstanceByDom(document.getElementById('tlChart'));ch.dispatchAction({type:'dataZoom',dataZoomIndex:0,startValue:%d,endValue:%d});return []})()`, lo.UnixMilli(), hi.UnixMilli()), &labels)
	settle(t, p)
	p.eval(t, `echarts.getInstanceByDom(document.getElementById('tlFreq')).getOption().xAxis[0].data`, &labels)
	p.eval(t, `document.getElementById('tlFreq').scrollIntoView();0`, nil)
	p.screenshot(t, "panel-weeks")
	inWindow := 0
	for _, e := range events {
		if !e.Era && e.Upper > unixMinutes(lo, false) && e.Lower < unixMinutes(hi, true) {
			inWindow++
		}
	}
	u := agg.AutoUnit(lo, hi, int(agg.EventPeriodLimit(inWindow, AutoPeriods)))
	var want []string
	for s := u.Floor(lo); s.Before(hi); s = u.Next(s) {
		want = append(want, u.Label(s))
	}
	// 36 events over 98 weeks: at two periods an event, months, not weeks.
	if u != agg.Month || !slices.Equal(labels, want) {
		t.Errorf("zoomed to [%s, %s), the panel's periods are %v, want %s: %v", lo, hi, labels, u, want)
	}

	var net agg.Network
	for _, e := range events {
		if !e.Era && e.Upper > unixMinutes(lo, false) && e.Lower < unixMinutes(hi, true) {
			for _, a := range e.Actors {
				net.Add([]string{a})
			}
		}
	}
	nodes, _ := net.Graph(TopActors, 1)
	var wantActors []string
	for _, nd := range nodes {
		wantActors = append(wantActors, nd.Name)
	}
	var actors []string
	p.eval(t, `(function(){var s=document.getElementById('tlPanel');s.value='actors';s.dispatchEvent(new Event('change'));return echarts.getInstanceByDom(document.getElementById('tlFreq')).getOption().yAxis[0].data})()`, &actors)
	if len(wantActors) != TopActors || !slices.Equal(actors, wantActors) {
		t.Errorf("the actors panel shows %v, want the top %d: %v", actors, TopActors, wantActors)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs)
	}
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// firstDiff shows where two results part, as JSON.
func firstDiff(got, want any) string {
	g, w := show(got), show(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("page: …%.200s\nGo:   …%.200s", g[from:], w[from:])
}

// deepMs is t in Unix milliseconds as a double, as the page holds it: the
// day's start rounded once, so that the page finds the same day.
func deepMs(t time.Time) float64 {
	s := t.Unix()
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return float64(d)*86400000 + float64((s-d*86400)*1000)
}

// dayDate writes day d (since 1970-01-01).
func dayDate(d int64) string { return time.Unix(d*86400, 0).UTC().Format(time.DateOnly) }

// deepDay is the day number of t.
func deepDay(t time.Time) int64 { return int64(math.Floor(float64(t.Unix()) / 86400)) }

// checkPeriods holds the page's periods of every unit at each of times to
// agg's: the period's first day, the next one's, and its label in English
// and Russian.
func checkPeriods(t *testing.T, p *browserPage, times []time.Time) {
	t.Helper()
	type in struct {
		T    float64
		Unit string
	}
	type res struct {
		Floor, Next int64
		Label, Ru   string
	}
	var ins []in
	var want []res
	for _, tm := range times {
		for _, u := range allUnits {
			f := u.Floor(tm)
			ins = append(ins, in{deepMs(tm), u.String()})
			want = append(want, res{deepDay(f), deepDay(u.Next(f)), u.LabelIn(f, "en"), u.LabelIn(f, "ru")})
		}
	}
	var got []res
	p.call(t, `function (a) {
		var P = timelinePage.periods;
		return a.ins.map(function (c) { var f = P.floor(c.T, c.Unit); return { Floor: P.dayOf(f), Next: P.dayOf(P.next(f, c.Unit)), Label: P.label(f, c.Unit, a.en), Ru: P.label(f, c.Unit, a.ru) }; });
	}`, map[string]any{"ins": ins, "en": translations["en"], "ru": translations["ru"]}, &got)
	if len(got) != len(want) {
		t.Fatalf("%d results, want %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if got[i] != want[i] && bad < 20 {
			bad++
			g, w := got[i], want[i]
			t.Errorf("%s of %s (%.6g ms): page floor %s next %s labels %q %q; Go %s, %s, %q %q", ins[i].Unit, times[i/len(allUnits)].Format(time.RFC3339), ins[i].T,
				dayDate(g.Floor), dayDate(g.Next), g.Label, g.Ru, dayDate(w.Floor), dayDate(w.Next), w.Label, w.Ru)
		}
	}
}

// TestPageJSDeepTime holds the page's dates and periods to Go's beyond
// the years JavaScript's Date can hold (±275,000 from 1970): the periods
// of every unit, deep-time year labels in every language, and the
// timeline's axis ticks.
func TestPageJSDeepTime(t *testing.T) {
	p := openModules(t)
	years := []int{-13_798_000_000, -13_600_000_000, -4_540_000_000, -3_700_000_000, -999_999_999, -252_170_000, -66_000_000,
		-2_124_999, -2_580_000, -999_999, -999_498, -300_000, -275_000, -100_000, -99_999, -99_998, -11_343, -43, 0, 1, 99, 2020, 300_000, 100_000_000_000 - 1}
	t.Run("periods", func(t *testing.T) {
		var times []time.Time
		for _, y := range years {
			times = append(times, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 7, 4, 12, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
		}
		checkPeriods(t, p, times)
	})
	t.Run("autoUnit", func(t *testing.T) {
		// The panel over all units chooses as timeline chart's auto.
		var units []string
		for u := agg.Day; u <= agg.Coarsest; u++ {
			units = append(units, u.String())
		}
		type in struct {
			Lo, Hi float64
			Max    int64
		}
		var ins []in
		var want []string
		// Windows of a few years in deep time, too: the units whose
		// periods read the same (months of "13.8 billion years ago") are
		// skipped.
		for _, c := range [][2]int{{-13_798_000_000, 2021}, {-4_540_000_000, -66_000_000}, {-300_000, 2021}, {-66_000_000, -65_000_000}, {-2000, 2021},
			{-13_797_999_999, -13_797_999_998}, {-66_000_000, -65_999_950}, {-300_000, -299_990}, {-99_999, -99_998}, {-99_000, -98_999}} {
			for _, events := range []int{2, 8, 1000} {
				lo, hi := time.Date(c[0], 1, 1, 0, 0, 0, 0, time.UTC), time.Date(c[1], 1, 1, 0, 0, 0, 0, time.UTC)
				ins = append(ins, in{deepMs(lo), deepMs(hi), agg.EventPeriodLimit(events, AutoPeriods)})
				want = append(want, agg.AutoUnitFor(lo, hi, events, AutoPeriods).String())
			}
		}
		var got []string
		p.call(t, `function (a) { return a.ins.map(function (c) { return timelinePage.periods.autoUnit(c.Lo, c.Hi, a.units, c.Max, a.S); }); }`, map[string]any{"ins": ins, "units": units, "S": translations["en"]}, &got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("page chooses %v, Go %v", got, want)
		}
	})
	t.Run("years", func(t *testing.T) {
		for _, lang := range Langs {
			var ys []int64
			for _, y := range years {
				ys = append(ys, int64(y))
			}
			var got struct{ Years, Spans []string }
			p.call(t, `function (a) { return { Years: a.ys.map(function (y) { return timelinePage.yearText(y, a.S); }),
				Spans: a.ys.map(function (y) { return timelinePage.yearsText(y - 1000000, y, a.S); }) }; }`, map[string]any{"ys": ys, "S": translations[lang]}, &got)
			for i, y := range ys {
				if want := edtf.FormatYear(y, lang); got.Years[i] != want {
					t.Errorf("%s: yearText(%d) = %q, Go %q", lang, y, got.Years[i], want)
				}
				if want := edtf.FormatYears(y-1000000, y, lang); got.Spans[i] != want {
					t.Errorf("%s: yearsText(%d, %d) = %q, Go %q", lang, y-1000000, y, got.Spans[i], want)
				}
			}
		}
		var labels []string
		ts := []float64{deepMs(time.Date(-13_798_000_000, 1, 1, 0, 0, 0, 0, time.UTC)), deepMs(time.Date(-66_000_000, 6, 1, 0, 0, 0, 0, time.UTC))}
		p.call(t, `function (a) { return [timelinePage.timeLabel(a.ts[0], a.S, 'EN'), timelinePage.dayText(a.ts[0], a.S, 'EN'), timelinePage.dayText(a.ts[1], a.S, 'EN')]; }`,
			map[string]any{"ts": ts, "S": translations["en"]}, &labels)
		if want := []string{"13.8 billion years ago", "13.8 billion years ago", "66 million years ago"}; !reflect.DeepEqual(labels, want) {
			t.Errorf("deep time labels %q, want %q", labels, want)
		}
	})
	t.Run("tickKey", func(t *testing.T) {
		// Coarse periods are keyed by the round year their label starts
		// with; neighbours never share one, so a step never labels both
		// sides of the start of the era.
		var got struct {
			Keys []int64
			Step int64
		}
		p.call(t, `function () { var keys = []; for (var i = -14; i <= 1; i++) keys.push(timelinePage.tickKey('billion years', i));
			return { Keys: keys, Step: timelinePage.tickStep(keys, 'year', 8) }; }`, nil, &got)
		want := []int64{14e9, 13e9, 12e9, 11e9, 10e9, 9e9, 8e9, 7e9, 6e9, 5e9, 4e9, 3e9, 2e9, 1e9, 0, 1e9}
		if !slices.Equal(got.Keys, want) || got.Step != 2e9 {
			t.Errorf("billion-year keys %v step %d, want %v step 2e9", got.Keys, got.Step, want)
		}
	})
	t.Run("axisTicks", func(t *testing.T) {
		type ticks struct {
			Values []float64
			Labels []string
			Widths []float64
			Step   struct {
				Unit string
				N    float64
			}
		}
		axis := func(lo, hi time.Time, width int, lang string) ticks {
			var got ticks
			p.call(t, `function (a) { var r = timelinePage.axisTicks(a.lo, a.hi, a.w, a.S, 'EN'), c = document.createElement('canvas').getContext('2d');
				c.font = '12px sans-serif';
				return { Values: r.values, Labels: r.labels, Widths: r.labels.map(function (l) { return c.measureText(l).width; }), Step: r.step }; }`,
				map[string]any{"lo": deepMs(lo), "hi": deepMs(hi), "w": width, "S": translations[lang]}, &got)
			if len(got.Values) < 2 {
				t.Fatalf("[%v, %v) in %d px: ticks %+v", lo, hi, width, got)
			}
			span := deepMs(hi) - deepMs(lo)
			for i, v := range got.Values {
				if v < deepMs(lo) || v > deepMs(hi) {
					t.Errorf("tick %q at %g outside the axis", got.Labels[i], v)
				}
				if i > 0 {
					x0, x1 := (got.Values[i-1]-deepMs(lo))/span*float64(width), (v-deepMs(lo))/span*float64(width)
					if x1-x0 < (got.Widths[i-1]+got.Widths[i])/2 {
						t.Errorf("labels %q and %q overlap: %.0f px apart", got.Labels[i-1], got.Labels[i], x1-x0)
					}
				}
			}
			if n := got.Step.N; got.Step.Unit == "year" {
				// 1, 2 or 5 times a power of ten.
				for n >= 10 && math.Mod(n, 10) == 0 {
					n /= 10
				}
				if n != 1 && n != 2 && n != 5 {
					t.Errorf("step of %g years is not round", got.Step.N)
				}
			}
			return got
		}
		y := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
		// Around the start of the era: round BCE years as written.
		got := axis(y(-120), y(40), 800, "en")
		for i, l := range got.Labels {
			var n int
			if _, err := fmt.Sscanf(l, "%d", &n); err != nil || int(got.Step.N) == 0 || n%int(got.Step.N) != 0 {
				t.Errorf("label %d %q is not a multiple of the %g-year step", i, l, got.Step.N)
			}
		}
		if !slices.ContainsFunc(got.Labels, func(l string) bool { return strings.HasSuffix(l, "0 BCE") }) || !slices.Contains(got.Labels, "20") {
			t.Errorf("years 120 BCE–40: %q", got.Labels)
		}
		// Years 1–99 are themselves, not the 1900s.
		got = axis(y(1), y(99), 600, "en")
		if got.Labels[0] != "10" && got.Labels[0] != "5" && got.Labels[0] != "20" {
			t.Errorf("years 1–99: %q", got.Labels)
		}
		// Deep time, in billions of years ago, in English and Russian.
		got = axis(y(-13_798_000_000), y(2021), 900, "en")
		if got.Step.N < 1e9 || !strings.HasSuffix(got.Labels[0], " billion years ago") {
			t.Errorf("the age of the universe: step %g, %q", got.Step.N, got.Labels)
		}
		got = axis(y(-66_000_000), y(-1_000_000), 900, "ru")
		if !strings.HasSuffix(got.Labels[0], " млн лет назад") {
			t.Errorf("66 million years in Russian: %q", got.Labels)
		}
		// Hours in a day, months in a year.
		got = axis(date(2017, 4, 3, 0, 0), date(2017, 4, 3, 12, 0), 800, "en")
		if got.Step.Unit != "hour" && got.Step.Unit != "minute" || got.Labels[1] == "" || !strings.Contains(got.Labels[1], ":") {
			t.Errorf("half a day: %+v", got)
		}
		got = axis(date(2017, 1, 1, 0, 0), date(2018, 1, 1, 0, 0), 800, "en")
		if got.Step.Unit != "month" || got.Labels[0] != "2017" || got.Labels[1] != "Feb" {
			t.Errorf("a year: %+v", got)
		}
	})
}

// deepCSV is a dataset from the Big Bang to 2020.
const deepCSV = `id,start,end,title,category
big-bang,Y-13798000000,,Big Bang,cosmos
milky-way,Y-13600000000,,The Milky Way forms,cosmos
earth,Y-4540000000,,The Earth forms,earth
life,Y-3700000000,,First life,earth
dinosaurs,Y-66000000,,The dinosaurs die out,earth
sapiens,Y-300000,,Homo sapiens,people
caesar,-0043-03-15,,Caesar is killed,people
pandemic,2020,,A pandemic,people
`

// TestPageJSDeepTimePage draws a page from the Big Bang to 2020: every
// event is drawn, nothing fails, and the axis, the cards and the table
// read "billion years ago".
func TestPageJSDeepTimePage(t *testing.T) {
	findChromium(t)
	ds, _, err := timeline.Read(strings.NewReader(deepCSV), "events.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	meta, events, left, err := FromDataset(ds, []byte(deepCSV), "events.csv", Options{LaneTitle: "category"})
	if err != nil || left != 0 || len(events) != 8 {
		t.Fatalf("FromDataset: %d events, %d left out, %v", len(events), left, err)
	}
	if events[0].Date != "13.8 billion years ago" || events[0].Lower >= events[1].Lower {
		t.Errorf("the Big Bang: %+v", events[0])
	}
	p := openPage(t, writePage(t, meta, events, Options{LaneTitle: "category"}), "", 1280, 900)
	var got struct {
		Marks  int
		Axis   []string
		Slider string
		Panel  []string
	}
	p.eval(t, `(function(){var pg=timelinePage.page,ch=echarts.getInstanceByDom(document.getElementById('tlChart')),seen={};
		pg.marks().forEach(function(m){seen[m.k]=1});
		var ax=ch.getModel().getComponent('xAxis',0).axis;
		var fr=document.getElementById('tlFreq'),f=fr&&echarts.getInstanceByDom(fr);
		return {Marks:Object.keys(seen).length,Axis:ax.getViewLabels().map(function(l){return l.formattedLabel}),
			Slider:timelinePage.dayText(pg.axisMin,pg.S,pg.locale),Panel:f?f.getOption().xAxis[0].data:[]}})()`, &got)
	p.screenshot(t, "deep-time")
	if got.Marks != len(events) {
		t.Errorf("%d of %d events drawn", got.Marks, len(events))
	}
	billion := 0
	for _, l := range got.Axis {
		if strings.HasSuffix(l, " billion years ago") {
			billion++
		}
	}
	if billion < 2 {
		t.Errorf("axis labels %q: want billions of years ago, at the ticks of timelinePage.axisTicks", got.Axis)
	}
	if !strings.HasSuffix(got.Slider, " billion years ago") {
		t.Errorf("the slider's start reads %q", got.Slider)
	}
	if len(got.Panel) < 2 || !strings.HasSuffix(got.Panel[0], " billion years ago") {
		t.Errorf("the panel's periods %q: want billions of years", got.Panel)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs)
	}
}
