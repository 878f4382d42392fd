package timeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"timeline/timeline/edtf"
)

// Header maps the columns of a file to the canonical ones.
type Header struct {
	// Names are the header cells as they appear in the file.
	Names []string
	index [numColumns]int // position of each canonical column, -1 when absent
	extra []int           // positions of the extra columns, in file order
	cols  []Column        // the canonical column at each position, or -1
}

// NewHeader maps header names. Names that repeat are reported by the scanner.
func NewHeader(names []string) *Header {
	h := &Header{Names: names, cols: make([]Column, len(names))}
	for i := range h.index {
		h.index[i] = -1
	}
	for i, n := range names {
		h.cols[i] = -1
		if c, ok := ColumnByName(n); ok {
			if h.index[c] < 0 {
				h.index[c] = i
				h.cols[i] = c
			}
			continue
		}
		h.extra = append(h.extra, i)
	}
	return h
}

// Has reports whether the file has the canonical column c.
func (h *Header) Has(c Column) bool { return h.index[c] >= 0 }

// Index returns the position of column c in the file, or -1.
func (h *Header) Index(c Column) int { return h.index[c] }

// Extra returns the names of the columns that are not canonical, in file order.
func (h *Header) Extra() []string {
	out := make([]string, len(h.extra))
	for i, p := range h.extra {
		out[i] = h.Names[p]
	}
	return out
}

// IndexOf returns the position of the column with the given name, or -1.
func (h *Header) IndexOf(name string) int {
	for i, n := range h.Names {
		if n == name {
			return i
		}
	}
	return -1
}

// Row is one data row of a file as the Scanner delivers it.
type Row struct {
	Line   int      // line where the row starts
	Fields []string // cells in file order
	// Start and End are the parsed dates with relative dates resolved; zero
	// when absent or invalid.
	Start, End edtf.Date
	// Errors counts the error diagnostics reported for this row.
	Errors int
	hdr    *Header
}

// Get returns the cell of canonical column c, or "" when the file lacks it.
func (r *Row) Get(c Column) string {
	if i := r.hdr.index[c]; i >= 0 && i < len(r.Fields) {
		return r.Fields[i]
	}
	return ""
}

// Event converts the row into an Event.
func (r *Row) Event() Event {
	e := Event{Line: r.Line, StartDate: r.Start, EndDate: r.End}
	for c := Column(0); c < numColumns; c++ {
		if i := r.hdr.index[c]; i >= 0 && i < len(r.Fields) {
			e.setField(c, r.Fields[i])
		}
	}
	if len(r.hdr.extra) > 0 {
		e.Extra = make([]string, len(r.hdr.extra))
		for k, i := range r.hdr.extra {
			if i < len(r.Fields) {
				e.Extra[k] = r.Fields[i]
			}
		}
	}
	return e
}

// Scanner reads an events table as a stream, checks every row and resolves
// relative dates. Rows whose dates are absolute are delivered as they are
// read; rows with a relative date are held back and delivered, resolved, once
// the whole input has been read (they are expected to be few). Memory grows
// with the number of rows only by a few dozen bytes a row (ids and start
// dates, for duplicate detection and relative dates).
type Scanner struct {
	// Name is the file name used in diagnostics.
	Name string
	// Report receives every diagnostic, rows in file order; problems that need
	// the whole file (relative dates) come after the rows.
	Report func(Diagnostic)
	// Lean skips the checks of everything but the dates (for charts, which
	// read a dataset without validating it).
	Lean bool
	// Wanted, when not nil, limits the ids whose start dates the Scanner
	// keeps to these: the ids relative dates refer to (see ReferencedIDs).
	// Left nil, the Scanner finds them itself, by a quick byte scan, when
	// it can read its input twice (a regular file, a bytes.Reader or a
	// strings.Reader); otherwise it keeps every start. A Lean scan does not
	// look for duplicates among the other ids.
	Wanted map[string]bool

	hdr    *Header
	cr     *csvReader
	seed   maphash.Seed
	curPos []int32 // positions of the current row's fields
	utf8   *utf8Reader
	cells  cellChecks

	// ids maps the hash of every valid id that relative dates may refer to
	// (or all, without Wanted) to where its row is and where its start date
	// is written in dates; relative starts resolved at the end go to
	// resolved. lines maps the hash of every other id to its line.
	ids      map[uint64]idInfo
	lines    map[uint64]uint32
	dates    []byte
	resolved map[uint64]edtf.Date
	pending  []*pendingRow
	nrows    int
	counts   Counts
	again    io.ReadSeeker // the input, when it can be read twice
}

// idInfo is what the Scanner keeps of each row: a dozen bytes, so that a
// million rows cost little.
type idInfo struct {
	line  uint32
	off   uint32 // start date text in Scanner.dates
	n     uint8  // its length; 0 when the start is relative or invalid
	state uint8  // resolution of a relative start: one of the state constants
}

type pendingRow struct {
	row       Row
	key       uint64 // hash of the row's id
	hasKey    bool   // false when the row has no usable id
	startRel  *edtf.Relative
	endRel    *edtf.Relative
	startPos  [2]int
	endPos    [2]int
	startBase edtf.Date
}

// ErrNoHeader is returned for an input that has no header line.
var ErrNoHeader = errors.New("no header line")

// NewScanner returns a Scanner over r, which holds CSV with a header line. A
// UTF-8 byte-order mark is skipped.
func NewScanner(r io.Reader, name string) *Scanner {
	u := &utf8Reader{r: r}
	cr := newCSVReader(u, true)
	s := &Scanner{Name: name, cr: cr, utf8: u, seed: maphash.MakeSeed(), ids: make(map[uint64]idInfo), lines: make(map[uint64]uint32)}
	// A regular file, a bytes.Reader or a strings.Reader can be read twice.
	if rs, ok := r.(io.ReadSeeker); ok {
		if f, isFile := r.(interface{ Stat() (fs.FileInfo, error) }); !isFile {
			s.again = rs
		} else if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			s.again = rs
		}
	}
	return s
}

// findWanted sets Wanted, when it is nil, to the ids that relative dates
// may refer to, if the input can be read twice: keeping only those ids'
// start dates saves a tenth of the memory a million rows take.
func (s *Scanner) findWanted() {
	if s.Wanted != nil || s.again == nil {
		return
	}
	start, err := s.again.Seek(0, io.SeekCurrent)
	if err != nil {
		return
	}
	ids, err := ReferencedIDsIn(s.again)
	if _, serr := s.again.Seek(start, io.SeekStart); serr != nil {
		s.again = nil // the input is lost; reading it reports the error
		return
	}
	if err == nil {
		s.Wanted = ids
	}
}

// Counts returns the diagnostics counted so far.
func (s *Scanner) Counts() Counts { return s.counts }

// Header returns the header, after ReadHeader or the first call of Scan.
func (s *Scanner) Header() *Header { return s.hdr }

// Rows returns the number of data rows read.
func (s *Scanner) Rows() int { return s.nrows }

func (s *Scanner) report(line, col int, field string, sev Severity, format string, args ...any) {
	s.emit(diagnostic(s.Name, line, col, field, sev, format, args...))
}

func diagnostic(file string, line, col int, field string, sev Severity, format string, args ...any) Diagnostic {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return Diagnostic{File: file, Line: line, Column: col, Field: field, Severity: sev, Msg: msg}
}

func (s *Scanner) emit(d Diagnostic) {
	s.counts.Add(d)
	if s.Report != nil {
		s.Report(d)
	}
}

// ReadHeader reads and checks the header line. Problems with it are reported;
// the error is non-nil only when there is no usable header at all.
func (s *Scanner) ReadHeader() (*Header, error) {
	if s.hdr != nil {
		return s.hdr, nil
	}
	s.findWanted()
	rec, err := s.cr.Read()
	if err == io.EOF {
		s.report(1, 1, "", Error, "empty file: want a header line with at least id, start and title")
		return nil, ErrNoHeader
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			s.report(pe.Line, pe.Column, "", Error, "header: %v", pe.Err)
			return nil, ErrNoHeader
		}
		return nil, err
	}
	names := cloneAll(rec)
	h := NewHeader(names)
	seen := make(map[string]int, len(names))
	for i, n := range names {
		line, col := s.cr.FieldPos(i)
		switch {
		case !utf8.ValidString(n):
			s.report(line, col, "", Error, "header: column %d: text is not UTF-8", i+1)
		case strings.TrimSpace(n) == "":
			s.report(line, col, "", Error, "header: column %d has no name", i+1)
		case n != strings.TrimSpace(n):
			s.report(line, col, "", Error, "header: column name %q has spaces around it", n)
		}
		if j, dup := seen[n]; dup {
			s.report(line, col, n, Error, "header: column %q appears twice (first as column %d)", n, j+1)
		}
		seen[n] = i
	}
	for _, c := range []Column{ColID, ColStart, ColTitle} {
		if !h.Has(c) {
			s.report(1, 1, c.String(), Error, "header: required column %q is missing", c.String())
		}
	}
	s.hdr = h
	return h, nil
}

// Scan reads the next data row and passes it to yield, with its dates
// resolved. It returns io.EOF after the last row, when the held-back rows
// with relative dates have been delivered too. Errors other than io.EOF are
// I/O errors; problems in the data are reported, not returned.
func (s *Scanner) Scan(yield func(*Row)) error {
	if s.hdr == nil {
		if _, err := s.ReadHeader(); err != nil {
			return err
		}
	}
	// Parsing CSV and checking rows each take about half the time, so a
	// goroutine reads records ahead in batches while this one checks them.
	batches, free := make(chan *batch, 4), make(chan *batch, 4)
	for range cap(free) {
		free <- &batch{}
	}
	go s.readAhead(batches, free)
	var row Row
	for b := range batches {
		for k := range b.recs {
			rec := b.recs[k]
			s.curPos = b.pos[b.posAt[k]:]
			if rec == nil {
				pe := b.perrs[k]
				s.report(pe.Line, pe.Column, "", Error, "malformed CSV: %v", pe.Err)
				continue
			}
			line := int(s.curPos[0])
			s.nrows++
			if len(rec) != len(s.hdr.Names) {
				if len(rec) == 1 && rec[0] == "" {
					continue // a blank line inside quotes-free text
				}
				s.report(line, 1, "", Error, "wrong number of fields: got %d, want %d", len(rec), len(s.hdr.Names))
				continue
			}
			row = Row{Line: line, Fields: rec, hdr: s.hdr}
			before := s.counts.Errors
			for _, d := range b.diags[b.diagAt[k]:b.diagAt[k+1]] {
				s.emit(d)
			}
			if p := s.checkDates(&row, before); p != nil {
				continue
			}
			yield(&row)
		}
		err := b.err
		free <- b
		switch {
		case err == io.EOF:
			s.finish(yield)
			return io.EOF
		case err != nil:
			return err
		}
	}
	return io.ErrUnexpectedEOF
}

// batch is a run of records read ahead, with the position of every field
// and the diagnostics of the checks of single cells.
type batch struct {
	fields  []string   // the cells of every record, one after the other
	fieldAt []int      // where each record starts in fields, -1 for one that did not parse
	recs    [][]string // nil where the record did not parse
	perrs   []*csv.ParseError
	pos     []int32      // line and column of each field, record after record
	posAt   []int        // where each record's positions start in pos
	diags   []Diagnostic // the cell checks' diagnostics, record after record
	diagAt  []int        // where each record's diagnostics start in diags, and one past the last record
	err     error        // io.EOF or an I/O error after the last record
}

const batchSize = 512

// readAhead parses records into batches until the input ends, and runs the
// checks of single cells, which need nothing but the header: parsing and
// those checks take about as long as the rest of the checks, done by the
// goroutine that reads the batches.
func (s *Scanner) readAhead(out chan<- *batch, free <-chan *batch) {
	defer close(out)
	c := &s.cells
	c.name, c.hdr, c.utf8 = s.Name, s.hdr, s.utf8
	for {
		b := <-free
		b.recs, b.perrs, b.pos, b.posAt, b.err = b.recs[:0], b.perrs[:0], b.pos[:0], b.posAt[:0], nil
		b.diags, b.diagAt = b.diags[:0], b.diagAt[:0]
		// The cells of every record go into one slice per batch, reused
		// from batch to batch, rather than a slice per record.
		b.fields, b.fieldAt = b.fields[:0], b.fieldAt[:0]
		for len(b.perrs) < batchSize {
			at := len(b.fields)
			var err error
			b.posAt = append(b.posAt, len(b.pos))
			b.diagAt = append(b.diagAt, len(b.diags))
			b.fields, b.pos, err = s.cr.appendRecord(b.fields, b.pos)
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					b.fieldAt = append(b.fieldAt, -1)
					b.perrs = append(b.perrs, pe)
					continue
				}
				b.posAt = b.posAt[:len(b.posAt)-1]
				b.diagAt = b.diagAt[:len(b.diagAt)-1]
				b.err = err
				break
			}
			b.fieldAt = append(b.fieldAt, at)
			b.perrs = append(b.perrs, nil)
			if rec := b.fields[at:]; !s.Lean && len(rec) == len(s.hdr.Names) {
				c.pos, c.out = b.pos[b.posAt[len(b.posAt)-1]:], b.diags
				c.checkFields(rec)
				b.diags = c.out
			}
		}
		b.diagAt = append(b.diagAt, len(b.diags))
		for k, at := range b.fieldAt {
			if at < 0 {
				b.recs = append(b.recs, nil)
				continue
			}
			end := len(b.fields)
			for _, next := range b.fieldAt[k+1:] {
				if next >= 0 {
					end = next
					break
				}
			}
			b.recs = append(b.recs, b.fields[at:end:end])
		}
		out <- b
		if b.err != nil {
			return
		}
	}
}

// fieldPos returns the line and column of field i of the row being checked.
func (s *Scanner) fieldPos(i int) (int, int) { return fieldPos(s.curPos, i) }

// fieldPos reads the line and column of field i from a row's positions.
func fieldPos(pos []int32, i int) (int, int) { return int(pos[2*i]), int(pos[2*i+1]) }

// cellChecks runs the checks of single cells. It needs nothing but the
// header, so the read-ahead goroutine runs it and keeps its diagnostics for
// the checking goroutine to report in file order.
type cellChecks struct {
	name string
	hdr  *Header
	utf8 *utf8Reader
	pos  []int32      // positions of the row's fields
	out  []Diagnostic // the diagnostics so far
}

func (c *cellChecks) fieldPos(i int) (int, int) { return fieldPos(c.pos, i) }

func (c *cellChecks) report(line, col int, field string, sev Severity, format string, args ...any) {
	c.out = append(c.out, diagnostic(c.name, line, col, field, sev, format, args...))
}

// checkFields runs the checks of every cell but the dates, and replaces
// text that is not UTF-8 in place.
func (c *cellChecks) checkFields(fields []string) {
	h := c.hdr
	checkUTF8 := c.utf8.bad.Load()
	for i, v := range fields {
		if checkUTF8 && !utf8.ValidString(v) {
			line, col := c.fieldPos(i)
			bad := 0
			for bad < len(v) {
				r, size := utf8.DecodeRuneInString(v[bad:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				bad += size
			}
			c.report(line, col+bad, h.Names[i], Error, "text is not UTF-8 (byte 0x%02x)", v[bad])
			fields[i] = strings.ToValidUTF8(v, "\uFFFD")
			continue
		}
		if v == "" {
			continue
		}
		if col := h.cols[i]; col >= 0 {
			c.checkField(col, i, v)
		} else if formulaLike(v) {
			c.warnFormula(i, v)
		}
	}
	for _, col := range []Column{ColStart, ColTitle} {
		if i := h.index[col]; i >= 0 && fields[i] == "" {
			line, at := c.fieldPos(i)
			c.report(line, at, col.String(), Error, "required value is missing")
		}
	}
	if i := h.index[ColID]; i >= 0 && fields[i] == "" {
		line, col := c.fieldPos(i)
		c.report(line, col, "id", Warning, "id is blank; timeline fmt fills it in")
	}
	lat, lon := h.index[ColLatitude], h.index[ColLongitude]
	if lat >= 0 && lon >= 0 && (fields[lat] == "") != (fields[lon] == "") {
		i := lat
		if fields[lat] == "" {
			i = lon
		}
		line, col := c.fieldPos(i)
		c.report(line, col, h.Names[i], Error, "latitude and longitude go together: one is missing")
	}
}

// checkDates parses and checks the dates, registers the id and holds the
// row back when it waits for a relative date.
func (s *Scanner) checkDates(row *Row, before int) *pendingRow {
	h := s.hdr
	// Dates and ids.
	var key uint64
	hasKey := false
	if i := h.index[ColID]; i >= 0 && row.Fields[i] != "" && validID(row.Fields[i]) {
		id := row.Fields[i]
		key = maphash.String(s.seed, id)
		// An id relative dates may refer to goes in ids, with its start
		// (below); any other, in lines, which is all duplicates need.
		wanted := s.Wanted == nil || s.Wanted[id]
		var first uint32
		var dup bool
		if wanted {
			var info idInfo
			info, dup = s.ids[key]
			first = info.line
		} else if !s.Lean {
			first, dup = s.lines[key]
		}
		switch {
		case dup:
			line, col := s.fieldPos(i)
			s.report(line, col, "id", Error, "duplicate id %q (first on line %d)", id, first)
		case wanted:
			hasKey = true
		case !s.Lean:
			s.lines[key] = uint32(row.Line)
		}
	}
	var p *pendingRow
	for _, c := range []Column{ColStart, ColEnd} {
		i := h.index[c]
		if i < 0 || row.Fields[i] == "" {
			continue
		}
		v := row.Fields[i]
		line, col := s.fieldPos(i)
		if c == ColEnd && v == ".." {
			continue // still ongoing; handled when the start is known
		}
		if edtf.IsRelative(v) {
			rel, err := edtf.ParseRelative(strings.Clone(v)) // kept until the end
			if err != nil {
				s.report(line, col, c.String(), Error, "%s", dateMsg(err))
				continue
			}
			if p == nil {
				p = &pendingRow{key: key, hasKey: hasKey}
			}
			if c == ColStart {
				p.startRel, p.startPos = &rel, [2]int{line, col}
			} else {
				p.endRel, p.endPos = &rel, [2]int{line, col}
			}
			continue
		}
		d, err := edtf.Parse(v)
		if err != nil {
			s.report(line, col, c.String(), Error, "%s", dateMsg(err))
			continue
		}
		if c == ColStart {
			row.Start = d
		} else {
			row.End = d
		}
	}
	if i := h.index[ColEnd]; i >= 0 && row.Fields[i] == ".." && p == nil && !row.Start.IsZero() {
		if row.Start.IsInterval() {
			line, col := s.fieldPos(i)
			s.report(line, col, "end", Error, "'..' (still ongoing) needs a single start date; %s is an interval: write its end as .. inside start instead", row.Start)
		} else {
			row.End = ongoing(row.Start)
		}
	}
	if p == nil {
		s.checkOrder(row)
	}
	row.Errors = s.counts.Errors - before
	if hasKey {
		info := idInfo{line: uint32(row.Line), off: uint32(len(s.dates))}
		if !row.Start.IsZero() && len(s.dates) < math.MaxUint32-256 {
			// The start as written: valid EDTF, parsed again only if a
			// relative date refers to it.
			start := row.Fields[h.index[ColStart]]
			if len(start) <= math.MaxUint8 {
				s.dates = append(s.dates, start...)
				info.n = uint8(len(start))
			}
		}
		if p != nil && p.startRel != nil {
			info.state = statePending
		}
		s.ids[key] = info
	}
	if p != nil {
		p.row = *row
		p.row.Fields = cloneAll(row.Fields)
		p.row.Errors = row.Errors
		if i := h.index[ColEnd]; i >= 0 {
			p.endPos[0], p.endPos[1] = s.fieldPos(i)
		}
		s.pending = append(s.pending, p)
	}
	return p
}

// cloneAll copies cells the Scanner keeps past the current row, so that they
// do not hold on to the block of input they were sliced from.
func cloneAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.Clone(c)
	}
	return out
}

// ongoing turns "start, end '..'" into one open interval so bounds and
// drawing know the event has not ended.
func ongoing(start edtf.Date) edtf.Date {
	d, err := edtf.Parse(start.String() + "/..")
	if err != nil {
		return edtf.Date{}
	}
	return d
}

// checkOrder reports an end before the start.
func (s *Scanner) checkOrder(row *Row) {
	if row.Start.IsZero() || row.End.IsZero() || row.End.Ongoing() {
		return
	}
	if row.End.Upper().Before(row.Start.Lower()) || row.End.Upper().Equal(row.Start.Lower()) {
		line, col := s.fieldPos(s.hdr.index[ColEnd])
		s.report(line, col, "end", Error, "end %s is before start %s", row.End, row.Start)
		row.Errors++
	}
}

func dateMsg(err error) string {
	var se *edtf.SyntaxError
	if errors.As(err, &se) {
		return se.Error()
	}
	return err.Error()
}

func (s *cellChecks) checkField(c Column, i int, v string) {
	pos := func() (int, int) { return s.fieldPos(i) }
	switch c {
	case ColID:
		if !validID(v) {
			line, col := pos()
			s.report(line, col, "id", Error, "%q is not a valid id: use lower-case letters, digits and '-', starting with a letter or digit", v)
		}
	case ColStart, ColEnd:
		// checked with the dates
	case ColLatitude, ColLongitude:
		limit := 90
		if c == ColLongitude {
			limit = 180
		}
		switch {
		case !plainDecimal(v):
			line, col := pos()
			s.report(line, col, c.String(), Error, "%q is not a number in decimal degrees", v)
		case !withinDegrees(v, limit):
			line, col := pos()
			s.report(line, col, c.String(), Error, "%s out of range: want -%d to %d", v, limit, limit)
		}
	case ColConfidence:
		if v != ConfidenceHigh && v != ConfidenceModerate && v != ConfidenceLow {
			line, col := pos()
			s.report(line, col, "confidence", Error, "unknown confidence %q: want high, moderate or low", v)
		}
	case ColKind:
		if v != KindEvent && v != KindEra {
			line, col := pos()
			s.report(line, col, "kind", Error, "unknown kind %q: want event, era or blank", v)
		}
	case ColSources:
		for item := range strings.SplitSeq(v, ";") {
			item = strings.TrimSpace(item)
			if scheme, isLink := linkScheme(item); isLink && !allowedScheme(scheme) {
				line, col := pos()
				s.report(line, col, "sources", Error, "link %q: only http, https and mailto links are allowed", item)
			}
		}
		s.formula(i, v)
	case ColMedia:
		scheme, isLink := linkScheme(v)
		if !isLink || (scheme != "http" && scheme != "https") {
			line, col := pos()
			s.report(line, col, "media", Error, "media %q is not an http or https URL", v)
		}
	default:
		s.formula(i, v)
	}
}

// plainDecimal reports whether v is written as [+-]digits[.digits], the only
// spelling of a coordinate accepted (not 1e3, 0x1p4, Inf or NaN).
func plainDecimal(v string) bool {
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(v); i++ {
		switch b := v[i]; {
		case b >= '0' && b <= '9':
			digits++
		case b == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// withinDegrees reports whether v, a plainDecimal, lies in [-limit, limit],
// reading its digits rather than parsing a float, which costs more than
// the rest of a row's checks.
func withinDegrees(v string, limit int) bool {
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	n := 0
	for ; i < len(v) && v[i] != '.'; i++ {
		if n = n*10 + int(v[i]-'0'); n > limit {
			return false
		}
	}
	if n < limit {
		return true
	}
	for i++; i < len(v); i++ {
		if v[i] != '0' {
			return false
		}
	}
	return true
}

func (s *cellChecks) formula(i int, v string) {
	if formulaLike(v) {
		s.warnFormula(i, v)
	}
}

func (s *cellChecks) warnFormula(i int, v string) {
	line, col := s.fieldPos(i)
	s.report(line, col, s.hdr.Names[i], Warning, "starts with %q: a spreadsheet would run it as a formula", v[:1])
}

// formulaLike reports whether a spreadsheet would treat v as a formula:
// text starting with = + - @ or a tab or carriage return, unless it is a
// plain number.
func formulaLike(v string) bool {
	switch v[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		_, err := strconv.ParseFloat(v, 64)
		return err != nil
	}
	return false
}

// linkScheme returns the lower-cased scheme of s when s looks like a link
// (scheme ":" ...). Citations such as "Galeotti 2017: p. 3" are not links.
func linkScheme(s string) (string, bool) {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || colon > 32 {
		return "", false
	}
	for i := 0; i < colon; i++ {
		b := s[i]
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z':
		case i > 0 && (b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.'):
		default:
			return "", false
		}
	}
	scheme := strings.ToLower(s[:colon])
	rest := s[colon+1:]
	// "Note: text" is not a link; a scheme is followed by "//" or is one that
	// runs or embeds code.
	if strings.HasPrefix(rest, "//") || scheme == "mailto" || scheme == "javascript" || scheme == "data" || scheme == "vbscript" || scheme == "file" {
		return scheme, true
	}
	return "", false
}

func allowedScheme(s string) bool { return s == "http" || s == "https" || s == "mailto" }

// IsLink reports whether s is a link the page may make clickable: an http,
// https or mailto URL.
func IsLink(s string) bool {
	scheme, ok := linkScheme(s)
	return ok && allowedScheme(scheme)
}

// validID reports whether s is a slug [a-z0-9][a-z0-9-]*.
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || (b == '-' && i > 0) {
			continue
		}
		return false
	}
	return true
}

// ValidID reports whether s is a valid event id.
func ValidID(s string) bool { return validID(s) }

// finish resolves the held-back rows and delivers them.
func (s *Scanner) finish(yield func(*Row)) {
	byKey := make(map[uint64]*pendingRow, len(s.pending))
	for _, p := range s.pending {
		if p.hasKey && p.startRel != nil {
			byKey[p.key] = p
		}
	}
	s.resolved = make(map[uint64]edtf.Date, len(byKey))
	for _, p := range s.pending {
		before := s.counts.Errors
		if p.startRel != nil {
			if p.hasKey {
				p.row.Start = s.resolveKey(p.key, byKey)
			} else if base, st := s.target(p.startRel.ID, byKey); st == resolved {
				p.row.Start = p.startRel.Resolve(base)
			} else {
				s.reportRelative(p.startRel, p.startPos, "start", st)
			}
		}
		if p.endRel != nil {
			if base, st := s.target(p.endRel.ID, byKey); st == resolved {
				p.row.End = p.endRel.Resolve(base)
			} else {
				s.reportRelative(p.endRel, p.endPos, "end", st)
			}
		} else if i := s.hdr.index[ColEnd]; i >= 0 && p.row.Fields[i] == ".." && !p.row.Start.IsZero() {
			p.row.End = ongoing(p.row.Start)
		}
		if s.counts.Errors == before && p.row.Errors == 0 {
			s.checkOrderHeld(&p.row, p.endPos)
		}
		p.row.Errors += s.counts.Errors - before
	}
	for _, p := range s.pending {
		yield(&p.row)
	}
	s.pending = nil
}

func (s *Scanner) checkOrderHeld(row *Row, endPos [2]int) {
	if row.Start.IsZero() || row.End.IsZero() || row.End.Ongoing() {
		return
	}
	if !row.End.Upper().After(row.Start.Lower()) {
		s.report(endPos[0], endPos[1], "end", Error, "end %s is before start %s", row.End, row.Start)
	}
}

// Outcomes of looking up the event a relative date refers to.
const (
	resolved = iota
	unknownID
	invalidTarget
	inCycle
	failedTarget
)

// Resolution states of rowInfo.state.
const (
	stateDone     = 0
	statePending  = 1
	stateVisiting = 2
	stateFailed   = 3
	stateCycle    = 4 // failed because the chain of relative dates loops
)

// resolveKey resolves the start of the held-back row whose id hashes to key,
// following chains of relative dates; a row met again while it is being
// resolved closes a cycle, and every row on it is reported.
func (s *Scanner) resolveKey(key uint64, byKey map[uint64]*pendingRow) edtf.Date {
	info := s.ids[key]
	if info.state != statePending {
		return s.resolved[key]
	}
	p := byKey[key]
	info.state = stateVisiting
	s.ids[key] = info
	base, st := s.target(p.startRel.ID, byKey)
	if st != resolved {
		s.reportRelative(p.startRel, p.startPos, "start", st)
		info.state = stateFailed
		if st == inCycle {
			info.state = stateCycle
		}
		s.ids[key] = info
		return edtf.Date{}
	}
	d := p.startRel.Resolve(base)
	info.state = stateDone
	s.ids[key] = info
	s.resolved[key] = d
	return d
}

// target returns the resolved start of the event with the given id.
func (s *Scanner) target(id string, byKey map[uint64]*pendingRow) (edtf.Date, int) {
	key := maphash.String(s.seed, id)
	info, found := s.ids[key]
	if !found {
		return edtf.Date{}, unknownID
	}
	switch info.state {
	case statePending:
		if d := s.resolveKey(key, byKey); !d.IsZero() {
			return d, resolved
		}
		if s.ids[key].state == stateCycle {
			return edtf.Date{}, inCycle
		}
		return edtf.Date{}, failedTarget
	case stateVisiting, stateCycle:
		return edtf.Date{}, inCycle
	case stateFailed:
		return edtf.Date{}, failedTarget
	}
	if d, ok := s.resolved[key]; ok {
		return d, resolved
	}
	if info.n == 0 {
		return edtf.Date{}, invalidTarget
	}
	d, err := edtf.Parse(string(s.dates[info.off : info.off+uint32(info.n)]))
	if err != nil {
		return edtf.Date{}, invalidTarget
	}
	return d, resolved
}

func (s *Scanner) reportRelative(rel *edtf.Relative, pos [2]int, field string, st int) {
	switch st {
	case unknownID:
		s.report(pos[0], pos[1], field, Error, "relative date %s refers to unknown id %q", rel, rel.ID)
	case invalidTarget:
		s.report(pos[0], pos[1], field, Error, "relative date %s refers to %q, whose start is not a valid date", rel, rel.ID)
	case inCycle:
		s.report(pos[0], pos[1], field, Error, "relative date %s depends on a cycle of relative dates", rel)
	default:
		s.report(pos[0], pos[1], field, Error, "relative date %s refers to %q, whose start cannot be resolved", rel, rel.ID)
	}
}

// ReferencedIDs returns every id that a relative date in data may refer to:
// the text before each "+P" or "-P" back to the start of its cell, when it is
// a valid id. It reads bytes, not CSV, so it is fast; it may return a few
// ids too many (from text that looks like a relative date), never too few.
func ReferencedIDs(data []byte) map[string]bool {
	ids := map[string]bool{}
	addReferencedIDs(ids, data)
	return ids
}

func addReferencedIDs(ids map[string]bool, data []byte) {
	// "P" is rarer than "+" or "-", which every date has.
	for at := 0; ; {
		i := bytes.IndexByte(data[at:], 'P')
		if i < 0 {
			return
		}
		i += at
		at = i + 1
		if i == 0 || data[i-1] != '+' && data[i-1] != '-' {
			continue
		}
		j := i - 1
		for j > 0 && data[j-1] != ',' && data[j-1] != '\n' && data[j-1] != '"' {
			j--
		}
		if id := data[j : i-1]; validID(string(id)) && !ids[string(id)] {
			ids[string(id)] = true
		}
	}
}

// ReferencedIDsIn is ReferencedIDs over a stream, read in blocks of whole
// lines so that memory stays small.
func ReferencedIDsIn(r io.Reader) (map[string]bool, error) {
	ids := map[string]bool{}
	buf := make([]byte, 1<<20)
	n := 0 // bytes in buf
	for {
		// What is left of the last read holds no line break, so only the
		// bytes read now need searching.
		old := n
		m, err := r.Read(buf[n:])
		n += m
		if err != nil && err != io.EOF {
			return nil, err
		}
		cut := 0
		if nl := bytes.LastIndexByte(buf[old:n], '\n'); nl >= 0 {
			cut = old + nl + 1
		}
		if err == io.EOF {
			cut = n
		}
		if cut > 0 {
			addReferencedIDs(ids, buf[:cut])
			n = copy(buf, buf[cut:n])
		}
		if err == io.EOF {
			return ids, nil
		}
		if n == len(buf) { // a line longer than the buffer
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
}
