package timeline

import (
	"encoding/csv"
	"errors"
)

// batch is a run of records read ahead, with the position of every field
// and the diagnostics of the checks of single cells.
type batch struct {
	fields  []string   // the cells of every record, one after the other
	fieldAt []int      // where each record starts in fields, -1 for one that did not parse
	recs    [][]string // nil where the record did not parse
	perrs   []*csv.ParseError
	// unclosed holds, for each record that did not parse, where the quoted
	// cell opened that runs to the end of the input (zero for other errors).
	unclosed [][2]int32
	pos      []int32      // line and column of each field, record after record
	posAt    []int        // where each record's positions start in pos
	diags    []Diagnostic // the cell checks' diagnostics, record after record
	diagAt   []int        // where each record's diagnostics start in diags, and one past the last record
	ids      []rowID      // each record's id, hashed
	err      error        // io.EOF or an I/O error after the last record
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
		b.unclosed = b.unclosed[:0]
		b.diags, b.diagAt, b.ids = b.diags[:0], b.diagAt[:0], b.ids[:0]
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
					b.ids = append(b.ids, rowID{})
					b.perrs = append(b.perrs, pe)
					b.unclosed = append(b.unclosed, s.cr.unclosed)
					continue
				}
				b.posAt = b.posAt[:len(b.posAt)-1]
				b.diagAt = b.diagAt[:len(b.diagAt)-1]
				b.err = err
				break
			}
			b.fieldAt = append(b.fieldAt, at)
			b.perrs = append(b.perrs, nil)
			b.unclosed = append(b.unclosed, [2]int32{})
			id := rowID{}
			if rec := b.fields[at:]; len(rec) == len(s.hdr.Names) {
				if !s.Lean {
					c.pos, c.out = b.pos[b.posAt[len(b.posAt)-1]:], b.diags
					c.checkFields(rec)
					b.diags = c.out
				}
				id = s.rowIDOf(rec)
			}
			b.ids = append(b.ids, id)
		}
		b.diagAt = append(b.diagAt, len(b.diags))
		s.markWanted(b.ids)
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
