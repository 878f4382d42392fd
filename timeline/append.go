package timeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
)

// ErrNotDataset is returned by AppendRow for a table without the columns an
// events table needs.
var ErrNotDataset = errors.New("not an events table: its header needs id, start and title")

// ErrIDTaken is returned by AppendRow for an id the table already has.
var ErrIDTaken = errors.New("id is already taken")

// Appended is what AppendRow did.
type Appended struct {
	Data    []byte       // the table with the new row
	ID      string       // the new row's id, given or made from its title
	Line    int          // the line the new row starts on
	Added   []string     // columns the table lacked, added at the end of the header
	Header  []string     // the header of Data
	Reports []Diagnostic // problems of the new row, in the context of the table
}

// AppendRow adds one row to data, the bytes of an events table, and
// returns the new bytes. values maps column names to cell text; a blank
// id is made from the title, unique in the table. Every byte of data is
// kept: the row is appended in the line ending the table uses (LF, CRLF or
// CR alone), and a column the table lacks is added to the header and as an
// empty cell at the end of every row, without rewriting any cell. columns
// orders the names of new extra columns (canonical ones come in canonical
// order). Problems of the new row are returned in Reports (checked with
// the whole table, so a duplicate id or an unknown relative id shows); a
// caller refuses the row if any is an error. data must parse as CSV
// without errors of its own where columns are added.
func AppendRow(data []byte, name string, values map[string]string, columns []string) (*Appended, error) {
	var existing []Diagnostic
	ds, _, err := Read(bytes.NewReader(data), name, func(d Diagnostic) { existing = append(existing, d) })
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the header; run 'timeline validate %s'", name, name)
	}
	s := NewScanner(bytes.NewReader(data), name)
	h, err := s.ReadHeader()
	if err != nil {
		return nil, err
	}
	if !h.Has(ColID) || !h.Has(ColStart) || !h.Has(ColTitle) {
		return nil, fmt.Errorf("%s: %w", name, ErrNotDataset)
	}
	a := &Appended{ID: values["id"]}
	taken := make(map[string]bool, len(ds.Events))
	for _, e := range ds.Events {
		taken[e.ID] = true
	}
	if a.ID == "" {
		a.ID = uniqueID(values["title"], taken)
	} else if taken[a.ID] {
		return nil, fmt.Errorf("%s: %w: %q", name, ErrIDTaken, a.ID)
	}
	header := slices.Clone(h.Names)
	for _, col := range append(Columns(), columns...) {
		v := values[col]
		if col == "id" {
			v = a.ID
		}
		if v != "" && !slices.Contains(header, col) && !slices.Contains(a.Added, col) {
			a.Added = append(a.Added, col)
		}
	}
	body := data
	if len(a.Added) > 0 {
		for _, d := range existing {
			if d.Code == CodeCSVSyntax || d.Code == CodeCSVFields {
				return nil, fmt.Errorf("%s: cannot add columns %v to a file with malformed rows (%v); fix the file first", name, a.Added, d)
			}
		}
		body = addColumns(data, a.Added)
		header = append(header, a.Added...)
	}
	rec := make([]string, len(header))
	for i, col := range header {
		rec[i] = values[col]
		if col == "id" {
			rec[i] = a.ID
		}
	}
	a.Data, a.Line = appendRecord(body, rec)
	a.Header = header
	check := NewScanner(bytes.NewReader(a.Data), name)
	check.Report = func(d Diagnostic) {
		if d.Line >= a.Line {
			a.Reports = append(a.Reports, d)
		}
	}
	if err := check.Scan(func(*Row) {}); err != io.EOF {
		return nil, err
	}
	return a, nil
}

// lineEnding returns the line ending data uses: that of its first line
// break, LF when it has none.
func lineEnding(data []byte) string {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0 || data[i] == '\n':
		return "\n"
	case i+1 < len(data) && data[i+1] == '\n':
		return "\r\n"
	case i+1 == len(data) && bytes.IndexByte(data, '\n') < 0:
		return "\r"
	case i+1 < len(data):
		return "\r"
	}
	return "\n"
}

// appendRecord returns data with rec appended as one CSV row in the line
// ending data uses, and the line number the row starts on.
func appendRecord(data []byte, rec []string) ([]byte, int) {
	eol := lineEnding(data)
	out := make([]byte, 0, len(data)+256)
	out = append(out, data...)
	if len(out) > 0 && out[len(out)-1] != '\n' && out[len(out)-1] != '\r' {
		out = append(out, eol...)
	} else if eol == "\r\n" && out[len(out)-1] == '\r' {
		out = append(out, '\n') // a CR left without its LF
	}
	line := 1 + bytes.Count(out, []byte(eol[len(eol)-1:]))
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = eol == "\r\n"
	w.Write(rec)
	w.Flush()
	row := b.Bytes()
	if eol == "\r" {
		// Lines, and line breaks inside cells, are CRs in such a file.
		row = bytes.ReplaceAll(row, []byte("\n"), []byte("\r"))
	}
	return append(out, row...), line
}

// addColumns adds the named columns to the header of data and an empty cell
// for each at the end of every other record, changing no other byte: a
// comma for each goes before the line ending of every record (a line break
// outside quotes). Empty lines, which hold no record, are left alone. data
// must be well-formed CSV, in which quotes pair up.
func addColumns(data []byte, names []string) []byte {
	eol := lineEnding(data)
	var head bytes.Buffer
	w := csv.NewWriter(&head)
	w.Write(names)
	w.Flush()
	cells := append([]byte{','}, bytes.TrimRight(head.Bytes(), "\r\n")...)
	if eol == "\r" {
		cells = bytes.ReplaceAll(cells, []byte("\n"), []byte("\r"))
	}
	empty := bytes.Repeat([]byte{','}, len(names))
	out := make([]byte, 0, len(data)+len(data)/8)
	quoted, first, lineStart := false, true, true
	start := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		out = append(out, data[:3]...)
		start = 3
	}
	for i := start; i < len(data); i++ {
		c := data[i]
		if c == '"' {
			quoted = !quoted
		}
		isEnd := !quoted && (c == '\n' || c == '\r' && (eol == "\r" || i+1 < len(data) && data[i+1] == '\n'))
		if isEnd && !lineStart {
			if first {
				out = append(out, cells...)
				first = false
			} else {
				out = append(out, empty...)
			}
		}
		out = append(out, c)
		if isEnd && c == '\r' && eol == "\r\n" {
			i++
			out = append(out, '\n')
		}
		if isEnd {
			lineStart = true
		} else {
			lineStart = false
		}
	}
	if !lineStart {
		if first {
			out = append(out, cells...)
		} else {
			out = append(out, empty...)
		}
	}
	return out
}
