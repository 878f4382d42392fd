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
