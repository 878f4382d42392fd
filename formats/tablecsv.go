package formats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"timeline/timeline"
	"timeline/timeline/textdate"
)

// TableCSV reads any table with a header line: each dataset column is
// filled from the source column --map names (start=event_date), or else
// from the column of the same name or a usual other name (date, name,
// headline, …); every other source column is kept as an extra column.
type TableCSV struct{}

// Name returns "csv".
func (TableCSV) Name() string { return "csv" }

func (TableCSV) fallback() {}

// Detect recognises a delimited text file whose header names a date and a
// title column without any --map.
func (TableCSV) Detect(name string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt", ".tab":
	default:
		return false
	}
	hdr := firstCSVRecord(head, sniffDelimiter(head))
	m := autoMap(hdr, nil)
	_, hasStart := m["start"]
	_, hasTitle := m["title"]
	return hasStart && hasTitle
}

// sniffDelimiter picks the separator of a header line: the one of , ; tab
// and | that occurs most often outside quotes (a comma on a tie).
func sniffDelimiter(head []byte) rune {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	counts := map[rune]int{}
	inQuote := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == ',' || c == ';' || c == '\t' || c == '|'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t', '|'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// autoMap maps dataset columns to the source columns of hdr: those given
// in explicit (a source column, or several joined by commas for the list
// columns), then those of the same name, then the aliases.
func autoMap(hdr []string, explicit map[string]string) map[string][]int {
	find := func(name string) int {
		for i, h := range hdr {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		return -1
	}
	out := map[string][]int{}
	used := map[int]bool{}
	for col, src := range explicit {
		for _, s := range strings.Split(src, ",") {
			if i := find(strings.TrimSpace(s)); i >= 0 {
				out[col] = append(out[col], i)
				used[i] = true
			}
		}
	}
	for _, col := range timeline.Columns() {
		if _, ok := explicit[col]; ok {
			continue
		}
		for _, n := range append([]string{col}, propertyAliases[col]...) {
			if i := find(n); i >= 0 && !used[i] {
				out[col] = []int{i}
				used[i] = true
				break
			}
		}
	}
	for _, pair := range [][2]string{{"latitude", "lat"}, {"longitude", "lon"}, {"longitude", "lng"}, {"longitude", "long"}} {
		if _, ok := out[pair[0]]; !ok {
			if i := find(pair[1]); i >= 0 && !used[i] {
				out[pair[0]] = []int{i}
				used[i] = true
			}
		}
	}
	return out
}

// Import reads the table.
func (TableCSV) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	for col := range opt.Map {
		if _, ok := timeline.ColumnByName(col); !ok {
			return fmt.Errorf("--map %s=…: %q is not a dataset column (want one of %s)", col, col, strings.Join(timeline.Columns(), ", "))
		}
	}
	r, err := timeline.DecodeReader(r, opt.Encoding)
	if err != nil {
		return err
	}
	br := bomSkipper(r)
	comma := opt.Delimiter
	if comma == 0 {
		head, _ := br.(interface{ Peek(int) ([]byte, error) }).Peek(64 << 10)
		comma = sniffDelimiter(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	hdr, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("empty file: want a header line naming the columns")
		}
		return err
	}
	for i := range hdr {
		hdr[i] = strings.TrimSpace(hdr[i])
	}
	m := autoMap(hdr, opt.Map)
	for col, src := range opt.Map {
		if len(m[col]) == 0 {
			return fmt.Errorf("--map %s=%s: no column %q in the header (%s)", col, src, src, strings.Join(hdr, ", "))
		}
	}
	for _, need := range []string{"start", "title"} {
		if len(m[need]) == 0 {
			return fmt.Errorf("no column for %s: name it with --map %s=COLUMN (the header has %s)", need, need, strings.Join(hdr, ", "))
		}
	}
	mapped := map[int]bool{}
	for _, idx := range m {
		for _, i := range idx {
			mapped[i] = true
		}
	}
	// The other columns are kept, under their own names; one that bears a
	// dataset column's name without filling it gets a prefix.
	extraIdx := []int{}
	extraName := []string{}
	taken := map[string]bool{}
	for i, h := range hdr {
		if mapped[i] || h == "" {
			continue
		}
		n := h
		if _, canonical := timeline.ColumnByName(strings.ToLower(n)); canonical {
			n = "source_" + strings.ToLower(n)
		}
		for base, k := n, 2; taken[n]; k++ {
			n = fmt.Sprintf("%s_%d", base, k)
		}
		taken[n] = true
		extraIdx, extraName = append(extraIdx, i), append(extraName, n)
	}
	layout := goLayout(opt.DateFormat)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
					return fmt.Errorf("%d:%d: %v", pe.Line, pe.Column, pe.Err)
				}
				sink.Skip(Skip{Line: pe.StartLine, Reason: pe.Err.Error()})
				continue
			}
			return err
		}
		line, _ := cr.FieldPos(0)
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		bad := false
		for i, c := range rec {
			if !utf8.ValidString(c) {
				_, col := cr.FieldPos(i)
				return fmt.Errorf("%d:%d: not UTF-8 text: give its encoding with --encoding (windows-1252 is common)", line, col)
			}
		}
		cells := map[string]string{}
		for col, idx := range m {
			var parts []string
			for _, i := range idx {
				if i < len(rec) {
					if v := strings.TrimSpace(rec[i]); v != "" {
						parts = append(parts, v)
					}
				}
			}
			if c, _ := timeline.ColumnByName(col); c == timeline.ColActors || c == timeline.ColSources || c == timeline.ColTags {
				cells[col] = timeline.JoinList(parts)
			} else {
				cells[col] = strings.Join(parts, " ")
			}
		}
		for _, col := range []string{"start", "end"} {
			v, err := tableDate(cells[col], layout)
			if err != nil {
				sink.Skip(Skip{Line: line, Reason: col + ": " + err.Error()})
				bad = true
				break
			}
			cells[col] = v
		}
		if bad {
			continue
		}
		if cells["start"] == "" {
			sink.Skip(Skip{Line: line, Reason: "start: no date"})
			continue
		}
		if cells["title"] == "" {
			cells["title"] = titleFrom(cells)
			sink.Warn(line, "no title: it is made from the description or the date")
		}
		for k, i := range extraIdx {
			if i < len(rec) {
				cells[extraName[k]] = rec[i]
			}
		}
		out := &Record{Line: line, Cells: cells, Extra: slices.Clone(extraName)}
		if id := cells["id"]; id != "" {
			out.SourceID = id
			if !validSlug(id) {
				delete(cells, "id")
			}
		}
		if err := sink.Record(out); err != nil {
			return err
		}
	}
}

// tableDate reads a date cell: with the given layout, or else as EDTF, an
// ISO 8601 date-time, or a date as people write it (3 April 2017).
func tableDate(s, layout string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == ".." {
		return s, nil
	}
	if layout != "" {
		t, err := time.Parse(layout, s)
		if err != nil {
			return "", fmt.Errorf("%q does not match --date-format %s", s, layout)
		}
		y := formatYear(int64(t.Year()))
		switch {
		case layoutShows(layout, 0, 0, 0, 0, 1):
			return formatDay(t) + t.Format("T15:04:05"), nil
		case layoutShows(layout, 0, 0, 0, 1, 0):
			return formatDay(t) + t.Format("T15:04"), nil
		case layoutShows(layout, 0, 0, 1, 0, 0):
			return formatDay(t), nil
		case layoutShows(layout, 0, 1, 0, 0, 0):
			return y + fmt.Sprintf("-%02d", t.Month()), nil
		}
		return y, nil
	}
	if v, err := looseDate(s, ""); err == nil {
		return v, nil
	}
	d, err := textdate.ParseHuman(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a date timeline reads (EDTF, ISO 8601, 3 April 2017): give its layout with --date-format", s)
	}
	return d.String(), nil
}

// goLayout turns a strftime layout (%d/%m/%Y) into Go's; a Go layout is
// returned as it is.
func goLayout(f string) string {
	if !strings.Contains(f, "%") {
		return f
	}
	return strftime.Replace(f)
}

var strftime = strings.NewReplacer(
	"%Y", "2006", "%y", "06", "%m", "01", "%d", "02", "%e", "_2", "%H", "15", "%M", "04", "%S", "05",
	"%b", "Jan", "%B", "January", "%h", "Jan", "%a", "Mon", "%A", "Monday", "%p", "PM", "%%", "%",
	"%F", "2006-01-02", "%T", "15:04:05",
)

// layoutShows reports whether layout writes the field that the offsets
// change: two instants that differ only there format differently.
func layoutShows(layout string, years, months, days, minutes, seconds int) bool {
	t := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	u := t.AddDate(years, months, days).Add(time.Duration(minutes)*time.Minute + time.Duration(seconds)*time.Second)
	return t.Format(layout) != u.Format(layout)
}
