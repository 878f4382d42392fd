package formats

// Helpers shared by the importers of conflict-event datasets (ACLED, UCDP
// GED, GDELT, GTD): reading a headed CSV with line numbers, building
// records, spelling a date that lies somewhere in a window of days.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"timeline/timeline"
)

// headedCSV reads a CSV table with a header row, one record at a time,
// with the line each record starts on.
type headedCSV struct {
	r      *csv.Reader
	header []string
	index  map[string]int
	line   int // of the header
}

// newHeadedCSV reads the header of r, skipping a UTF-8 byte-order mark.
func newHeadedCSV(r io.Reader, comma rune) (*headedCSV, error) {
	cr := csv.NewReader(withoutBOM(r))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	hdr, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty: no header")
		}
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	t := &headedCSV{r: cr, header: hdr, index: make(map[string]int, len(hdr)), line: 1}
	for i, h := range hdr {
		h = strings.TrimSpace(h)
		hdr[i] = h
		if _, dup := t.index[h]; !dup {
			t.index[h] = i
		}
	}
	return t, nil
}

// has reports whether the header names every one of cols.
func (t *headedCSV) has(cols ...string) []string {
	var missing []string
	for _, c := range cols {
		if _, ok := t.index[c]; !ok {
			missing = append(missing, c)
		}
	}
	return missing
}

// next returns the next record and the line it starts on. A record that
// cannot be read (a stray quote, a quote never closed, a count of cells
// other than the header's) goes to skip and reading goes on; io.EOF ends.
func (t *headedCSV) next(skip func(Skip)) ([]string, int, error) {
	for {
		rec, err := t.r.Read()
		if err == nil {
			line, _ := t.r.FieldPos(0)
			if len(rec) != len(t.header) {
				if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
					continue // a blank line with spaces
				}
				skip(Skip{Line: line, Reason: fmt.Sprintf("%d cells where the header has %d (a truncated or damaged row)", len(rec), len(t.header))})
				continue
			}
			return rec, line, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			skip(Skip{Line: pe.StartLine, Reason: "unreadable CSV: " + pe.Err.Error()})
			continue
		}
		return nil, 0, err
	}
}

// get returns the trimmed cell of the named column, or "".
func (t *headedCSV) get(rec []string, name string) string {
	if i, ok := t.index[name]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// extraColumns returns the header's columns that are not in mapped, in
// the header's order, each renamed by rename when it has an entry there
// (a source column named like a canonical one, such as GTD's numeric
// country code).
func extraColumns(header []string, mapped map[string]bool, rename map[string]string) (names, source []string) {
	for _, h := range header {
		if h == "" || mapped[h] {
			continue
		}
		name := h
		if r, ok := rename[h]; ok {
			name = r
		} else if _, canonical := timeline.ColumnByName(h); canonical {
			continue // mapped under its own name, or deliberately dropped
		}
		names = append(names, name)
		source = append(source, h)
	}
	return names, source
}

// newRecord returns an empty record at line with the source's id.
func newRecord(line int, sourceID string, extra []string) *Record {
	return &Record{Line: line, SourceID: sourceID, Cells: make(map[string]string, 16+len(extra)), Extra: extra}
}

// set stores v in the column unless it is empty.
func set(rec *Record, col, v string) {
	if v = strings.TrimSpace(v); v != "" {
		rec.Cells[col] = v
	}
}

// listOf splits s at sep, trims the items, drops empty ones and those in
// drop (compared case-insensitively), and joins them with ";", the
// dataset's separator. A ";" inside an item becomes ",", so that the item
// stays one.
func listOf(s, sep string, drop ...string) []string {
	var out []string
	for item := range strings.SplitSeq(s, sep) {
		item = strings.TrimSpace(strings.ReplaceAll(item, ";", ","))
		if item == "" || containsFold(drop, item) {
			continue
		}
		if !containsFold(out, item) {
			out = append(out, item)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// dayLayout is the spelling of a calendar day in EDTF.
const dayLayout = "2006-01-02"

// oneDayIn spells in EDTF the date of an event that happened on one day,
// not known which, between first and last (both days, inclusive):
//
//   - the same day: that day (2020-01-05);
//   - exactly a calendar month: the month with its day unspecified
//     (2020-01-XX, "some day in January 2020", of month precision);
//   - exactly a calendar year: 2020-XX-XX;
//   - any other window: the interval first/last (2020-01-01/2020-01-07).
//
// EDTF level 1, which the dataset's dates take, has no "one of these days"
// (level 2's [2020-01-01..2020-01-07]); the interval has the bounds of the
// window, which is what sorting, filtering, the charts' rule for imprecise
// dates and the timeline's bar use, and the importer keeps the source's
// precision code beside it so the difference stays known.
func oneDayIn(first, last time.Time) (string, error) {
	first, last = first.UTC(), last.UTC()
	switch {
	case last.Before(first):
		return "", fmt.Errorf("the window ends (%s) before it starts (%s)", last.Format(dayLayout), first.Format(dayLayout))
	case first.Equal(last):
		return first.Format(dayLayout), nil
	case first.Day() == 1 && last.AddDate(0, 0, 1).Day() == 1 && first.Year() == last.Year() && first.Month() == last.Month():
		return first.Format("2006-01") + "-XX", nil
	case first.YearDay() == 1 && last.Month() == 12 && last.Day() == 31 && first.Year() == last.Year():
		return first.Format("2006") + "-XX-XX", nil
	}
	return first.Format(dayLayout) + "/" + last.Format(dayLayout), nil
}

// parseDay reads a day written 2006-01-02, optionally followed by a time
// (UCDP's CSV writes "2009-02-20 00:00:00.000", its GeoJSON
// "2009-02-20T00:00:00"), which is ignored.
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10]
	}
	return time.Parse(dayLayout, s)
}

// sniffCSVHeader returns the cells of the first line of head split at
// comma, trimmed, with a byte-order mark skipped; nil when the line cannot
// be read as CSV.
func sniffCSVHeader(head []byte, comma rune) []string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(line))
	cr.Comma = comma
	cr.LazyQuotes = true
	rec, err := cr.Read()
	if err != nil {
		return nil
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec
}

// headerHas reports whether cells include every one of names.
func headerHas(cells []string, names ...string) bool {
	for _, n := range names {
		found := false
		for _, c := range cells {
			if c == n {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// withoutBOM returns r without a leading UTF-8 byte-order mark.
func withoutBOM(r io.Reader) *bufio.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}
