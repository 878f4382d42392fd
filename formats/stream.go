package formats

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"

	"timeline/timeline"
)

// Stream is an ImportSink that writes a new dataset's records as they
// come, keeping a few bytes a record rather than the record: the way an
// import of millions of rows (GDELT) stays in bounded memory. Records go to
// a spool, in any columns; Finish writes the events table once every
// column is known, checks it with the dataset's own validation and leaves
// out the records whose events have errors. It gives the same table, ids,
// skips and counts as Merge into an empty dataset (TestStreamMatchesMerge).
type Stream struct {
	file, format string
	spool        *csv.Writer
	info         *Meta
	skips, warns []Note
	read         int
	written      int

	columns []string // canonical columns, then the extra ones in order of first use
	col     map[string]int
	seed    maphash.Seed
	taken   map[uint64]struct{} // hashes of the ids given
	seen    map[uint64]int32    // hashes of the source ids, to their line
	lines   []int32             // source line of each record written, in order
	files   []string            // and its file
	fileIx  []uint16
	checked []Note // the warnings of the last Check
	types   map[string]string
}

// NewStream returns a Stream that spools to w (a temporary file).
func NewStream(w io.Writer) *Stream {
	s := &Stream{spool: csv.NewWriter(bufio.NewWriterSize(w, 64<<10)), col: map[string]int{},
		seed: maphash.MakeSeed(), taken: map[uint64]struct{}{}, seen: map[uint64]int32{}}
	for i, c := range timeline.Columns() {
		s.columns = append(s.columns, c)
		s.col[c] = i
	}
	return s
}

// Begin starts the records of one file, read by the named format.
func (s *Stream) Begin(file, format string) {
	s.file, s.format = file, format
	s.files = append(s.files, file)
}

// Info returns the first Meta given, or nil.
func (s *Stream) Info() *Meta { return s.info }

// Meta keeps the first Meta given.
func (s *Stream) Meta(m Meta) error {
	if s.info == nil {
		s.info = &m
	}
	return nil
}

// Skip records a skipped record.
func (s *Stream) Skip(k Skip) {
	s.read++
	s.skips = append(s.skips, Note{s.file, k.Line, k.Reason})
}

// Warn records a warning.
func (s *Stream) Warn(line int, msg string) { s.warns = append(s.warns, Note{s.file, line, msg}) }

func (s *Stream) hash(id string) uint64 { return maphash.String(s.seed, id) }

// Record spools one record: its line, then its id and cells as name,
// value pairs.
func (s *Stream) Record(rec *Record) error {
	s.read++
	// The columns in the order Merge gives them: the record's Extra, any
	// other cell's column by name, then source_id.
	for _, name := range rec.Extra {
		s.addColumn(name)
	}
	names := slices.Sorted(maps.Keys(rec.Cells))
	for _, name := range names {
		s.addColumn(name)
	}
	key := ""
	if rec.SourceID != "" {
		s.addColumn(SourceIDColumn)
		key = s.format + ":" + rec.SourceID
		h := s.hash(key)
		if line, dup := s.seen[h]; dup {
			s.skips = append(s.skips, Note{s.file, rec.Line, fmt.Sprintf("source id %s appears again (first at line %d)", rec.SourceID, line)})
			return nil
		}
		s.seen[h] = int32(rec.Line)
	}
	id := rec.Cells["id"]
	if id == "" || s.isTaken(id) {
		base := rec.Cells["title"]
		if rec.SourceID != "" {
			base = s.format + " " + rec.SourceID
		}
		id = s.uniqueSlug(base)
	}
	s.taken[s.hash(id)] = struct{}{}
	out := []string{strconv.Itoa(rec.Line), key, id}
	for _, name := range names {
		if v := rec.Cells[name]; v != "" && name != "id" && name != SourceIDColumn {
			out = append(out, name, v)
		}
	}
	s.lines = append(s.lines, int32(rec.Line))
	s.fileIx = append(s.fileIx, uint16(len(s.files)-1))
	return s.spool.Write(out)
}

func (s *Stream) addColumn(name string) {
	if _, ok := s.col[name]; !ok {
		s.col[name] = len(s.columns)
		s.columns = append(s.columns, name)
	}
}

func (s *Stream) uniqueSlug(title string) string {
	base := timeline.Slug(title)
	if !s.isTaken(base) {
		return base
	}
	for n := 2; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if !s.isTaken(id) {
			return id
		}
	}
}

func (s *Stream) isTaken(id string) bool {
	_, ok := s.taken[s.hash(id)]
	return ok
}

// Flush ends the spool.
func (s *Stream) Flush() error {
	s.spool.Flush()
	return s.spool.Error()
}

// Header returns the columns of the events table WriteTable writes.
func (s *Stream) Header() []string { return slices.Clone(s.columns) }

// WriteTable reads the spool back from r and writes the events table to
// w, leaving out the records whose index is in drop. It returns, for the
// line each written row starts on, the index of its record.
func (s *Stream) WriteTable(r io.Reader, w io.Writer, drop map[int]bool) (rowLines []int32, err error) {
	header := s.Header()
	sid, hasSID := s.col[SourceIDColumn]
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	cr := csv.NewReader(bufio.NewReaderSize(r, 64<<10))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	row := make([]string, len(header))
	line := 2
	for i := 0; ; i++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the spool: %w", err)
		}
		if drop[i] {
			continue
		}
		clear(row)
		row[0] = rec[2]
		if hasSID {
			row[sid] = rec[1]
		}
		for k := 3; k+1 < len(rec); k += 2 {
			row[s.col[rec[k]]] = rec[k+1]
		}
		rowLines = append(rowLines, int32(line), int32(i))
		if err := cw.Write(row); err != nil {
			return nil, err
		}
		for _, c := range row {
			for j := 0; j < len(c); j++ {
				if c[j] == '\n' {
					line++
				}
			}
		}
		line++
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	return rowLines, bw.Flush()
}

// Check validates the events table in r, which WriteTable wrote with
// rowLines, and returns the records whose events have errors, with the
// reasons, and how many rows the table has. It keeps the warnings of the
// others and the types of the extra columns, for Result and Types.
func (s *Stream) Check(r io.Reader, rowLines []int32) (failed map[int]string, events int, err error) {
	index := func(line int) (int, bool) {
		// rowLines holds pairs (line, record) in increasing line order.
		n := len(rowLines) / 2
		k := sort.Search(n, func(k int) bool { return int(rowLines[2*k]) >= line })
		if k < n && int(rowLines[2*k]) == line {
			return int(rowLines[2*k+1]), true
		}
		return 0, false
	}
	failed = map[int]string{}
	s.checked = s.checked[:0]
	sc := timeline.NewScanner(r, "events.csv")
	sc.Report = func(d timeline.Diagnostic) {
		i, ok := index(d.Line)
		if !ok {
			return
		}
		msg := d.Msg
		if d.Field != "" {
			msg = d.Field + ": " + msg
		}
		if d.Severity == timeline.Error {
			if failed[i] != "" {
				msg = failed[i] + "; " + msg
			}
			failed[i] = msg
		} else {
			s.checked = append(s.checked, Note{s.files[s.fileIx[i]], int(s.lines[i]), msg})
		}
	}
	h, err := sc.ReadHeader()
	if err != nil {
		return nil, 0, err
	}
	extra := h.Extra()
	pos := make([]int, len(extra))
	for k, name := range extra {
		pos[k] = h.IndexOf(name)
	}
	types := make([]string, len(extra))
	err = sc.Scan(func(row *timeline.Row) {
		events++
		for k, p := range pos {
			if p < len(row.Fields) {
				types[k] = timeline.NarrowType(types[k], row.Fields[p])
			}
		}
	})
	if err != io.EOF {
		return nil, 0, err
	}
	s.types = map[string]string{}
	for k, name := range extra {
		s.types[name] = types[k]
	}
	return failed, events, nil
}

// Types returns the Table Schema types of the extra columns that the last
// Check found (see timeline.NarrowType).
func (s *Stream) Types() map[string]string { return s.types }

// Release drops what only the spooling needs (the ids and source ids
// seen), before the table is checked.
func (s *Stream) Release() { s.taken, s.seen = nil, nil }

// Result returns the report of the import, once Check finds no error:
// events is the count it gave, and the records dropped for errors on the
// way are skipped, with their reasons.
func (s *Stream) Result(dropped map[int]string, events int) *MergeResult {
	res := &MergeResult{Header: s.Header(), Read: s.read, Events: events, Added: len(s.lines) - len(dropped)}
	res.Skipped = append(res.Skipped, s.skips...)
	for i, why := range dropped {
		res.Skipped = append(res.Skipped, Note{s.files[s.fileIx[i]], int(s.lines[i]), why})
	}
	order := map[string]int{}
	for i, f := range s.files {
		if _, ok := order[f]; !ok {
			order[f] = i
		}
	}
	byPlace := func(a, b Note) int {
		if c := order[a.File] - order[b.File]; c != 0 {
			return c
		}
		return a.Line - b.Line
	}
	slices.SortStableFunc(res.Skipped, byPlace)
	res.Warnings = slices.Concat(s.warns, s.checked)
	slices.SortStableFunc(res.Warnings, byPlace)
	return res
}
