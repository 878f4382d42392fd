// Package agg aggregates events into periods for charts, honestly about
// imprecise dates: an event whose date is coarser than a period (a year-only
// event in a monthly chart, a range across several months) is never counted
// in the first period it touches. By default it is kept apart, spread evenly
// over the periods it covers, as its own series; it can instead be spread
// into its own series, or left out and counted.
package agg

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

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
	Lo, Hi int64
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
	days  []dayCounts        // per series, the items of a single day
	cells int                // cells in days, all series together
	at    []map[[2]int64]int // per series, the index in items of each span
	items []Item
}

// dayCounts counts the single-day items of one series, by day from lo:
// how many events, and their weight once one of them weighs other than 1
// (until then the weight is the count, and the counts alone, 4 bytes a
// day, stay in the processor's cache).
type dayCounts struct {
	lo int64
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
		t.at = append(t.at, make(map[[2]int64]int))
	}
	m := t.at[it.Series]
	k := [2]int64{it.Lo, it.Hi}
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
	i := it.Lo - d.lo
	if d.n == nil || i < 0 || i >= int64(len(d.n)) {
		lo, hi := it.Lo, it.Lo+1
		if d.n != nil {
			lo, hi = min(lo, d.lo), max(hi, d.lo+int64(len(d.n)))
		}
		// Grow to twice the span needed, at least a year, centred.
		size := max(2*(hi-lo), 366)
		if size > tallyCells || t.cells-len(d.n)+int(size) > tallyCells {
			return false
		}
		lo -= (size - (hi - lo)) / 2
		n := make([]int32, size)
		var w []float64
		if d.w != nil {
			w = make([]float64, size)
		}
		if d.n != nil {
			copy(n[d.lo-lo:], d.n)
			if w != nil {
				copy(w[d.lo-lo:], d.w)
			}
		}
		t.cells += int(size) - len(d.n)
		d.lo, d.n, d.w = lo, n, w
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
				lo := d.lo + int64(i)
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

// Cells returns how many cells the dense counts of single days hold, all
// series together: the memory a tally takes beyond its items.
func (t *Tally) Cells() int { return t.cells }

// day converts Unix seconds to days, rounding down or up.
func day(unix int64, up bool) int64 {
	d := unix / 86400
	if r := unix % 86400; r < 0 {
		d--
		if up {
			d++
		}
	} else if r > 0 && up {
		d++
	}
	return d
}

// Series is one line or stack of a chart.
type Series struct {
	Name      string
	Values    []float64
	Imprecise bool // the series of events not precise to a period
}

// Result is a binned aggregate.
type Result struct {
	Unit   Unit
	Starts []time.Time // start of each period, every period from the first to the last
	// End is the end of the span binned. A last period coarser than a
	// decade that runs past it into years edtf.DeepYears or more after
	// 1 CE is labelled up to its last year: "1–2020", not "1–999999999".
	End     time.Time
	Labels  []string
	Series  []Series
	Dropped int // events left out by Drop
	Coarse  int // events coarser than a period, whatever the mode
}

// ImpreciseName is the name of the series of imprecise events; %s is the
// unit.
const ImpreciseName = "date not precise to a %s"

// Bin aggregates items into periods of unit u, every period from the
// first an item reaches into to the last. names are the series' names,
// indexed by Item.Series. It takes time and memory in the number of items
// and of periods, which the caller bounds (see Unit.Count and
// MaxPeriods).
func Bin(items []Item, names []string, u Unit, mode Mode) Result {
	lo, hi := Span(items)
	return BinWithin(items, names, u, mode, lo, hi)
}

// BinWithin is Bin over the periods that [lo, hi) reaches into only: an
// item outside them adds to no value, and one across their edge adds the
// shares of the periods inside, but Coarse and Dropped count the items
// wherever they are.
func BinWithin(items []Item, names []string, u Unit, mode Mode, lo, hi time.Time) Result {
	r := Result{Unit: u, End: hi}
	if len(items) == 0 {
		r.Series = make([]Series, len(names))
		for i, n := range names {
			r.Series[i].Name = n
		}
		return r
	}
	first, last := u.periods(lo, hi)
	nb := int(max(0, last-first+1))
	r.Starts = make([]time.Time, nb)
	r.Labels = make([]string, nb)
	for i := range nb {
		r.Starts[i] = dayTime(u.startDay(first + int64(i)))
	}
	r.Relabel("en")
	r.Series = make([]Series, len(names), len(names)+1)
	for i, n := range names {
		r.Series[i] = Series{Name: n, Values: make([]float64, nb)}
	}
	var coarse []float64
	if mode == Show {
		coarse = make([]float64, nb)
	}
	for _, it := range items {
		a, b := u.index(it.Lo), u.index(it.Hi-1)
		if a == b {
			if a >= first && a <= last {
				r.Series[it.Series].Values[a-first] += it.Weight
			}
			continue
		}
		r.Coarse += int(it.N)
		if mode == Drop {
			r.Dropped += int(it.N)
			continue
		}
		share := it.Weight / float64(b-a+1)
		dst := coarse
		if mode == Spread {
			dst = r.Series[it.Series].Values
		}
		for p := max(a, first); p <= min(b, last); p++ {
			dst[p-first] += share
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
	return dayTime(lo), dayTime(hi)
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

// CalendarWindow returns what a calendar of the last years years with
// events draws, as BinWithin's window: from January 1 of the earliest of
// those years (1 CE or later; a calendar cannot draw earlier ones) to
// January 1 after the last. outside is how many days with events lie
// outside it. Items of more than a day count only with mode Spread, as
// Bin spreads them over their days; otherwise they are dropped. It takes
// time in the number of items, however far apart their days.
func CalendarWindow(items []Item, mode Mode, years int) (lo, hi time.Time, outside int64) {
	var spans [][2]int64
	for _, it := range items {
		if it.Hi-it.Lo == 1 || mode == Spread {
			spans = append(spans, [2]int64{it.Lo, it.Hi})
		}
	}
	slices.SortFunc(spans, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	// The days with events, as disjoint runs in order.
	var runs [][2]int64
	for _, s := range spans {
		if n := len(runs); n > 0 && s[0] <= runs[n-1][1] {
			runs[n-1][1] = max(runs[n-1][1], s[1])
			continue
		}
		runs = append(runs, s)
	}
	// The last years with events, from the last run back.
	var first, last int64
	found := 0
	for k := len(runs) - 1; k >= 0 && found < years; k-- {
		top, _, _ := civil(runs[k][1] - 1)
		bottom, _, _ := civil(runs[k][0])
		if found > 0 && top == first {
			top-- // already counted, from the run after this one
		}
		for y := top; y >= max(bottom, 1) && found < years; y-- {
			if found == 0 {
				last = y
			}
			first = y
			found++
		}
		if bottom < 1 {
			break
		}
	}
	if found == 0 {
		lo, hi = dayTime(0), dayTime(0)
	} else {
		lo, hi = dayTime(unixDays(first, 1, 1)), dayTime(unixDays(last+1, 1, 1))
	}
	a, b := day(lo.Unix(), false), day(hi.Unix(), false)
	for _, r := range runs {
		outside += r[1] - r[0] - max(0, min(r[1], b)-max(r[0], a))
	}
	return lo, hi, outside
}
