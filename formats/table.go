package formats

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"timeline/timeline"
)

// tableWriter writes events as an aligned table for people: date, id,
// category and title (cut at 70 characters). Cells go through TableCell, so
// that no text of the data reaches a terminal as a control sequence.
//
// The columns are as wide as their widest cell plus two spaces, as
// text/tabwriter aligns them, measured over the header and the first
// tableLookahead rows; later rows are written as they come, at those
// widths, a longer cell pushing the rest of its line along. So a table of
// a million events holds a thousand rows, not all of them, and one of up
// to a thousand is aligned exactly.
type tableWriter struct {
	w     *bufio.Writer
	lang  string
	buf   []byte
	held  [][]byte // the rows (cells separated by tabs) until widths is set
	width []int    // the columns' widths, once known
}

// tableLookahead is how many rows set the table's column widths.
const tableLookahead = 1000

// tablePadding is the space between columns.
const tablePadding = 2

func newTableWriter(w *bufio.Writer, lang string) *tableWriter {
	return &tableWriter{w: w, lang: lang}
}

func (t *tableWriter) Begin([]string) error {
	return t.WriteRecord([]byte("DATE\tID\tCATEGORY\tTITLE\n"))
}

func (t *tableWriter) AppendRecord(dst []byte, ev *timeline.Event) ([]byte, error) {
	date := ev.DisplayDate
	if date == "" {
		date = ev.StartDate.Format(t.lang)
		if !ev.EndDate.IsZero() && !ev.EndDate.Ongoing() {
			date += " – " + ev.EndDate.Format(t.lang)
		} else if ev.End == ".." {
			date += " –"
		}
	}
	dst = append(dst, TableCell(date)...)
	dst = append(dst, '\t')
	dst = append(dst, TableCell(ev.ID)...)
	dst = append(dst, '\t')
	dst = append(dst, TableCell(ev.Category)...)
	dst = append(dst, '\t')
	dst = append(dst, truncate(TableCell(ev.Title), 70)...)
	return append(dst, '\n'), nil
}

// WriteRecord takes one line of tab-separated cells ending in a line feed.
func (t *tableWriter) WriteRecord(rec []byte) error {
	if t.width != nil {
		return t.line(rec)
	}
	t.held = append(t.held, bytes.Clone(rec))
	if len(t.held) > tableLookahead { // the header and tableLookahead rows
		return t.release()
	}
	return nil
}

// release sets the column widths from the rows held and writes them.
func (t *tableWriter) release() error {
	t.width = []int{}
	for _, rec := range t.held {
		cells := bytes.Split(bytes.TrimSuffix(rec, []byte("\n")), []byte("\t"))
		// The last cell of a line is not aligned: it ends the line.
		for c, cell := range cells[:len(cells)-1] {
			if c == len(t.width) {
				t.width = append(t.width, 0)
			}
			t.width[c] = max(t.width[c], utf8.RuneCount(cell)+tablePadding)
		}
	}
	for _, rec := range t.held {
		if err := t.line(rec); err != nil {
			return err
		}
	}
	t.held = nil
	return nil
}

// line writes rec with its cells padded to the columns' widths.
func (t *tableWriter) line(rec []byte) error {
	rec = bytes.TrimSuffix(rec, []byte("\n"))
	for c := 0; ; c++ {
		i := bytes.IndexByte(rec, '\t')
		if i < 0 {
			break
		}
		cell := rec[:i]
		rec = rec[i+1:]
		t.w.Write(cell)
		pad := tablePadding
		if c < len(t.width) {
			pad = max(pad, t.width[c]-utf8.RuneCount(cell))
		}
		for range pad {
			t.w.WriteByte(' ')
		}
	}
	t.w.Write(rec)
	return t.w.WriteByte('\n')
}

func (t *tableWriter) Write(ev *timeline.Event) error { return write(t, ev, &t.buf) }

func (t *tableWriter) Close() error {
	if t.width == nil {
		if err := t.release(); err != nil {
			return err
		}
	}
	return t.w.Flush()
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// TableCell returns s as a table for a terminal shows it: a tab as a space;
// a line feed or carriage return as \n or \r; any other control character
// (C0, DEL, C1) and the Unicode controls that reorder or hide text
// (bidirectional overrides and isolates, U+2028, U+2029) as a Go escape,
// \x1b or \u202e; a byte that is not UTF-8 as U+FFFD. Text without them is
// returned as it is. CSV and JSON outputs keep the data exact instead.
func TableCell(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\t':
			b.WriteByte(' ')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports whether r is a control character or a Unicode control
// that changes how the text around it is shown.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x200e && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // directional marks, embeddings, overrides and isolates
	case r == 0x2028 || r == 0x2029:
		return true // line and paragraph separators
	}
	return false
}
