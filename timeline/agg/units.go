package agg

import (
	"fmt"
	"strconv"
	"time"

	"timeline/timeline/edtf"
)

// Unit is the length of a period.
type Unit int

// The units, from finest to coarsest. Above decades, periods are powers of
// ten years; see Unit.Label for how they meet at the start of the era.
const (
	Day Unit = iota
	Week
	Month
	Quarter
	Year
	Decade
	Century
	Millennium
	TenMillennia
	HundredMillennia
	MillionYears
	TenMillionYears
	HundredMillionYears
	BillionYears
)

var unitNames = [...]string{"day", "week", "month", "quarter", "year", "decade",
	"century", "millennium", "10 millennia", "100 millennia",
	"million years", "10 million years", "100 million years", "billion years"}

// Coarsest is the coarsest unit.
const Coarsest = BillionYears

// MaxPeriods is the most periods a chart of periods draws: a day a bar
// for 55 years, which the chart's zoom can still show. A unit that would
// split the data into more is refused (see Unit.Count); AutoUnitFor never
// chooses one.
const MaxPeriods = 20_000

// String returns the unit's name.
func (u Unit) String() string { return unitNames[u] }

// ParseUnit reads a unit name; auto is true, and u meaningless, for "auto"
// (or "").
func ParseUnit(s string) (u Unit, auto bool, err error) {
	if s == "auto" || s == "" {
		return 0, true, nil
	}
	for i, n := range unitNames {
		if n == s {
			return Unit(i), false, nil
		}
	}
	return 0, false, fmt.Errorf("unknown period %q: want day, week, month, quarter, year, decade, century, millennium or auto", s)
}

// Years returns the length in years of a unit of a year or coarser, and 0
// for the finer units.
func (u Unit) Years() int64 {
	switch {
	case u < Year:
		return 0
	case u == Year:
		return 1
	case u == Decade:
		return 10
	}
	return u.years()
}

// years is the length in years of a unit of Century or coarser.
func (u Unit) years() int64 {
	n := int64(100)
	for k := Century; k < u; k++ {
		n *= 10
	}
	return n
}

// index numbers the period of u that holds day d (days since 1970-01-01);
// consecutive periods have consecutive numbers. Units up to decades are
// counted as the page's script counts them (periods.js).
func (u Unit) index(d int64) int64 {
	switch u {
	case Day:
		return d
	case Week:
		return floorDiv(d+3, 7) // weeks start on Monday; day 0 is a Thursday
	}
	y, m, _ := civil(d)
	switch u {
	case Month:
		return y*12 + m - 1
	case Quarter:
		return y*4 + (m-1)/3
	case Year:
		return y
	case Decade:
		return floorDiv(y, 10)
	}
	n := u.years()
	if y >= 1 {
		return y / n // period 0 is the years 1 to n-1
	}
	return -1 - (1-y)/n // BCE years 1 to n-1, n to 2n-1, …
}

// startYear is the first year of period i of a unit of Century or
// coarser.
func (u Unit) startYear(i int64) int64 {
	n := u.years()
	switch {
	case i > 0:
		return i * n
	case i == 0:
		return 1
	}
	return 2 + i*n // the BCE year -i*n - 1
}

// startDay is the first day of period i.
func (u Unit) startDay(i int64) int64 {
	switch u {
	case Day:
		return i
	case Week:
		return i*7 - 3
	case Month:
		return unixDays(floorDiv(i, 12), floorMod(i, 12)+1, 1)
	case Quarter:
		return unixDays(floorDiv(i, 4), floorMod(i, 4)*3+1, 1)
	case Year:
		return unixDays(i, 1, 1)
	case Decade:
		return unixDays(i*10, 1, 1)
	}
	return unixDays(u.startYear(i), 1, 1)
}

// dayTime is the instant day d starts.
func dayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

// Floor returns the start of the period that holds t (weeks start on
// Monday, decades on years ending in 0).
func (u Unit) Floor(t time.Time) time.Time {
	return dayTime(u.startDay(u.index(day(t.Unix(), false))))
}

// Next returns the start of the period after the one starting at start.
func (u Unit) Next(start time.Time) time.Time {
	return dayTime(u.startDay(u.index(day(start.Unix(), false)) + 1))
}

// periods returns the numbers of the first and the last period of u that
// [lo, hi) reaches into; last < first when it reaches into none.
func (u Unit) periods(lo, hi time.Time) (first, last int64) {
	first = u.index(day(lo.Unix(), false))
	end := day(hi.Unix(), true) // periods start on whole days
	if end <= u.startDay(first) {
		return first, first - 1
	}
	return first, u.index(end - 1)
}

// Count returns how many periods of u the span [lo, hi) reaches into:
// the bars of its chart.
func (u Unit) Count(lo, hi time.Time) int64 {
	first, last := u.periods(lo, hi)
	return last - first + 1
}

// Label names the period starting at start in English: 2017-04-03,
// 2017-W14, 2017-04, 2017-Q2, 2017, 2010s, 44 BCE (and its periods 44
// BCE-03-15, 44 BCE-W11, 44 BCE-03, 44 BCE-Q1); above decades the
// years it covers, 1900–1999 or 199–100 BCE. There being no year 0, the
// periods on either side of the start of the era are a year short: 1–99
// and 99–1 BCE. In deep time (edtf.DeepYears) a period names its years as
// edtf writes them: a day, week, month or quarter its year, "13.8 billion
// years ago", with no month or day worth showing (as edtf.FormatTime); a
// span of years whose ends read the same once rounded, those words once
// ("66 million years ago", not "66–66 million years ago"). A Result's
// last period may read shorter: see Result.End.
func (u Unit) Label(start time.Time) string { return u.LabelIn(start, "en") }

// LabelIn is Label in the language lang (of edtf.Languages): years before
// 1 CE as edtf.FormatYear writes them ("44 до н. э.", "66 million years
// ago"), spans of years as edtf.FormatYears ("66–65 million years ago").
func (u Unit) LabelIn(start time.Time, lang string) string {
	if u > Decade {
		i := u.index(day(start.Unix(), false))
		return yearsLabel(u.startYear(i), u.startYear(i+1)-1, lang)
	}
	y := start.Year()
	if y <= 0 && u >= Year {
		if u == Decade {
			// Earliest first, as time runs: "3001–2992 BCE", "1 BCE–9".
			return yearsLabel(int64(y), int64(y+9), lang)
		}
		return edtf.FormatYear(int64(y), lang)
	}
	if 1-int64(y) >= edtf.DeepYears {
		return edtf.FormatYear(int64(y), lang)
	}
	// Before 1 CE, the year as written, then the period in the year as
	// after 1 CE: 44 BCE-03-15, 44 BCE-W11, 44 BCE-03, 44 BCE-Q1.
	year := start.Format("2006")
	if y <= 0 {
		year = edtf.FormatYear(int64(y), lang)
	}
	switch u {
	case Day:
		return year + start.Format("-01-02")
	case Week:
		wy, w := start.ISOWeek()
		if wy <= 0 {
			return fmt.Sprintf("%s-W%02d", edtf.FormatYear(int64(wy), lang), w)
		}
		return fmt.Sprintf("%d-W%02d", wy, w)
	case Month:
		return year + start.Format("-01")
	case Quarter:
		if y > 0 {
			year = strconv.Itoa(y)
		}
		return fmt.Sprintf("%s-Q%d", year, (int(start.Month())-1)/3+1)
	case Year:
		return strconv.Itoa(y)
	}
	return strconv.Itoa(y) + "s"
}

// yearsLabel writes the years a to b as edtf.FormatYears does, or as the
// one year b when the two read the same (deep years, rounded).
func yearsLabel(a, b int64, lang string) string {
	if last := edtf.FormatYear(b, lang); edtf.FormatYear(a, lang) == last {
		return last
	}
	return edtf.FormatYears(a, b, lang)
}

// labelUpTo is LabelIn of the period of u starting at start, cut at the
// end of a span that ends at end (exclusive): a period coarser than a
// decade that runs past the span into years edtf.DeepYears or more after
// 1 CE, which no dataset reaches ("1–999999999" for a billion years), is
// labelled up to the span's last year instead ("1–2020").
func (u Unit) labelUpTo(start, end time.Time, lang string) string {
	if u > Decade && !end.IsZero() {
		i := u.index(day(start.Unix(), false))
		last := u.startYear(i+1) - 1
		if endYear, _, _ := civil(day(end.Unix(), true) - 1); last >= edtf.DeepYears && endYear < last {
			return yearsLabel(u.startYear(i), max(endYear, u.startYear(i)), lang)
		}
	}
	return u.LabelIn(start, lang)
}

// Relabel names r's periods in the language lang, as LabelIn does (Bin
// names them in English).
func (r *Result) Relabel(lang string) {
	for i, s := range r.Starts {
		r.Labels[i] = r.label(i, s, lang)
	}
}

// label names period i of r, starting at s: the last as labelUpTo cuts it
// at the end of r's span.
func (r *Result) label(i int, s time.Time, lang string) string {
	if i == len(r.Starts)-1 {
		return r.Unit.labelUpTo(s, r.End, lang)
	}
	return r.Unit.LabelIn(s, lang)
}

// AutoUnit chooses the finest unit that splits [lo, hi) into at most max
// periods, and whose periods can be told apart (see Unit.Readable), or
// else Coarsest: the rule of the page's panel (periods.js), which draws a
// zoomed window, from a day to a billion years.
func AutoUnit(lo, hi time.Time, max int) Unit {
	for u := Day; u < Coarsest; u++ {
		if u.Count(lo, hi) <= int64(max) && u.Readable(lo) {
			return u
		}
	}
	return Coarsest
}

// Readable reports whether the period of u that holds t and the one after
// it have different labels. In deep time they may not: a month, a year or
// a century 13.8 billion years ago all read "13.8 billion years ago",
// edtf's deep years having three significant digits, and the automatic
// units skip a unit whose bars would all read the same.
func (u Unit) Readable(t time.Time) bool {
	f := u.Floor(t)
	return u.Label(f) != u.Label(u.Next(f))
}

// MinAutoPeriods is the most periods AutoUnitFor allows however few the
// events: a dozen bars, such as the months of a year.
const MinAutoPeriods = 12

// PeriodsPerEvent is the most periods an event AutoUnitFor allows.
const PeriodsPerEvent = 2

// EventPeriodLimit is the most periods AutoUnitFor splits a chart of
// events into, given most: at most PeriodsPerEvent an event, never fewer
// than MinAutoPeriods, never more than most or MaxPeriods. The page's
// panel applies the same limit to the events of its window.
func EventPeriodLimit(events, most int) int64 {
	return min(int64(most), MaxPeriods, PeriodsPerEvent*max(int64(events), MinAutoPeriods/PeriodsPerEvent))
}

// AutoUnitFor chooses the unit a person would for a chart of events
// events over [lo, hi): the finest, of all units, that splits the span
// into at most most periods and at most two periods an event (or a dozen,
// for a few events), so that 20 events over 22 years are counted by year,
// not by quarter, and a million years by 10,000 years, not in thousands of
// decades; and whose periods can be told apart (Unit.Readable), so that a
// year 13.8 billion years ago is one bar of a hundred million years, not
// twelve months that all read "13.8 billion years ago".
func AutoUnitFor(lo, hi time.Time, events, most int) Unit {
	limit := EventPeriodLimit(events, most)
	for u := Day; u < Coarsest; u++ {
		if u.Count(lo, hi) <= limit && u.Readable(lo) {
			return u
		}
	}
	return Coarsest
}

// CoarserFor returns the finest unit coarser than u that splits [lo, hi)
// into at most MaxPeriods periods, for a message that suggests one.
func CoarserFor(u Unit, lo, hi time.Time) Unit {
	for c := u + 1; c < Coarsest; c++ {
		if c.Count(lo, hi) <= MaxPeriods {
			return c
		}
	}
	return Coarsest
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// unixDays returns the days from 1970-01-01 to the given proleptic
// Gregorian date (astronomical year), in any year int64 days can hold.
func unixDays(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil is the inverse of unixDays.
func civil(days int64) (y, m, d int64) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}
