package timeline

import (
	"errors"
	"hash/maphash"
	"math"
	"strings"

	"timeline/timeline/edtf"
)

// rowID is what rowIDOf finds of a row's id.
type rowID struct {
	key    uint64
	ok     bool // the row has a valid id, hashed as key
	wanted bool // relative dates may refer to it: it goes in ids, not lines
}

// rowIDOf hashes the id of a row that checkDates will see, when it is
// valid. The read-ahead goroutine calls it, after the checks of the cells;
// seed does not change while rows are read. Whether the id is wanted is
// for markWanted to say.
func (s *Scanner) rowIDOf(rec []string) rowID {
	var r rowID
	if idx := s.hdr.index[ColID]; idx >= 0 && rec[idx] != "" && validID(rec[idx]) {
		r.key, r.ok = maphash.String(s.seed, rec[idx]), true
	}
	return r
}

// markWanted sets which of a batch's ids are wanted. Looked up one after
// the other, apart from the parsing, whose stream of input pushes the set
// out of the caches, the lookups wait for memory at the same time rather
// than in turn. wanted does not change while rows are read.
func (s *Scanner) markWanted(ids []rowID) {
	for k := range ids {
		if ids[k].ok {
			ids[k].wanted = s.wanted == nil || s.wanted.has(ids[k].key)
		}
	}
}

// touchIDs touches the slot of lines where each id of a batch that is
// not wanted goes. The table is far larger than the processor's caches, so
// a row's duplicate check used to wait for memory most of its time; the
// loads of a batch's slots, made one after the other with nothing
// depending on them, overlap instead, and checkDates finds them in the
// cache.
func (s *Scanner) touchIDs(ids []rowID) {
	if s.Lean {
		return
	}
	var sink uint64
	for _, r := range ids {
		if r.ok && !r.wanted {
			sink += s.lines.touch(r.key)
		}
	}
	s.sink = sink
}

// checkDates parses and checks the dates, registers the id (id, from
// rowIDOf) and holds the row back when it waits for a relative date.
func (s *Scanner) checkDates(row *Row, before int, id rowID) (held bool) {
	h := s.hdr
	// Dates and ids.
	key := id.key
	hasKey := false
	if i := h.index[ColID]; id.ok {
		// An id relative dates may refer to goes in ids, with its start
		// (below); any other, in lines, which is all duplicates need.
		wanted := id.wanted
		var first uint32
		var dup bool
		if wanted {
			var info idInfo
			info, dup = s.ids[key]
			first = info.line
		} else if !s.Lean {
			first, dup = s.lines.add(key, uint32(row.Line))
		}
		switch {
		case dup:
			line, col := s.fieldPos(i)
			s.report(line, col, "id", CodeIDDuplicate, "duplicate id %q (first on line %d)", row.Fields[i], first)
		case wanted:
			hasKey = true
		}
	}
	var startRel, endRel bool
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
			if _, err := edtf.ParseRelative(v); err != nil {
				s.report(line, col, c.String(), CodeDateSyntax, "%s", dateMsg(err))
				continue
			}
			if c == ColStart {
				startRel = true
			} else {
				endRel = true
			}
			continue
		}
		d, err := edtf.Parse(v)
		if err != nil {
			s.report(line, col, c.String(), CodeDateSyntax, "%s", dateMsg(err))
			continue
		}
		if c == ColStart {
			row.Start = d
		} else {
			row.End = d
		}
	}
	held = startRel || endRel
	if i := h.index[ColEnd]; i >= 0 && row.Fields[i] == ".." && !held && !row.Start.IsZero() {
		if row.Start.IsInterval() {
			line, col := s.fieldPos(i)
			s.report(line, col, "end", CodeDateOngoing, "'..' (still ongoing) needs a single start date; %s is an interval: write its end as .. inside start instead", row.Start)
		} else {
			row.End = ongoing(row.Start)
		}
	}
	if !held {
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
		if startRel {
			info.state = statePending
			info.held = uint32(s.nheld + 1)
		}
		s.ids[key] = info
	}
	if held {
		s.hold(row, key, hasKey, startRel, endRel)
	}
	return held
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
		s.report(line, col, "end", CodeDateOrder, "end %s is before start %s", row.End, row.Start)
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
