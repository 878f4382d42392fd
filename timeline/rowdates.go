package timeline

import (
	"errors"
	"hash/maphash"
	"math"
	"strings"

	"timeline/timeline/edtf"
)

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
		wanted := s.wanted == nil || s.wanted[key]
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
			s.report(line, col, "id", CodeIDDuplicate, "duplicate id %q (first on line %d)", id, first)
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
				s.report(line, col, c.String(), CodeDateSyntax, "%s", dateMsg(err))
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
			s.report(line, col, c.String(), CodeDateSyntax, "%s", dateMsg(err))
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
			s.report(line, col, "end", CodeDateOngoing, "'..' (still ongoing) needs a single start date; %s is an interval: write its end as .. inside start instead", row.Start)
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
