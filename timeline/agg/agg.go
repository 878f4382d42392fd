// Package agg aggregates events into periods for charts, honestly about
// imprecise dates: an event whose date is coarser than a period (a year-only
// event in a monthly chart, a range across several months) is never counted
// in the first period it touches. By default it is kept apart, spread evenly
// over the periods it covers, as its own series; it can instead be spread
// into its own series, or left out and counted.
package agg

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// Unit is the length of a period.
type Unit int

// The units, from finest to coarsest.
const (
	Day Unit = iota
	Week
	Month
	Quarter
	Year
	Decade
)

var unitNames = [...]string{"day", "week", "month", "quarter", "year", "decade"}

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
	return 0, false, fmt.Errorf("unknown period %q: want day, week, month, quarter, year, decade or auto", s)
}

// Floor returns the start of the period that holds t (weeks start on
// Monday, decades on years ending in 0).
func (u Unit) Floor(t time.Time) time.Time {
	y, m, d := t.Date()
	switch u {
	case Day:
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case Week:
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		back := (int(day.Weekday()) + 6) % 7
		return day.AddDate(0, 0, -back)
	case Month:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC)
	case Year:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y-((y%10)+10)%10, 1, 1, 0, 0, 0, 0, time.UTC)
}

// Next returns the start of the period after the one starting at start.
func (u Unit) Next(start time.Time) time.Time {
	switch u {
	case Day:
		return start.AddDate(0, 0, 1)
	case Week:
		return start.AddDate(0, 0, 7)
	case Month:
		return start.AddDate(0, 1, 0)
	case Quarter:
		return start.AddDate(0, 3, 0)
	case Year:
		return start.AddDate(1, 0, 0)
	}
	return start.AddDate(10, 0, 0)
}

// yearLabel writes an astronomical year as people read it: 0 is 1 BCE.
func yearLabel(y int) string {
	if y <= 0 {
		return strconv.Itoa(1-y) + " BCE"
	}
	return strconv.Itoa(y)
}

// Label names the period starting at start: 2017-04-03, 2017-W14,
// 2017-04, 2017-Q2, 2017, 2010s, 44 BCE.
func (u Unit) Label(start time.Time) string {
	y := start.Year()
	if y <= 0 && u >= Year {
		if u == Decade {
			return yearLabel(y+9) + "–" + yearLabel(y)
		}
		return yearLabel(y)
	}
	switch u {
	case Day:
		return start.Format("2006-01-02")
	case Week:
		wy, w := start.ISOWeek()
		return fmt.Sprintf("%d-W%02d", wy, w)
	case Month:
		return start.Format("2006-01")
	case Quarter:
		return fmt.Sprintf("%d-Q%d", y, (int(start.Month())-1)/3+1)
	case Year:
		return strconv.Itoa(y)
	}
	return strconv.Itoa(y) + "s"
}

// AutoUnit chooses the finest unit that splits [lo, hi) into at most
// max periods.
func AutoUnit(lo, hi time.Time, max int) Unit {
	for u := Day; u < Decade; u++ {
		n := 0
		for t := u.Floor(lo); t.Before(hi); t = u.Next(t) {
			if n++; n > max {
				break
			}
		}
		if n <= max {
			return u
		}
	}
	return Decade
}

// Mode says what to do with an event whose date is coarser than a period.
type Mode int

// The modes.
const (
	Show   Mode = iota // spread over the periods it covers, as a series of its own
	Spread             // spread over the periods it covers, in its own series
	Drop               // left out, and counted
)

// ParseMode reads show, spread or drop.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "show", "":
		return Show, nil
	case "spread":
		return Spread, nil
	case "drop":
		return Drop, nil
	}
	return 0, fmt.Errorf("unknown --imprecise %q: want show, spread or drop", s)
}

// Item is one event to aggregate, or several with the same span and series
// (see Tally): the span its date covers, [Lo, Hi) in days since 1970-01-01
// (periods are whole days or longer), the series it belongs to, how many
// events it stands for and their weight (1 each to count events, or a value
// to sum).
type Item struct {
	Lo, Hi int32
	Series int32
	N      int32
	Weight float64
}

// NewItem makes an Item for one event from the bounds of its date: the days
// it touches.
func NewItem(lo, hi time.Time, series int, weight float64) Item {
	return Item{Lo: day(lo.Unix(), false), Hi: day(hi.Unix(), true), Series: int32(series), N: 1, Weight: weight}
}

// Tally collects items, adding up those with the same span and series, so
// that a chart of a million events keeps as many items as there are
// distinct spans (a few thousand days, say), not a million. Items of a
// single day, the most common, are counted in a dense array per series, as
// long as those arrays stay within tallyCells cells in all; other items, in
// a map per series.
type Tally struct {
	days  []dayCounts      // per series, the items of a single day
	cells int              // cells in days, all series together
	at    []map[uint64]int // per series, the index in items of each span
	items []Item
}

// dayCounts counts the single-day items of one series, by day from lo:
// how many events, and their weight once one of them weighs other than 1
// (until then the weight is the count, and the counts alone, 4 bytes a
// day, stay in the processor's cache).
type dayCounts struct {
	lo int32
	n  []int32
	w  []float64
}

// tallyCells bounds the dense counts: 2 million days in all series
// together, 24 MB.
const tallyCells = 2 << 20

// Add counts it in.
func (t *Tally) Add(it Item) {
	if it.Hi == it.Lo+1 && t.addDay(it) {
		return
	}
	for int(it.Series) >= len(t.at) {
		t.at = append(t.at, make(map[uint64]int))
	}
	m := t.at[it.Series]
	k := uint64(uint32(it.Lo))<<32 | uint64(uint32(it.Hi))
	if i, ok := m[k]; ok {
		t.items[i].N += it.N
		t.items[i].Weight += it.Weight
		return
	}
	m[k] = len(t.items)
	t.items = append(t.items, it)
}

// addDay counts a single-day item in its series' dense array, growing the
// array to cover its day; it reports false when that would take more cells
// than tallyCells.
func (t *Tally) addDay(it Item) bool {
	for int(it.Series) >= len(t.days) {
		t.days = append(t.days, dayCounts{})
	}
	d := &t.days[it.Series]
	i := int64(it.Lo) - int64(d.lo)
	if d.n == nil || i < 0 || i >= int64(len(d.n)) {
		lo, hi := int64(it.Lo), int64(it.Lo)+1
		if d.n != nil {
			lo, hi = min(lo, int64(d.lo)), max(hi, int64(d.lo)+int64(len(d.n)))
		}
		// Grow to twice the span needed, at least a year, centred.
		size := max(2*(hi-lo), 366)
		lo -= (size - (hi - lo)) / 2
		if lo < math.MinInt32 || lo+size > math.MaxInt32 || t.cells-len(d.n)+int(size) > tallyCells {
			return false
		}
		n := make([]int32, size)
		var w []float64
		if d.w != nil {
			w = make([]float64, size)
		}
		if d.n != nil {
			copy(n[int64(d.lo)-lo:], d.n)
			if w != nil {
				copy(w[int64(d.lo)-lo:], d.w)
			}
		}
		t.cells += int(size) - len(d.n)
		d.lo, d.n, d.w = int32(lo), n, w
		i = int64(it.Lo) - lo
	}
	if d.w == nil && it.Weight != float64(it.N) {
		d.w = make([]float64, len(d.n))
		for k, c := range d.n {
			d.w[k] = float64(c)
		}
	}
	d.n[i] += it.N
	if d.w != nil {
		d.w[i] += it.Weight
	}
	return true
}

// Items returns the items: those of a single day by series and day, then
// the others in the order they were first added.
func (t *Tally) Items() []Item {
	var out []Item
	for s, d := range t.days {
		for i, n := range d.n {
			if n > 0 {
				lo := d.lo + int32(i)
				w := float64(n)
				if d.w != nil {
					w = d.w[i]
				}
				out = append(out, Item{Lo: lo, Hi: lo + 1, Series: int32(s), N: n, Weight: w})
			}
		}
	}
	return append(out, t.items...)
}

// day converts Unix seconds to days, rounding down or up, clamped to the
// int32 range (about ±5.8 million years).
func day(unix int64, up bool) int32 {
	d := unix / 86400
	if r := unix % 86400; r < 0 {
		d--
		if up {
			d++
		}
	} else if r > 0 && up {
		d++
	}
	return int32(max(math.MinInt32, min(math.MaxInt32, d)))
}

// Series is one line or stack of a chart.
type Series struct {
	Name      string
	Values    []float64
	Imprecise bool // the series of events not precise to a period
}

// Result is a binned aggregate.
type Result struct {
	Unit    Unit
	Starts  []time.Time // start of each period, every period from the first to the last
	Labels  []string
	Series  []Series
	Dropped int // events left out by Drop
	Coarse  int // events coarser than a period, whatever the mode
}

// ImpreciseName is the name of the series of imprecise events; %s is the
// unit.
const ImpreciseName = "date not precise to a %s"

// Bin aggregates items into periods of unit u. names are the series' names,
// indexed by Item.Series.
func Bin(items []Item, names []string, u Unit, mode Mode) Result {
	r := Result{Unit: u}
	if len(items) == 0 {
		r.Series = make([]Series, len(names))
		for i, n := range names {
			r.Series[i].Name = n
		}
		return r
	}
	lo, hi := Span(items)
	for t := u.Floor(lo); t.Before(hi); t = u.Next(t) {
		r.Starts = append(r.Starts, t)
		r.Labels = append(r.Labels, u.Label(t))
	}
	nb := len(r.Starts)
	r.Series = make([]Series, len(names), len(names)+1)
	for i, n := range names {
		r.Series[i] = Series{Name: n, Values: make([]float64, nb)}
	}
	var coarse []float64
	if mode == Show {
		coarse = make([]float64, nb)
	}
	starts := make([]int32, nb)
	for i, t := range r.Starts {
		starts[i] = day(t.Unix(), false)
	}
	index := func(t int32) int {
		i, found := slices.BinarySearch(starts, t)
		if !found {
			i--
		}
		return i
	}
	for _, it := range items {
		first := index(it.Lo)
		last := index(it.Hi - 1)
		if first == last {
			r.Series[it.Series].Values[first] += it.Weight
			continue
		}
		r.Coarse += int(it.N)
		if mode == Drop {
			r.Dropped += int(it.N)
			continue
		}
		share := it.Weight / float64(last-first+1)
		dst := coarse
		if mode == Spread {
			dst = r.Series[it.Series].Values
		}
		for b := first; b <= last; b++ {
			dst[b] += share
		}
	}
	if mode == Show && r.Coarse > 0 {
		r.Series = append(r.Series, Series{Name: fmt.Sprintf(ImpreciseName, u), Values: coarse, Imprecise: true})
	}
	for i := range r.Series {
		for b, v := range r.Series[i].Values {
			r.Series[i].Values[b] = math.Round(v*1e6) / 1e6
		}
	}
	return r
}

// Span returns the earliest lower bound and the latest upper bound of items.
func Span(items []Item) (time.Time, time.Time) {
	if len(items) == 0 {
		return time.Time{}, time.Time{}
	}
	lo, hi := items[0].Lo, items[0].Hi
	for _, it := range items[1:] {
		lo, hi = min(lo, it.Lo), max(hi, it.Hi)
	}
	return time.Unix(int64(lo)*86400, 0).UTC(), time.Unix(int64(hi)*86400, 0).UTC()
}

// Cumulative turns each series of r into its running total.
func (r Result) Cumulative() Result {
	out := r
	out.Series = make([]Series, len(r.Series))
	for i, s := range r.Series {
		c := s
		c.Values = make([]float64, len(s.Values))
		sum := 0.0
		for b, v := range s.Values {
			sum += v
			c.Values[b] = math.Round(sum*1e6) / 1e6
		}
		out.Series[i] = c
	}
	return out
}
