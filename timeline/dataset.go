package timeline

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"time"

	"timeline/timeline/edtf"
)

// Dataset is a whole events table in memory, with its package description.
type Dataset struct {
	// Package describes the dataset; nil for a bare CSV file.
	Package *Package
	// Extra names the columns that are not canonical, in their original order.
	Extra []string
	// Events are the rows, in file order until Sort is called.
	Events []Event
}

// Read reads a whole events table. Every problem is passed to report (which
// may be nil) and counted in the returned Counts; rows with errors are kept,
// so that a caller can decide. The error is non-nil for I/O errors and for
// input without a usable header.
func Read(r io.Reader, name string, report func(Diagnostic)) (*Dataset, Counts, error) {
	s := NewScanner(r, name)
	s.Report = report
	h, err := s.ReadHeader()
	if err != nil {
		return nil, s.Counts(), err
	}
	ds := &Dataset{Extra: h.Extra()}
	err = s.Scan(func(row *Row) { ds.Events = append(ds.Events, row.Event()) })
	if err != io.EOF {
		return nil, s.Counts(), err
	}
	return ds, s.Counts(), nil
}

// Key is what events are sorted by: their dates, then their id.
type Key struct {
	Start, End edtf.Date
	ID         string
}

// Key returns the event's sort key.
func (e *Event) Key() Key { return Key{e.StartDate, e.EndDate, e.ID} }

// CompareKeys orders keys by start date (lower bound, then upper bound),
// then end date, then id.
func CompareKeys(a, b Key) int {
	if c := edtf.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := edtf.Compare(a.End, b.End); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Compare orders events by their keys.
func Compare(a, b *Event) int { return CompareKeys(a.Key(), b.Key()) }

// Span returns the first instant an event with these dates could cover and
// the first instant after it: the start's bounds, extended to the end's
// upper bound when there is an end.
func Span(start, end edtf.Date) (time.Time, time.Time) {
	lo, hi := start.Lower(), start.Upper()
	if !end.IsZero() {
		hi = end.Upper()
	}
	return lo, hi
}

// Sort puts the events in date order; events that compare equal keep their
// order.
func (ds *Dataset) Sort() {
	slices.SortStableFunc(ds.Events, func(a, b Event) int { return Compare(&a, &b) })
}

// FillIDs gives every event without an id one made from its title, unique in
// the dataset, and returns how many it filled.
func (ds *Dataset) FillIDs() int {
	taken := make(map[string]bool, len(ds.Events))
	for _, e := range ds.Events {
		if e.ID != "" {
			taken[e.ID] = true
		}
	}
	n := 0
	for i := range ds.Events {
		if ds.Events[i].ID == "" {
			ds.Events[i].ID = uniqueID(ds.Events[i].Title, taken)
			taken[ds.Events[i].ID] = true
			n++
		}
	}
	return n
}

// Header returns the column names the dataset is written with: the canonical
// columns, then the extra ones.
func (ds *Dataset) Header() []string {
	return append(Columns(), ds.Extra...)
}

// Write writes the events as canonical CSV: every canonical column in
// canonical order, then the extra columns, LF line endings, quotes only where
// needed and lists joined with ";".
//
// A package whose resource declares another dialect or encoding (see
// Package.Dialect) is written in that dialect, so that it reads back as it
// is described.
func (ds *Dataset) Write(w io.Writer) error {
	if ds.Package != nil {
		d, err := ds.Package.Dialect()
		if err != nil {
			return err
		}
		if !d.IsCanonical() {
			return ds.writeDialect(w, d)
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(ds.Header()); err != nil {
		return err
	}
	rec := make([]string, int(numColumns)+len(ds.Extra))
	for i := range ds.Events {
		e := &ds.Events[i]
		for c := Column(0); c < numColumns; c++ {
			rec[c] = e.Field(c)
		}
		for k := range ds.Extra {
			v := ""
			if k < len(e.Extra) {
				v = e.Extra[k]
			}
			rec[int(numColumns)+k] = v
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// writeDialect is Write in dialect d.
func (ds *Dataset) writeDialect(w io.Writer, d Dialect) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	dw, err := newDialectWriter(bw, d)
	if err != nil {
		return err
	}
	if err := dw.Write(ds.Header()); err != nil {
		return err
	}
	rec := make([]string, int(numColumns)+len(ds.Extra))
	for i := range ds.Events {
		e := &ds.Events[i]
		for c := Column(0); c < numColumns; c++ {
			rec[c] = e.Field(c)
		}
		for k := range ds.Extra {
			rec[int(numColumns)+k] = ""
			if k < len(e.Extra) {
				rec[int(numColumns)+k] = e.Extra[k]
			}
		}
		if err := dw.Write(rec); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
	}
	if err := dw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// Canonicalize rewrites every date in its canonical spelling; dates that do
// not parse are left as written. No other cell changes: numbers keep every
// digit they were written with.
func (ds *Dataset) Canonicalize() {
	for i := range ds.Events {
		e := &ds.Events[i]
		e.Start = canonicalDate(e.Start)
		e.End = canonicalDate(e.End)
	}
}

func canonicalDate(s string) string {
	if s == "" || s == ".." {
		return s
	}
	if edtf.IsRelative(s) {
		if r, err := edtf.ParseRelative(s); err == nil {
			return r.String()
		}
		return s
	}
	if d, err := edtf.Parse(s); err == nil {
		return d.String()
	}
	return s
}
