package formats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"timeline/timeline"
)

// SourceIDColumn is the extra column in which an import keeps the id the
// source gives an event, as FORMAT:ID (acled:NIG1234), so that importing
// an updated export of the same source updates the event instead of adding
// it again.
const SourceIDColumn = "source_id"

// Collector is an ImportSink that keeps what an importer emits, for Merge.
type Collector struct {
	File     string // the file's name in reports
	Format   string // the importer's name
	Info     *Meta  // what the file says of the dataset as a whole, if anything
	Records  []*Record
	Skips    []Skip
	Warnings []Skip
}

// NewCollector returns a Collector of the records of file, read by the
// named format.
func NewCollector(file, format string) *Collector {
	return &Collector{File: file, Format: format}
}

// Meta keeps the first Meta given.
func (c *Collector) Meta(m Meta) error {
	if c.Info == nil {
		c.Info = &m
	}
	return nil
}

// Record keeps rec.
func (c *Collector) Record(rec *Record) error {
	c.Records = append(c.Records, rec)
	return nil
}

// Skip keeps s.
func (c *Collector) Skip(s Skip) { c.Skips = append(c.Skips, s) }

// Warn keeps a warning.
func (c *Collector) Warn(line int, msg string) {
	c.Warnings = append(c.Warnings, Skip{Line: line, Reason: msg})
}

// Rows is the number of source records read: those mapped and those
// skipped.
func (c *Collector) Rows() int { return len(c.Records) + len(c.Skips) }

// Note is a skipped record or a warning, with the file it is in.
type Note struct {
	File   string
	Line   int
	Reason string
}

// String formats the note as FILE:LINE: reason.
func (n Note) String() string {
	if n.Line <= 0 {
		return n.File + ": " + n.Reason
	}
	return n.File + ":" + strconv.Itoa(n.Line) + ": " + n.Reason
}

// MergeOptions are the choices of an import.
type MergeOptions struct {
	// Prune removes the events of the imported formats' sources (those
	// with a source id of the format) that the import no longer has.
	Prune bool
}

// MergeResult is what Merge did.
type MergeResult struct {
	// Header and Data are the new events table, canonical CSV.
	Header []string
	Data   []byte
	// Events is how many events the table has.
	Events int
	Read   int // source records read
	// Added, Updated and Unchanged count the mapped records by what they
	// did to the dataset; Pruned lists the ids --prune removed.
	Added, Updated, Unchanged int
	Pruned                    []string
	Skipped                   []Note
	Warnings                  []Note
}

// row is one event of a merge, as cells aligned with the merge's header.
type row struct {
	cells []string
	// from is the record it comes from (nil for an untouched event of the
	// base dataset); old holds the base event's cells when a record
	// updated it.
	from *Record
	file string
	old  []string
	// gone marks a row not written: pruned, or a new record that failed.
	gone, pruned bool
}

// Merge applies the imported records to base (the dataset appended to; an
// empty one for a new package): a record with the source id of an event of
// base updates it, one whose start and title are those of an event of base
// without a source id does too, any other is added. The result is checked
// with the dataset's own validation: a record whose event has an error is
// skipped, with the reason, and the base event it would have changed is
// kept as it was. base must have no errors of its own.
func Merge(base *timeline.Dataset, imports []*Collector, opt MergeOptions) (*MergeResult, error) {
	res := &MergeResult{}
	header := base.Header()
	col := map[string]int{}
	for i, n := range header {
		col[n] = i
	}
	addColumn := func(name string) int {
		if i, ok := col[name]; ok {
			return i
		}
		header = append(header, name)
		col[name] = len(header) - 1
		return col[name]
	}
	rows := make([]*row, 0, len(base.Events))
	bySource := map[string]*row{}
	byContent := map[string][]*row{} // events of base without a source id
	taken := map[string]bool{}
	sidCol, hasSID := col[SourceIDColumn]
	for i := range base.Events {
		e := &base.Events[i]
		cells := make([]string, len(header))
		for c := range timeline.Columns() {
			cells[c] = e.Field(timeline.Column(c))
		}
		copy(cells[len(timeline.Columns()):], e.Extra)
		r := &row{cells: cells}
		rows = append(rows, r)
		taken[e.ID] = true
		if hasSID && cells[sidCol] != "" {
			bySource[cells[sidCol]] = r
		} else {
			k := e.Start + "\x00" + e.Title
			byContent[k] = append(byContent[k], r)
		}
	}
	// The columns each format fills: a record of an update overwrites
	// those, blank where it has no value, and keeps the others (a column a
	// person added by hand).
	seenBy := map[string]map[string]bool{} // source ids imported, by format
	fileOrder := map[string]int{}
	for _, im := range imports {
		if _, ok := fileOrder[im.File]; !ok {
			fileOrder[im.File] = len(fileOrder)
		}
		res.Read += im.Rows()
		for _, s := range im.Skips {
			res.Skipped = append(res.Skipped, Note{im.File, s.Line, s.Reason})
		}
		for _, w := range im.Warnings {
			res.Warnings = append(res.Warnings, Note{im.File, w.Line, w.Reason})
		}
		owned := map[string]bool{}
		for _, rec := range im.Records {
			for _, name := range timeline.Columns() {
				if _, ok := rec.Cells[name]; ok {
					owned[name] = true
				}
			}
			for _, name := range rec.Extra {
				addColumn(name)
				owned[name] = true
			}
			for _, name := range slices.Sorted(maps.Keys(rec.Cells)) {
				if _, ok := col[name]; !ok {
					addColumn(name) // an extra column not named in Extra
				}
				owned[name] = true
			}
			if rec.SourceID != "" {
				addColumn(SourceIDColumn)
				owned[SourceIDColumn] = true
			}
		}
		ownedIdx := make([]int, 0, len(owned))
		for name := range owned {
			if name != "id" {
				ownedIdx = append(ownedIdx, col[name])
			}
		}
		slices.Sort(ownedIdx)
		seen := map[string]int{}
		for _, rec := range im.Records {
			key := ""
			if rec.SourceID != "" {
				key = im.Format + ":" + rec.SourceID
				if line, dup := seen[key]; dup {
					res.Skipped = append(res.Skipped, Note{im.File, rec.Line, fmt.Sprintf("source id %s appears again (first at line %d)", rec.SourceID, line)})
					continue
				}
				seen[key] = rec.Line
			}
			var match *row
			if key != "" {
				match = bySource[key]
			} else {
				// Records without a source id update the events of the
				// same start and title, one each, in order.
				for _, r := range byContent[rec.Cells["start"]+"\x00"+rec.Cells["title"]] {
					if r.from == nil {
						match = r
						break
					}
				}
			}
			if match != nil {
				match.old = slices.Clone(match.cells)
				match.cells = extend(match.cells, len(header))
				for _, i := range ownedIdx {
					match.cells[i] = rec.Cells[header[i]]
				}
				if key != "" {
					match.cells[col[SourceIDColumn]] = key
				}
				match.from, match.file = rec, im.File
				continue
			}
			cells := make([]string, len(header))
			for name, v := range rec.Cells {
				cells[col[name]] = v
			}
			if key != "" {
				cells[col[SourceIDColumn]] = key
			}
			id := rec.Cells["id"]
			if id == "" || taken[id] {
				base := rec.Cells["title"]
				if rec.SourceID != "" {
					base = im.Format + " " + rec.SourceID
				}
				id = uniqueSlug(base, taken)
			}
			taken[id] = true
			cells[0] = id
			r := &row{cells: cells, from: rec, file: im.File}
			rows = append(rows, r)
		}
		if seenBy[im.Format] == nil {
			seenBy[im.Format] = map[string]bool{}
		}
		for k := range seen {
			seenBy[im.Format][k] = true
		}
	}
	if opt.Prune {
		for _, r := range rows {
			sid := cellAt(r.cells, col, SourceIDColumn)
			format, _, ok := strings.Cut(sid, ":")
			if r.from == nil && ok && seenBy[format] != nil && !seenBy[format][sid] {
				r.gone, r.pruned = true, true
			}
		}
	}
	for _, r := range rows {
		r.cells = extend(r.cells, len(header))
	}
	// Validate; a record whose event has an error is skipped and the
	// event it would have changed restored. Dropping one can make another
	// fail (a date relative to it), so this goes on until none fails.
	for {
		data, lines := writeRows(header, rows)
		failed := map[int][]string{}
		warned := map[int][]string{}
		ds, _, err := timeline.Read(bytes.NewReader(data), "events.csv", func(d timeline.Diagnostic) {
			i, ok := lines[d.Line]
			if !ok {
				return
			}
			msg := d.Msg
			if d.Field != "" {
				msg = d.Field + ": " + msg
			}
			if d.Severity == timeline.Error {
				failed[i] = append(failed[i], msg)
			} else {
				warned[i] = append(warned[i], msg)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("checking the imported events: %w", err)
		}
		dropped := false
		for _, i := range slices.Sorted(maps.Keys(failed)) {
			r := rows[i]
			if r.from == nil {
				return nil, fmt.Errorf("event %s of the dataset fails once the import is applied: %s", r.cells[0], strings.Join(failed[i], "; "))
			}
			res.Skipped = append(res.Skipped, Note{r.file, r.from.Line, strings.Join(failed[i], "; ")})
			if r.old != nil {
				r.cells, r.from, r.old = extend(r.old, len(header)), nil, nil
			} else {
				r.gone, r.from = true, nil
			}
			dropped = true
		}
		if dropped {
			continue
		}
		for _, i := range slices.Sorted(maps.Keys(warned)) {
			if r := rows[i]; r.from != nil {
				for _, w := range warned[i] {
					res.Warnings = append(res.Warnings, Note{r.file, r.from.Line, w})
				}
			}
		}
		for _, r := range rows {
			switch {
			case r.pruned:
				res.Pruned = append(res.Pruned, r.cells[0])
			case r.gone || r.from == nil:
			case r.old == nil:
				res.Added++
			case slices.Equal(r.old, r.cells):
				res.Unchanged++
			default:
				res.Updated++
			}
		}
		res.Header, res.Data, res.Events = header, data, len(ds.Events)
		byPlace := func(a, b Note) int {
			if c := fileOrder[a.File] - fileOrder[b.File]; c != 0 {
				return c
			}
			return a.Line - b.Line
		}
		slices.SortStableFunc(res.Skipped, byPlace)
		slices.SortStableFunc(res.Warnings, byPlace)
		return res, nil
	}
}

func cellAt(cells []string, col map[string]int, name string) string {
	if i, ok := col[name]; ok && i < len(cells) {
		return cells[i]
	}
	return ""
}

func extend(cells []string, n int) []string {
	for len(cells) < n {
		cells = append(cells, "")
	}
	return cells
}

// writeRows writes the rows that are not gone as CSV and returns, for the
// line each starts on, its index in rows.
func writeRows(header []string, rows []*row) ([]byte, map[int]int) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.Write(header)
	cw.Flush()
	line := 2
	lines := make(map[int]int, len(rows))
	for i, r := range rows {
		if r.gone {
			continue
		}
		lines[line] = i
		before := buf.Len()
		cw.Write(r.cells)
		cw.Flush()
		line += bytes.Count(buf.Bytes()[before:], []byte{'\n'})
	}
	return buf.Bytes(), lines
}

// uniqueSlug returns the slug of s, made unique among taken with a number.
func uniqueSlug(s string, taken map[string]bool) string {
	base := timeline.Slug(s)
	if !taken[base] {
		return base
	}
	for n := 2; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if !taken[id] {
			return id
		}
	}
}
