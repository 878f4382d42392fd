package agg

import (
	"fmt"
	"testing"
	"time"

	"timeline/timeline/edtf"
)

func span(t *testing.T, s string) (time.Time, time.Time) {
	t.Helper()
	d, err := edtf.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d.Lower(), d.Upper()
}

func item(t *testing.T, date string, series int) Item {
	lo, hi := span(t, date)
	return NewItem(lo, hi, series, 1)
}

func TestBinByHand(t *testing.T) {
	items := []Item{
		item(t, "2017-01-15", 0), item(t, "2017-01-20", 1), item(t, "2017-03-02", 0), // precise
		item(t, "2017", 0),                  // a year in a monthly chart: 12 months
		item(t, "2017-02-20/2017-03-10", 1), // a range across a month edge: 2 months
	}
	names := []string{"attack", "arrest"}
	tests := []struct {
		mode    Mode
		want    string
		dropped int
	}{
		{Show, "attack [1 0 1 0 0 0 0 0 0 0 0 0] arrest [1 0 0 0 0 0 0 0 0 0 0 0] date not precise to a month [0.083333 0.583333 0.583333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333]", 0},
		{Spread, "attack [1.083333 0.083333 1.083333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333 0.083333] arrest [1 0.5 0.5 0 0 0 0 0 0 0 0 0]", 0},
		{Drop, "attack [1 0 1 0 0 0 0 0 0 0 0 0] arrest [1 0 0 0 0 0 0 0 0 0 0 0]", 2},
	}
	for _, tt := range tests {
		r := Bin(items, names, Month, tt.mode)
		got := ""
		for _, s := range r.Series {
			if got != "" {
				got += " "
			}
			got += fmt.Sprintf("%s %v", s.Name, s.Values)
		}
		if got != tt.want {
			t.Errorf("mode %d:\n got %s\nwant %s", tt.mode, got, tt.want)
		}
		if r.Dropped != tt.dropped || r.Coarse != 2 {
			t.Errorf("mode %d: dropped %d coarse %d", tt.mode, r.Dropped, r.Coarse)
		}
		if len(r.Labels) != 12 || r.Labels[0] != "2017-01" || r.Labels[11] != "2017-12" {
			t.Errorf("labels %v", r.Labels)
		}
		// Totals stay honest: nothing is counted twice.
		total := 0.0
		for _, s := range r.Series {
			for _, v := range s.Values {
				total += v
			}
		}
		if want := float64(5 - tt.dropped); total < want-1e-5 || total > want+1e-5 {
			t.Errorf("mode %d: total %v, want %v", tt.mode, total, want)
		}
	}
}

func TestBinEmptyAndBCE(t *testing.T) {
	r := Bin([]Item{item(t, "-0043", 0), item(t, "-0040", 0)}, []string{"x"}, Year, Show)
	if got := fmt.Sprint(r.Labels, r.Series[0].Values); got != "[44 BCE 43 BCE 42 BCE 41 BCE] [1 0 0 1]" {
		t.Errorf("BCE years: %s", got)
	}
	r = Bin(nil, []string{"x"}, Month, Show)
	if len(r.Starts) != 0 || len(r.Series) != 1 {
		t.Errorf("empty: %+v", r)
	}
	r = Bin([]Item{item(t, "2017-12-31", 0), item(t, "2018-01-01", 0)}, []string{"x"}, Week, Show)
	if got := fmt.Sprint(r.Labels, r.Series[0].Values); got != "[2017-W52 2018-W01] [1 1]" {
		t.Errorf("weeks: %s", got)
	}
}

func TestCumulative(t *testing.T) {
	r := Bin([]Item{item(t, "2015", 0), item(t, "2017", 0), item(t, "2017", 1)}, []string{"a", "b"}, Year, Show).Cumulative()
	if got := fmt.Sprint(r.Series[0].Values, r.Series[1].Values); got != "[1 1 2] [0 0 1]" {
		t.Errorf("cumulative: %s", got)
	}
}

func TestAutoUnit(t *testing.T) {
	lo, _ := span(t, "2017-01-01")
	_, hi := span(t, "2017-03")
	if u := AutoUnit(lo, hi, 120); u != Day {
		t.Errorf("three months: %v", u)
	}
	lo, _ = span(t, "1990")
	_, hi = span(t, "2017")
	if u := AutoUnit(lo, hi, 120); u != Quarter {
		t.Errorf("28 years: %v", u)
	}
}

func TestUnits(t *testing.T) {
	for _, s := range []string{"day", "week", "month", "quarter", "year", "decade"} {
		if u, auto, err := ParseUnit(s); err != nil || auto || u.String() != s {
			t.Errorf("ParseUnit(%q) = %v %v %v", s, u, auto, err)
		}
	}
	if _, _, err := ParseUnit("fortnight"); err == nil {
		t.Error("fortnight accepted")
	}
	d := time.Date(2017, 8, 17, 0, 0, 0, 0, time.UTC)
	if got := Decade.Label(Decade.Floor(d)) + " " + Quarter.Label(Quarter.Floor(d)); got != "2010s 2017-Q3" {
		t.Errorf("labels: %s", got)
	}
}

func TestTallyBinsAsItemsDo(t *testing.T) {
	// Events with the same span and series merge into one item, which bins
	// and counts as the events did one by one.
	var items []Item
	for range 3 {
		items = append(items, item(t, "2017", 0), item(t, "2017-02-20/2017-03-10", 1), item(t, "2017-01-15", 0))
	}
	items = append(items, item(t, "2017", 1), item(t, "2016", 0))
	var tally Tally
	for _, it := range items {
		tally.Add(it)
	}
	if got := len(tally.Items()); got != 5 {
		t.Fatalf("tally keeps %d items, want 5 distinct (span, series) pairs", got)
	}
	names := []string{"a", "b"}
	for _, mode := range []Mode{Show, Spread, Drop} {
		want, got := Bin(items, names, Month, mode), Bin(tally.Items(), names, Month, mode)
		if fmt.Sprint(want) != fmt.Sprint(got) {
			t.Errorf("mode %d: one by one %v, tallied %v", mode, want, got)
		}
	}
	if r := Bin(tally.Items(), names, Month, Drop); r.Dropped != 8 || r.Coarse != 8 {
		t.Errorf("drop: %d dropped of %d coarse, want 8 of 8", r.Dropped, r.Coarse)
	}
}

func TestTallyDenseDays(t *testing.T) {
	// Single days far apart grow the dense counts both ways; days too far
	// apart for them go to the map. Either way every event is counted
	// once, and Items lists each day once.
	days := []int64{20000, 19000, 21000, 20000, -3_000_000, 3_000_000, 20000, 19999}
	var tally Tally
	var want []Item
	for i, d := range days {
		it := Item{Lo: d, Hi: d + 1, Series: int32(i % 2), N: 1, Weight: float64(i)}
		tally.Add(it)
		want = append(want, it)
	}
	if tally.cells > tallyCells {
		t.Errorf("dense counts hold %d cells, more than %d", tally.cells, tallyCells)
	}
	if len(tally.items) != 2 {
		t.Errorf("%d days went to the map, want the 2 far ones", len(tally.items))
	}
	total := map[[2]int64][2]float64{}
	for _, it := range tally.Items() {
		k := [2]int64{it.Lo, int64(it.Series)}
		if _, dup := total[k]; dup {
			t.Errorf("day %d series %d listed twice", it.Lo, it.Series)
		}
		total[k] = [2]float64{float64(it.N), it.Weight}
	}
	wantTotal := map[[2]int64][2]float64{}
	for _, it := range want {
		k := [2]int64{it.Lo, int64(it.Series)}
		v := wantTotal[k]
		wantTotal[k] = [2]float64{v[0] + 1, v[1] + it.Weight}
	}
	if fmt.Sprint(total) != fmt.Sprint(wantTotal) {
		t.Errorf("tallied %v, want %v", total, wantTotal)
	}
}
