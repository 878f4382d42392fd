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

	categories map[string]int
	actors     map[string]int
	years      map[int]int
	precisions map[string]int
}

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
		st.categories = map[string]int{}
		st.actors = map[string]int{}
		st.years = map[int]int{}
		st.precisions = map[string]int{}
	}
	if row.Errors > 0 || row.Start.IsZero() {
		return
	}
	if row.Get(ColKind) == KindEra {
		st.Eras++
		return
	}
	st.Events++
	inc(st.categories, row.Get(ColCategory))
	for a := range strings.SplitSeq(row.Get(ColActors), ";") {
		if a = strings.TrimSpace(a); a != "" {
			inc(st.actors, a)
		}
	}
	start, end := row.Start, row.End
	lo, hi := Span(start, end)
	if st.First.IsZero() || lo.Before(st.First) {
		st.First = lo
	}
	if hi.After(st.Last) {
		st.Last = hi
	}
	if y := lo.Year(); hi.Sub(time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)) <= 0 && !start.LowerOpen() {
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
		st.precisions["relative"]++
	} else {
		st.precisions[p.String()]++
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
func inc(m map[string]int, key string) {
	if key == "" {
		key = "(none)"
	}
	if _, ok := m[key]; ok {
		m[key]++
		return
	}
	m[strings.Clone(key)] = 1
}

func sortedCounts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
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
func (st *Stats) Categories() []Count { return sortedCounts(st.categories) }

// Actors returns the events per actor, most first.
func (st *Stats) Actors() []Count { return sortedCounts(st.actors) }

// Precisions returns the events per date precision, most first.
func (st *Stats) Precisions() []Count { return sortedCounts(st.precisions) }

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
