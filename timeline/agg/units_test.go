package agg

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// floorByCalendar is Floor as time.Date computes it, for the units up to
// decades: what the period arithmetic must agree with.
func floorByCalendar(u Unit, t time.Time) time.Time {
	y, m, d := t.Date()
	switch u {
	case Day:
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case Week:
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	case Month:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y-((y%10)+10)%10, 1, 1, 0, 0, 0, 0, time.UTC)
}

func TestPeriodArithmetic(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 1))
	for range 20000 {
		// Instants from 30,000 BCE to 30,000 CE, to the second.
		tm := time.Unix(r.Int64N(2*950_000_000_000)-950_000_000_000, 0).UTC()
		for u := Day; u <= Decade; u++ {
			want := floorByCalendar(u, tm)
			if got := u.Floor(tm); !got.Equal(want) {
				t.Fatalf("%s floor of %s: %s, want %s", u, tm, got, want)
			}
		}
		for u := Day; u <= Coarsest; u++ {
			f := u.Floor(tm)
			n := u.Next(f)
			if f.After(tm) || !n.After(tm) {
				t.Fatalf("%s: %s is not in [%s, %s)", u, tm, f, n)
			}
			if u.Floor(n.Add(-time.Second)) != f || u.Floor(n) != n {
				t.Fatalf("%s: periods [%s, %s) do not meet", u, f, n)
			}
		}
	}
	if y, m, d := civil(unixDays(-13_798_000_000, 3, 1)); y != -13_798_000_000 || m != 3 || d != 1 {
		t.Errorf("deep time round trip: %d-%d-%d", y, m, d)
	}
}

func TestCoarseLabels(t *testing.T) {
	at := func(y int) time.Time { return time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		u    Unit
		y    int
		want string
	}{
		{Century, 1950, "1900–1999"}, {Century, 2000, "2000–2099"}, {Century, 50, "1–99"},
		{Century, 0, "99–1 BCE"}, {Century, -99, "199–100 BCE"}, {Millennium, -2500, "2999–2000 BCE"},
		{MillionYears, 2020, "1–999999"},
	} {
		if got := c.u.Label(c.u.Floor(at(c.y))); got != c.want {
			t.Errorf("%s holding year %d: %q, want %q", c.u, c.y, got, c.want)
		}
	}
	for u := Day; u <= Coarsest; u++ {
		if p, auto, err := ParseUnit(u.String()); p != u || auto || err != nil {
			t.Errorf("ParseUnit(%q) = %v, %v, %v", u, p, auto, err)
		}
	}
}

func TestCount(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		u      Unit
		lo, hi time.Time
		want   int64
	}{
		{Month, day(2017, 1, 1), day(2017, 5, 1), 4},
		{Month, day(2017, 1, 1), day(2017, 5, 1).Add(time.Minute), 5},
		{Day, day(2017, 1, 2), day(2017, 1, 2), 0},
		{Year, day(-50, 1, 1), day(20, 1, 1), 70},
		{Day, day(-99999, 1, 1), day(2021, 1, 1), (day(2021, 1, 1).Unix() - day(-99999, 1, 1).Unix()) / 86400},
	} {
		// The old rule: every period from Floor(lo) that starts before hi.
		if got := c.u.Count(c.lo, c.hi); got != c.want {
			t.Errorf("%s in [%s, %s): %d, want %d", c.u, c.lo, c.hi, got, c.want)
		}
	}
}

func TestAutoUnitFor(t *testing.T) {
	day := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		lo, hi time.Time
		events int
		want   Unit
	}{
		{day(2000), day(2022), 20, Year},           // not quarters
		{day(2000), day(2022), 1_000_000, Quarter}, // enough events for 88 bars
		{day(2017), day(2017).AddDate(0, 0, 5), 2, Day},
		{day(2000), day(1_000_001), 2, HundredMillennia},
		{day(2000), day(1_000_001), 1000, TenMillennia}, // 100 bars, not 99,801 decades
		// In deep time, periods whose labels differ: not twelve months
		// of "13.8 billion years ago", nor decades of "66 million years
		// ago".
		{day(-13_797_999_999), day(-13_797_999_998), 1, HundredMillionYears},
		{day(-66_000_000), day(-65_999_950), 5, HundredMillennia},
		{day(-300_000), day(-299_990), 5, Millennium},
		{day(-99_000), day(-98_999), 1, Month}, // 99001 BCE: not deep
	} {
		got := AutoUnitFor(c.lo, c.hi, c.events, 120)
		if got != c.want {
			t.Errorf("%d events over [%d, %d): %s, want %s", c.events, c.lo.Year(), c.hi.Year(), got, c.want)
		}
		if n := got.Count(c.lo, c.hi); n > 120 {
			t.Errorf("%d events over [%d, %d): %d periods of a %s", c.events, c.lo.Year(), c.hi.Year(), n, got)
		}
	}
}

// TestBinFollowsPeriodsNotSpan bins two days 102,000 years apart: the
// work and memory are those of the periods drawn, not of the days between.
func TestBinFollowsPeriodsNotSpan(t *testing.T) {
	far := time.Date(-99999, 1, 1, 0, 0, 0, 0, time.UTC)
	near := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var tally Tally
	for _, d := range []time.Time{far, near, near} {
		tally.Add(NewItem(d, d.AddDate(0, 0, 1), 0, 1))
	}
	if tally.Cells() > 400 {
		t.Errorf("the tally of 3 days holds %d cells", tally.Cells())
	}
	items := tally.Items()
	lo, hi := Span(items)
	u := AutoUnitFor(lo, hi, 3, 120)
	r := Bin(items, []string{"x"}, u, Show)
	if len(r.Starts) > 120 || len(r.Series[0].Values) != len(r.Starts) {
		t.Fatalf("auto unit %s: %d periods", u, len(r.Starts))
	}
	if sum(r.Series[0].Values) != 3 {
		t.Errorf("auto unit %s: counts %v", u, r.Series[0].Values)
	}

	// The calendar draws only its window of years with events.
	for _, mode := range []Mode{Drop, Spread} {
		wlo, whi, outside := CalendarWindow(items, mode, 50)
		r = BinWithin(items, []string{"x"}, Day, mode, wlo, whi)
		if len(r.Starts) != 366 || outside != 1 || sum(r.Series[0].Values) != 2 {
			t.Errorf("mode %d: calendar of %d days from %s, %d days outside, values sum %v", mode, len(r.Starts), wlo, outside, sum(r.Series[0].Values))
		}
	}
}

func TestCalendarWindow(t *testing.T) {
	d := func(y int, m time.Month, dd int) int64 {
		return day(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix(), false)
	}
	items := []Item{
		{Lo: d(1900, 3, 1), Hi: d(1900, 3, 2), N: 1, Weight: 1},
		{Lo: d(1990, 1, 1), Hi: d(2000, 1, 1), N: 1, Weight: 1}, // ten years
		{Lo: d(1995, 5, 5), Hi: d(1995, 5, 6), N: 1, Weight: 1}, // inside the range
		{Lo: d(2019, 12, 31), Hi: d(2020, 1, 2), N: 1, Weight: 1},
		{Lo: d(-500, 1, 1), Hi: d(-500, 1, 2), N: 1, Weight: 1}, // before 1 CE
	}
	for _, c := range []struct {
		mode    Mode
		years   int
		from    int
		to      int
		outside int64
	}{
		{Drop, 50, 1900, 1996, 1},             // single days only: 1900, 1995
		{Spread, 50, 1900, 2021, 1},           // 1900, 1990–1999, 2019, 2020 (13 years)
		{Spread, 3, 1999, 2021, 1 + 1 + 3287}, // 1999, 2019, 2020
	} {
		lo, hi, outside := CalendarWindow(items, c.mode, c.years)
		got := fmt.Sprint(lo.Year(), hi.Year(), outside)
		if want := fmt.Sprint(c.from, c.to, c.outside); got != want {
			t.Errorf("mode %d, %d years: window and outside %s, want %s", c.mode, c.years, got, want)
		}
	}
	if lo, hi, outside := CalendarWindow(items[4:], Drop, 50); !lo.Equal(hi) || outside != 1 {
		t.Errorf("only BCE days: [%s, %s), %d outside", lo, hi, outside)
	}
}

func sum(vs []float64) float64 {
	s := 0.0
	for _, v := range vs {
		s += v
	}
	return s
}

func TestLabelIn(t *testing.T) {
	at := func(y int) time.Time { return time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		u          Unit
		y          int
		lang, want string
	}{
		{Year, -43, "ru", "44 до н. э."},
		{Year, -43, "de", "44 v. Chr."},
		{Decade, -3000, "fr", "3001–2992 av. J.-C."},
		{Century, -99, "es", "199–100 a. C."},
		{MillionYears, -65_500_000, "en", "66–65 million years ago"},
		{BillionYears, -13_798_000_000, "en", "14–13 billion years ago"},
		{HundredMillionYears, -13_798_000_000, "ru", "13,8–13,7 млрд лет назад"},
		{HundredMillennia, -150_000, "de", "vor 200–100 Tausend Jahren"},
		{Year, 2017, "ru", "2017"},
	} {
		if got := c.u.LabelIn(c.u.Floor(at(c.y)), c.lang); got != c.want {
			t.Errorf("%s holding year %d in %s: %q, want %q", c.u, c.y, c.lang, got, c.want)
		}
	}
	r := Bin([]Item{NewItem(at(-43), at(-43).Add(time.Hour), 0, 1)}, []string{"a"}, Year, Show)
	r.Relabel("fr")
	if len(r.Labels) != 1 || r.Labels[0] != "44 av. J.-C." {
		t.Errorf("Relabel: %q", r.Labels)
	}
}

// TestDeepLabels checks that a period before 1 CE reads its year as edtf
// writes it, never as "-0043"; that in deep time a day, week, month or
// quarter reads as its year and a span of years whose ends read the same
// as one; and that the last period of a chart up to 2020 ends there
// rather than in 999999999.
func TestDeepLabels(t *testing.T) {
	at := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		u          Unit
		t          time.Time
		lang, want string
	}{
		{Month, at(-13_797_999_999, 1), "en", "13.8 billion years ago"},
		{Day, at(-13_797_999_999, 7), "ru", "13,8 млрд лет назад"},
		{Week, at(-66_000_000, 3), "en", "66 million years ago"},
		{Quarter, at(-99_999, 4), "en", "100 thousand years ago"},
		{Month, at(-99_998, 4), "en", "99999 BCE-04"}, // not deep: a month of the year as written
		{Day, time.Date(-43, 3, 15, 0, 0, 0, 0, time.UTC), "en", "44 BCE-03-15"},
		{Week, time.Date(-43, 3, 15, 0, 0, 0, 0, time.UTC), "ru", "44 до н. э.-W11"},
		{Quarter, at(-43, 3), "de", "44 v. Chr.-Q1"},
		{Week, time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC), "en", "1 BCE-W52"},
		{Month, at(44, 3), "en", "0044-03"},
		{Decade, at(-66_000_009, 1), "en", "66 million years ago"},
		{Millennium, at(-65_999_500, 1), "en", "66 million years ago"},
		{TenMillennia, at(-6_595_000, 1), "en", "6.6–6.59 million years ago"},
		{Decade, at(-3000, 1), "en", "3001–2992 BCE"},
	} {
		if got := c.u.LabelIn(c.u.Floor(c.t), c.lang); got != c.want {
			t.Errorf("%s holding %s in %s: %q, want %q", c.u, c.t, c.lang, got, c.want)
		}
	}
	// No label of a deep period has the year's digits in it.
	for u := Day; u <= Quarter; u++ {
		if got := u.Label(u.Floor(at(-13_797_999_999, 5))); strings.Contains(got, "13797") {
			t.Errorf("%s: %q", u, got)
		}
	}

	// The last period of a chart is labelled up to the end of its span
	// when it runs past it into years no dataset reaches.
	items := []Item{NewItem(at(-13_797_999_999, 1), at(-13_797_999_998, 1), 0, 1), NewItem(at(2020, 1), at(2021, 1), 0, 1)}
	for _, c := range []struct {
		u     Unit
		first string
		last  string
	}{
		{BillionYears, "14–13 billion years ago", "1–2020"},
		{HundredMillionYears, "13.8–13.7 billion years ago", "1–2020"},
	} {
		r := Bin(items, []string{"a"}, c.u, Show)
		if n := len(r.Labels); n < 2 || r.Labels[0] != c.first || r.Labels[n-1] != c.last {
			t.Errorf("%s: labels %q…, want %q … %q", c.u, r.Labels[:min(3, len(r.Labels))], c.first, c.last)
			continue
		}
		if got := r.Labels[len(r.Labels)-2]; !strings.Contains(got, "BCE") {
			t.Errorf("%s: the period before 1 CE reads %q", c.u, got)
		}
		r.Relabel("ru")
		if got := r.Labels[len(r.Labels)-1]; got != c.last {
			t.Errorf("%s in Russian: the last period reads %q, want %q", c.u, got, c.last)
		}
	}
	// A period that ends in years a person reads is not cut: a century
	// chart of 2017 ends in 2099, as the periods before it end in 99.
	for _, c := range []struct {
		u    Unit
		want string
	}{{Century, "2000–2099"}, {Millennium, "2000–2999"}, {TenMillennia, "1–9999"}} {
		r := Bin([]Item{NewItem(at(2017, 1), at(2017, 2), 0, 1)}, []string{"a"}, c.u, Show)
		if len(r.Labels) != 1 || r.Labels[0] != c.want {
			t.Errorf("%s of 2017: %q, want %q", c.u, r.Labels, c.want)
		}
	}
	r := Bin([]Item{NewItem(at(2017, 1), at(2017, 2), 0, 1)}, []string{"a"}, MillionYears, Show)
	if len(r.Labels) != 1 || r.Labels[0] != "1–2017" {
		t.Errorf("a million years holding 2017: %q, want 1–2017", r.Labels)
	}
}

func TestYears(t *testing.T) {
	for u, want := range map[Unit]int64{Day: 0, Quarter: 0, Year: 1, Decade: 10, Century: 100, Millennium: 1000, BillionYears: 1e9} {
		if got := u.Years(); got != want {
			t.Errorf("%s: %d years, want %d", u, got, want)
		}
	}
}
