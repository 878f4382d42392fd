package timeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"unicode/utf8"
	"unsafe"

	"timeline/timeline/edtf"
)

// Row is one data row of a file as the Scanner delivers it.
//
// A Row, and its Fields slice, are valid only during the call to the
// function Scan gives it to: the Scanner reuses them for the rows that
// follow. To keep a row, keep its Event (or copy Fields). The cell strings
// themselves are never overwritten, but each is a slice of a 256 KB block
// of input, which it keeps alive: clone (strings.Clone) the few cells you
// keep from a large file.
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

// Event converts the row into an Event, which may be kept after the call
// that delivered the row (its strings pin their input block; see Row).
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
// the whole input has been read. Memory grows with the number of rows only
// by a few dozen bytes a row (ids and start dates, for duplicate detection
// and relative dates), and by about a hundred more for a row held back:
// past 16 MB of them, the cells of an input that can be read twice are
// read again at the end rather than kept.
type Scanner struct {
	// Name is the file name used in diagnostics.
	Name string
	// Report receives every diagnostic, rows in file order; problems that need
	// the whole file (relative dates) come after the rows.
	Report func(Diagnostic)
	// Lean skips the checks of everything but the dates (for charts, which
	// read a dataset without validating it).
	Lean bool
	// wanted, when not nil, limits the ids whose start dates the Scanner
	// keeps to these: the ids relative dates refer to (see referencedIDsIn).
	// Left nil, the Scanner finds them itself, by a quick byte scan, when
	// it can read its input twice (a regular file, a bytes.Reader or a
	// strings.Reader); otherwise it keeps every start. A Lean scan does not
	// look for duplicates among the other ids.
	wanted *idTable // hashed with seed, as ids are

	hdr    *Header
	cr     *csvReader
	seed   maphash.Seed
	curPos []int32 // positions of the current row's fields
	utf8   *utf8Reader
	ends   *crReader
	cells  cellChecks

	// ids maps the hash of every valid id that relative dates may refer to
	// (or all, without wanted) to where its row is and where its start date
	// is written in dates, where relative starts are written once
	// resolved (the few whose text does not fit go to resolvedOther).
	// lines maps the hash of every other id to its line.
	ids           map[uint64]idInfo
	lines         *idTable
	dates         []byte
	resolvedOther map[uint64]edtf.Date
	// held are the rows with relative dates, held back to the end; their
	// date cells are in heldText, and heldBytes counts the cells they keep.
	held       [][]heldRow // in chunks of heldChunk
	nheld      int
	heldText   []byte
	heldFields [][]string // the cells of the held rows kept, within heldBudget
	heldBytes  int
	sink       uint64   // touchIDs', so that its loads are made
	stack      []uint64 // resolveKey's, reused
	text       []byte   // setResolved's, reused
	rec        int      // records read, counting those that did not parse
	nrows      int
	counts     Counts
	again      io.ReadSeeker // the input, when it can be read twice
	startOff   int64         // where in again the input starts
}

// idInfo is what the Scanner keeps of each row: a dozen bytes, so that a
// million rows cost little.
type idInfo struct {
	line  uint32
	off   uint32 // start date text in Scanner.dates
	held  uint32 // 1 + the row's index in Scanner.held while its start waits to be resolved
	n     uint8  // its length; 0 when the start is relative or invalid
	state uint8  // resolution of a relative start: one of the state constants
}

// ErrNoHeader is returned for an input that has no header line.
var ErrNoHeader = errors.New("no header line")

// NewScanner returns a Scanner over r, which holds CSV with a header line. A
// UTF-8 byte-order mark is skipped.
func NewScanner(r io.Reader, name string) *Scanner {
	ends := &crReader{r: r}
	u := &utf8Reader{r: ends}
	cr := newCSVReader(u, true)
	s := &Scanner{Name: name, cr: cr, utf8: u, ends: ends, seed: maphash.MakeSeed(), ids: make(map[uint64]idInfo), lines: newIDTable()}
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

// NewScannerBytes returns a Scanner over b, which holds CSV with a header
// line, as NewScanner(bytes.NewReader(b), name) does, but without copying
// b: the cells of its rows, and the events made of them, are substrings of
// b. The caller must not change b while they are in use. A file whose lines
// end with a carriage return alone is read as NewScanner reads it, since
// its line breaks are rewritten.
func NewScannerBytes(b []byte, name string) *Scanner {
	s := NewScanner(bytes.NewReader(b), name)
	if _, crOnly := firstBreak(b, true); len(b) == 0 || crOnly {
		return s
	}
	s.ends.decided = true
	// The checks the readers make block by block, made of the whole input
	// at once: a field is checked alone only where the input holds a byte
	// that needs it.
	if !utf8.Valid(b) {
		s.utf8.bad.Store(true)
	}
	if hasControl(b) {
		s.utf8.ctl.Store(true)
	}
	s.cr.setWhole(unsafe.String(&b[0], len(b)))
	return s
}

// want limits the ids whose start dates the Scanner keeps to ids. They are
// kept as hashes, which the Scanner computes for every id anyway, so that
// a row costs one lookup of an integer, not of a string.
func (s *Scanner) want(ids map[string]bool) {
	s.wanted = newIDSet()
	for id := range ids {
		s.wanted.add(maphash.String(s.seed, id), 0)
	}
}

// findWanted sets wanted, when it is nil, to the ids that relative dates
// may refer to, if the input can be read twice: keeping only those ids'
// start dates saves a tenth of the memory a million rows take.
func (s *Scanner) findWanted() {
	if s.wanted != nil || s.again == nil {
		return
	}
	wanted, err := s.referenced()
	if _, serr := s.again.Seek(s.startOff, io.SeekStart); serr != nil {
		s.again = nil // the input is lost; reading it reports the error
		return
	}
	if err == nil {
		s.wanted = wanted
	}
}

// referenced returns the set of the ids relative dates in the input from
// startOff on may refer to, reading it in parts at once when it can (see
// eachReferencedIDAt). The ids go into the set as hashes: a file of a
// million rows each relative to another has a million of them.
func (s *Scanner) referenced() (*idTable, error) {
	wanted := newIDSet()
	at, isAt := s.again.(io.ReaderAt)
	if !isAt {
		err := eachReferencedIDIn(s.again, func(id []byte) { wanted.add(maphash.Bytes(s.seed, id), 0) })
		return wanted, err
	}
	end, err := s.again.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	parts := runtime.GOMAXPROCS(0)
	hashes := make([][]uint64, parts)
	err = eachReferencedIDAt(at, s.startOff, end, parts, func(part int, id []byte) {
		hashes[part] = append(hashes[part], maphash.Bytes(s.seed, id))
	})
	for _, hs := range hashes {
		for _, h := range hs {
			wanted.add(h, 0)
		}
	}
	return wanted, err
}

// Counts returns the diagnostics counted so far.
func (s *Scanner) Counts() Counts { return s.counts }

// Header returns the header, after ReadHeader or the first call of Scan.
func (s *Scanner) Header() *Header { return s.hdr }

// Rows returns the number of data rows read.
func (s *Scanner) Rows() int { return s.nrows }

func (s *Scanner) report(line, col int, field, code, format string, args ...any) {
	s.emit(diagnostic(s.Name, line, col, field, code, format, args...))
}

// diagnostic makes the Diagnostic of a problem of the given code, whose
// severity follows from the code.
func diagnostic(file string, line, col int, field, code, format string, args ...any) Diagnostic {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return Diagnostic{File: file, Line: line, Column: col, Field: field, Severity: severityOf(code), Code: code, Msg: msg}
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
	if s.again != nil {
		// Rows are read again from here: to find the ids relative dates
		// refer to, and the rows with relative dates that are not kept.
		at, err := s.again.Seek(0, io.SeekCurrent)
		if err != nil {
			s.again = nil
		}
		s.startOff = at
	}
	s.findWanted()
	rec, err := s.cr.Read()
	if err == io.EOF {
		s.report(1, 1, "", CodeHeaderEmpty, "empty file: want a header line with at least id, start and title")
		return nil, ErrNoHeader
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if at := s.cr.unclosed; at[0] > 0 {
				s.report(int(at[0]), int(at[1]), "", CodeCSVSyntax, "header: the quote that opens this cell is never closed")
				return nil, ErrNoHeader
			}
			s.report(pe.Line, pe.Column, "", CodeCSVSyntax, "header: %v", pe.Err)
			return nil, ErrNoHeader
		}
		return nil, err
	}
	names := cloneAll(rec)
	if s.ends.crOnly {
		s.report(1, 1, "", CodeCSVLineEnds, "lines end with a carriage return alone (classic Mac OS): read as line breaks; timeline fmt rewrites them as LF")
	}
	if hint := badHeaderHint(names); hint != "" {
		line, col := s.cr.FieldPos(0)
		code := CodeHeaderDelimiter
		if !strings.Contains(hint, "separated") {
			code = CodeTextEncoding
		}
		s.report(line, col, "", code, "header: %s", hint)
		return nil, ErrNoHeader
	}
	h := newHeader(names)
	seen := make(map[string]int, len(names))
	for i, n := range names {
		line, col := s.cr.FieldPos(i)
		switch {
		case !utf8.ValidString(n):
			s.report(line, col, "", CodeTextEncoding, "header: column %d: text is not UTF-8: %s", i+1, encodingHint)
		case strings.TrimSpace(n) == "":
			s.report(line, col, "", CodeHeaderName, "header: column %d has no name", i+1)
		case n != strings.TrimSpace(n):
			s.report(line, col, "", CodeHeaderName, "header: column name %q has spaces around it", n)
		}
		if j, dup := seen[n]; dup {
			s.report(line, col, n, CodeHeaderDuplicate, "header: column %q appears twice (first as column %d)", n, j+1)
		}
		seen[n] = i
	}
	for _, c := range []Column{ColID, ColStart, ColTitle} {
		if !h.Has(c) {
			s.report(1, 1, c.String(), CodeHeaderMissing, "header: required column %q is missing", c.String())
		}
	}
	s.hdr = h
	return h, nil
}

// encodingHint is said of the first text in a file that is not UTF-8.
const encodingHint = "the file may be in Windows-1252 or Latin-1; convert it to UTF-8 (for example iconv -f windows-1252 -t utf-8)"

// badHeaderHint says what is wrong with a header that is not a
// comma-separated list of column names at all: text in UTF-16, or a file
// separated by semicolons, tabs or bars, read as one column. It returns ""
// for a header that may be fine.
func badHeaderHint(names []string) string {
	for _, n := range names {
		if strings.IndexByte(n, 0) >= 0 {
			return "the file looks like UTF-16 text (it has NUL bytes): save it as UTF-8"
		}
	}
	known := 0
	for _, n := range names {
		if _, ok := ColumnByName(n); ok {
			known++
		}
	}
	if known > 0 {
		return ""
	}
	for _, sep := range []struct {
		b    byte
		name string
	}{{';', "semicolon"}, {'\t', "tab"}, {'|', "bar"}} {
		if len(names) <= 2 && strings.Count(names[0], string(sep.b)) >= 1 {
			parts := strings.Split(names[0], string(sep.b))
			for _, p := range parts {
				if _, ok := ColumnByName(strings.TrimSpace(strings.Trim(p, `"`))); ok {
					return fmt.Sprintf("the file looks %s-separated (its first line %q is one column): timeline reads comma-separated CSV; save it with commas between the columns", sep.name, names[0])
				}
			}
		}
	}
	return ""
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
	// Another goroutine reads the input, and checks its bytes, a few
	// blocks ahead of the parsing.
	defer s.cr.readLinesAhead()()
	batches, free := make(chan *batch, 4), make(chan *batch, 4)
	for range cap(free) {
		free <- &batch{}
	}
	go s.readAhead(batches, free)
	var row Row
	for b := range batches {
		s.touchIDs(b.ids)
		for k := range b.recs {
			rec := b.recs[k]
			s.rec++
			s.curPos = b.pos[b.posAt[k]:]
			if rec == nil {
				pe := b.perrs[k]
				if at := b.unclosed[k]; at[0] > 0 {
					s.report(int(at[0]), int(at[1]), "", CodeCSVSyntax, "malformed CSV: the quote that opens this cell is never closed: the rest of the file, to line %d, was read into it", pe.Line)
					continue
				}
				s.report(pe.Line, pe.Column, "", CodeCSVSyntax, "malformed CSV: %v", pe.Err)
				continue
			}
			line := int(s.curPos[0])
			s.nrows++
			if len(rec) != len(s.hdr.Names) {
				if len(rec) == 1 && rec[0] == "" {
					continue // a blank line inside quotes-free text
				}
				s.report(line, 1, "", CodeCSVFields, "wrong number of fields: got %d, want %d", len(rec), len(s.hdr.Names))
				continue
			}
			row = Row{Line: line, Fields: rec, hdr: s.hdr}
			before := s.counts.Errors
			for _, d := range b.diags[b.diagAt[k]:b.diagAt[k+1]] {
				s.emit(d)
			}
			if held := s.checkDates(&row, before, b.ids[k]); held {
				continue
			}
			yield(&row)
		}
		err := b.err
		free <- b
		switch {
		case err == io.EOF:
			if err := s.finish(yield); err != nil {
				return err
			}
			return io.EOF
		case err != nil:
			return err
		}
	}
	return io.ErrUnexpectedEOF
}

// fieldPos returns the line and column of field i of the row being checked.
func (s *Scanner) fieldPos(i int) (int, int) { return fieldPos(s.curPos, i) }

// fieldPos reads the line and column of field i from a row's positions.
func fieldPos(pos []int32, i int) (int, int) { return int(pos[2*i]), int(pos[2*i+1]) }
