package timeline

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"timeline/timeline/edtf"
)

// Stats summarises a dataset. Build one with Summarize or with Add, row by
// row.
type Stats struct {
	Rows        int // data rows read, including ones with errors
	Events      int // rows without errors that are events
	Eras        int // rows without errors that are eras
	Errors      int
	Warnings    int
	Uncertain   int
	Approximate int
	Ongoing     int
	Relative    int       // events whose start is relative to another event
	MultiYear   int       // events whose span covers more than one calendar year
	First, Last time.Time // earliest lower bound, latest upper bound (exclusive)

	categories counter
	actors     counter
	years      map[int]int
	// precisions counts events by the precision of their dates, and
	// relative the events whose start is relative: by index rather than by
	// name, which a row would cost a map lookup.
	precisions [edtf.PrecisionInterval + 1]int
}

// counter counts keys; a pointer to each count costs one map lookup a key
// already met rather than two.
type counter map[string]*int

// Count is one line of a breakdown.
type Count struct {
	Key   string
	Count int
}

// Summarize reads r as a stream and returns its statistics.
func Summarize(r io.Reader, name string, report func(Diagnostic)) (*Stats, error) {
	s := NewScanner(r, name)
	s.Report = report
	st := &Stats{}
	err := s.Scan(st.Add)
	if err != io.EOF {
		return nil, err
	}
	c := s.Counts()
	st.Rows, st.Errors, st.Warnings = s.Rows(), c.Errors, c.Warnings
	return st, nil
}

// Add counts one row; rows with errors are left out of the breakdowns.
func (st *Stats) Add(row *Row) {
	if st.categories == nil {
		st.categories = counter{}
		st.actors = counter{}
		st.years = map[int]int{}
	}
	if row.Errors > 0 || row.Start.IsZero() {
		return
	}
	if row.Get(ColKind) == KindEra {
		st.Eras++
		return
	}
	st.Events++
	st.categories.inc(row.Get(ColCategory))
	for actors := row.Get(ColActors); actors != ""; {
		a, rest, _ := strings.Cut(actors, ";")
		if a = strings.TrimSpace(a); a != "" {
			st.actors.inc(a)
		}
		actors = rest
	}
	start, end := row.Start, row.End
	lo, hi := Span(start, end)
	// The first event sets both ends: the zero time is 1 January 1 CE, a
	// date like any other, so it cannot stand for "none yet".
	if st.Events == 1 || lo.Before(st.First) {
		st.First = lo
	}
	if st.Events == 1 || hi.After(st.Last) {
		st.Last = hi
	}
	// hi is exclusive: the span ends in the year of the instant before it.
	if y := lo.Year(); hi.Add(-time.Nanosecond).Year() == y && !start.LowerOpen() {
		st.years[y]++
	} else {
		st.MultiYear++
	}
	p := start.Precision()
	if !end.IsZero() {
		p = edtf.PrecisionInterval
	}
	if edtf.IsRelative(row.Get(ColStart)) {
		st.Relative++
	} else {
		st.precisions[p]++
	}
	if start.Uncertain() || end.Uncertain() {
		st.Uncertain++
	}
	if start.Approximate() || end.Approximate() {
		st.Approximate++
	}
	if start.Ongoing() || end.Ongoing() {
		st.Ongoing++
	}
}

// inc counts key, copying it only when it is new so that the map does not
// keep whole CSV records alive.
func (c counter) inc(key string) {
	if key == "" {
		key = "(none)"
	}
	if n := c[key]; n != nil {
		*n++
		return
	}
	n := 1
	c[strings.Clone(key)] = &n
}

// sorted returns the counts, most first.
func (c counter) sorted() []Count {
	out := make([]Count, 0, len(c))
	for k, v := range c {
		out = append(out, Count{k, *v})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// Categories returns the events per category, most first.
func (st *Stats) Categories() []Count { return st.categories.sorted() }

// Actors returns the events per actor, most first.
func (st *Stats) Actors() []Count { return st.actors.sorted() }

// Precisions returns the events per date precision, most first.
func (st *Stats) Precisions() []Count {
	c := counter{}
	for p, n := range st.precisions {
		if n > 0 {
			c[edtf.Precision(p).String()] = &n
		}
	}
	if st.Relative > 0 {
		c["relative"] = &st.Relative
	}
	return c.sorted()
}

// Years returns the events per calendar year, in year order. Events that span
// more than one year are counted in MultiYear instead.
func (st *Stats) Years() []Count {
	ys := make([]int, 0, len(st.years))
	for y := range st.years {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	out := make([]Count, len(ys))
	for i, y := range ys {
		out[i] = Count{strconv.Itoa(y), st.years[y]}
	}
	return out
}
