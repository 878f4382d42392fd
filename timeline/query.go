package timeline

import (
	"io"
	"strings"
	"time"
)

// Filter selects events. The zero Filter selects every event.
type Filter struct {
	// From and To bound the time range: an event matches when the span it
	// covers overlaps [From, To). Zero times leave the range open.
	From, To time.Time
	// Categories, Actors and Tags match case-insensitively; an event matches
	// a list when it has any of its values.
	Categories []string
	Actors     []string
	Tags       []string
	// Text matches, case-insensitively, the title, description, actors, tags,
	// category and location.
	Text string
}

// Match reports whether the event passes the filter.
func (f *Filter) Match(e *Event) bool {
	if !f.From.IsZero() && !e.EndDate.IsZero() && !e.EndDate.Ongoing() && !e.EndDate.Upper().After(f.From) {
		return false
	}
	if !f.From.IsZero() && e.EndDate.IsZero() && !e.StartDate.Ongoing() && !e.StartDate.Upper().After(f.From) {
		return false
	}
	if !f.To.IsZero() && !e.StartDate.Lower().Before(f.To) {
		return false
	}
	if len(f.Categories) > 0 && !anyFold(f.Categories, []string{e.Category}) {
		return false
	}
	if len(f.Actors) > 0 && !anyFold(f.Actors, e.Actors) {
		return false
	}
	if len(f.Tags) > 0 && !anyFold(f.Tags, e.Tags) {
		return false
	}
	if f.Text != "" && !e.contains(f.Text) {
		return false
	}
	return true
}

func anyFold(want, have []string) bool {
	for _, w := range want {
		for _, h := range have {
			if strings.EqualFold(w, h) {
				return true
			}
		}
	}
	return false
}

func (e *Event) contains(text string) bool {
	fields := []string{e.Title, e.Description, e.Category, e.Location, e.Country}
	fields = append(fields, e.Actors...)
	fields = append(fields, e.Tags...)
	for _, f := range fields {
		if containsFold(f, text) {
			return true
		}
	}
	return false
}

// containsFold is strings.Contains ignoring case.
func containsFold(s, sub string) bool {
	if len(sub) == 0 {
		return true
	}
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// Each streams the events of r that pass f and have no errors, in the order
// the Scanner delivers them (file order, held-back relative rows last). It
// calls header, when not nil, once the header is read, and returns the
// diagnostics counts and how many rows it left out for errors.
func Each(r io.Reader, name string, f *Filter, report func(Diagnostic), emit func(*Event) error, header func(*Header)) (Counts, int, error) {
	s := NewScanner(r, name)
	s.Report = report
	h, err := s.ReadHeader()
	if err != nil {
		return s.Counts(), 0, err
	}
	if header != nil {
		header(h)
	}
	skipped := 0
	var emitErr error
	err = s.Scan(func(row *Row) {
		if emitErr != nil {
			return
		}
		if row.Errors > 0 || row.Start.IsZero() {
			skipped++
			return
		}
		e := row.Event()
		if f.Match(&e) {
			emitErr = emit(&e)
		}
	})
	if emitErr != nil {
		return s.Counts(), skipped, emitErr
	}
	if err != io.EOF {
		return s.Counts(), skipped, err
	}
	return s.Counts(), skipped, nil
}

// InOrder reports whether the events of r that pass f come in date order
// already, so that a second pass can stream them without sorting.
func InOrder(r io.Reader, name string, f *Filter) (bool, error) {
	var prev Event
	have, sorted := false, true
	_, _, err := Each(r, name, f, nil, func(e *Event) error {
		if have && Compare(&prev, e) > 0 {
			sorted = false
			return errStop
		}
		prev, have = *e, true
		return nil
	}, nil)
	if err == errStop {
		err = nil
	}
	return sorted, err
}

type stopError struct{}

func (stopError) Error() string { return "stop" }

var errStop error = stopError{}
