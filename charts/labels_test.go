package charts

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"timeline/timeline/agg"
)

// bceItems are year-only events from 1000 BCE to 100 CE, as a CSV of
// dates from -0999 to 0100 reads.
func bceItems() []agg.Item {
	var items []agg.Item
	for _, y := range []int{-999, -950, -900, -801, -800, -799, -700, -500, -451, -450, -300, -100, -99, -43, -20, -11, -10, -9, -1, 0, 1, 9, 10, 50, 100} {
		lo := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		items = append(items, agg.NewItem(lo, lo.AddDate(1, 0, 0), 0, 1))
	}
	return items
}

// writtenStart is the first year a period's label names, as written:
// 11 for "11–2 BCE", 1 for "1 BCE–9", 1900 for "1900s" or "1900–1999".
func writtenStart(t *testing.T, label string) int64 {
	t.Helper()
	end := strings.IndexFunc(label, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(label)
	}
	n, err := strconv.ParseInt(label[:end], 10, 64)
	if err != nil {
		t.Fatalf("label %q starts with no year", label)
	}
	return n
}

// nearRound reports whether the written year n is within a year of a
// multiple of step: the first years of periods before 1 CE are a year off
// the round ones (11–2 BCE holds 10 BCE, 199–100 BCE starts just after
// 200 BCE), there being no year 0.
func nearRound(n, step int64) bool {
	r := n % step
	return r <= 1 || step-r <= 1
}

// TestChartBCETickKeys checks the keys chart.js labels a period chart's bars
// by (a bar is labelled when its key is a multiple of the step) for BCE
// decades and centuries, as PeriodOption writes them: every key is a
// multiple of the unit, so that each step of chart.js's labels some BCE
// bars; the bars labelled at a step are exactly those whose written first
// year is (within the missing year 0) a multiple of it; and they are
// evenly spaced, across the start of the era too.
func TestChartBCETickKeys(t *testing.T) {
	for _, u := range []agg.Unit{agg.Decade, agg.Century, agg.Millennium} {
		r := agg.Bin(bceItems(), []string{"events"}, u, agg.Show)
		option, err := PeriodOption(r, ChartText{Title: "Events"}, false, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var o struct {
			XAxis []struct {
				Data []string `json:"data"`
			} `json:"xAxis"`
			Timeline struct {
				TickKeys []int64 `json:"tickKeys"`
				TickUnit string  `json:"tickUnit"`
			} `json:"timeline"`
		}
		if err := json.Unmarshal(option, &o); err != nil {
			t.Fatal(err)
		}
		labels, keys := o.XAxis[0].Data, o.Timeline.TickKeys
		if len(labels) < 3 || len(keys) != len(labels) || o.Timeline.TickUnit != "year" {
			t.Fatalf("%s: %d labels, %d keys, unit %q", u, len(labels), len(keys), o.Timeline.TickUnit)
		}
		n := u.Years()
		for i, k := range keys {
			if k%n != 0 {
				t.Errorf("%s: bar %q keyed %d, not a multiple of %d", u, labels[i], k, n)
			}
			if i > 0 && k == keys[i-1] {
				t.Errorf("%s: neighbours %q and %q share the key %d", u, labels[i-1], labels[i], k)
			}
		}
		for _, m := range []int64{1, 2, 5, 10} {
			step := m * n
			var shown []int
			bce := 0
			for i, k := range keys {
				round := nearRound(writtenStart(t, labels[i]), step)
				if (k%step == 0) != round {
					t.Errorf("%s, step %d: bar %q keyed %d: labelled %v, its first year round %v", u, step, labels[i], k, k%step == 0, round)
				}
				if k%step == 0 {
					shown = append(shown, i)
					if strings.HasSuffix(labels[i], "BCE") {
						bce++
					}
				}
			}
			// 1000 BCE to 100 CE: a step labels some bars before 1 CE
			// when there are at least two steps of bars.
			if len(shown) == 0 || bce == 0 && len(labels) >= 2*int(m) {
				t.Errorf("%s, step %d: %d bars labelled, %d of them BCE, of %d", u, step, len(shown), bce, len(labels))
			}
			for j := 1; j < len(shown); j++ {
				if gap := shown[j] - shown[j-1]; int64(gap) != m {
					t.Errorf("%s, step %d: labels %q and %q are %d bars apart, want %d", u, step, labels[shown[j-1]], labels[shown[j]], gap, m)
				}
			}
		}
	}
}

// TestChartBCEMonthKeys checks the keys of monthly and quarterly charts
// before 1 CE: at a step of whole years, the bars labelled are the
// Januaries (the first quarters) of the years as written that are
// multiples of it, 60 BCE, 50 BCE …, not of the astronomical years
// (-60 is 61 BCE).
func TestChartBCEMonthKeys(t *testing.T) {
	var items []agg.Item
	for y := -64; y <= 3; y++ {
		lo := time.Date(y, time.Month(1+(y+64)%12), 1, 0, 0, 0, 0, time.UTC)
		items = append(items, agg.NewItem(lo, lo.AddDate(0, 0, 1), 0, 1))
	}
	for _, c := range []struct {
		u       agg.Unit
		perYear int64
		first   string // the label of the first period of a year
	}{{agg.Month, 12, "-01"}, {agg.Quarter, 4, "-Q1"}} {
		r := agg.Bin(items, []string{"events"}, c.u, agg.Show)
		keys, _ := tickKeys(r)
		for _, years := range []int64{1, 2, 5, 10} {
			step := years * c.perYear
			shown := 0
			for i, k := range keys {
				l := r.Labels[i]
				n := writtenStart(t, l)
				bce := strings.Contains(l, " BCE")
				round := strings.HasSuffix(l, c.first) && n%years == 0
				if (k%step == 0) != round {
					t.Errorf("%s, step %d: bar %q keyed %d: labelled %v, a January of a round year %v", c.u, step, l, k, k%step == 0, round)
				}
				if round && bce {
					shown++
				}
			}
			// 65 BCE to 4 CE: the years 65 to 1 BCE that are multiples
			// of the step.
			if want := int(65 / years); shown != want {
				t.Errorf("%s, step %d: %d BCE bars labelled, want %d", c.u, step, shown, want)
			}
		}
	}
}
