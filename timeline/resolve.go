package timeline

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"unsafe"

	"timeline/timeline/edtf"
)

// heldRow is a row with a relative date, held back until the whole input
// has been read: what resolving it needs (its date cells, as text in
// Scanner.heldText, and where they are) and, while they stay within
// heldBudget, its cells. Past that budget the cells of an input that can
// be read twice are read again at the end, so that a file of a million
// rows each relative to the last costs a hundred bytes a row, not a
// thousand.
type heldRow struct {
	key          uint64 // hash of the row's id
	text         int    // the start cell then the end cell in heldText
	fields       int32  // 1 + the index of its cells in Scanner.heldFields; 0 when they are read again
	rec          uint32 // the record's number, from 0 after the header
	line         int32
	errors       int32
	nStart, nEnd uint32
	startPos     [2]int32
	endPos       [2]int32
	hasKey       bool // false when the row has no usable id
	startRel     bool
	endRel       bool
}

// heldChunk is how many held rows a chunk of Scanner.held holds: grown a
// chunk at a time, a million held rows are never copied.
const heldChunk = 4096

// heldAt returns held row i.
func (s *Scanner) heldAt(i int) *heldRow { return &s.held[i/heldChunk][i%heldChunk] }

// heldBudget bounds the bytes of cells held rows keep, when the input can
// be read again.
const heldBudget = 16 << 20

// hold keeps a row with a relative date for the end.
func (s *Scanner) hold(row *Row, key uint64, hasKey, startRel, endRel bool) {
	h := s.hdr
	hr := heldRow{rec: uint32(s.rec - 1), line: int32(row.Line), key: key, errors: int32(row.Errors),
		text: len(s.heldText), hasKey: hasKey, startRel: startRel, endRel: endRel}
	if i := h.index[ColStart]; i >= 0 {
		s.heldText = append(s.heldText, row.Fields[i]...)
		hr.nStart = uint32(len(row.Fields[i]))
		line, col := s.fieldPos(i)
		hr.startPos = [2]int32{int32(line), int32(col)}
	}
	if i := h.index[ColEnd]; i >= 0 {
		s.heldText = append(s.heldText, row.Fields[i]...)
		hr.nEnd = uint32(len(row.Fields[i]))
		line, col := s.fieldPos(i)
		hr.endPos = [2]int32{int32(line), int32(col)}
	}
	if s.again == nil || s.heldBytes < heldBudget || s.rec > math.MaxUint32 {
		s.heldFields = append(s.heldFields, cloneAll(row.Fields))
		hr.fields = int32(len(s.heldFields))
		for _, f := range row.Fields {
			s.heldBytes += len(f) + 16
		}
	}
	if n := len(s.held); n == 0 || len(s.held[n-1]) == heldChunk {
		s.held = append(s.held, make([]heldRow, 0, heldChunk))
	}
	s.held[len(s.held)-1] = append(s.held[len(s.held)-1], hr)
	s.nheld++
}

// heldCells returns the start and end cells of a held row.
func (s *Scanner) heldCells(hr *heldRow) (string, string) {
	t := s.heldText[hr.text:]
	return bytesString(t[:hr.nStart]), bytesString(t[hr.nStart : hr.nStart+hr.nEnd])
}

// bytesString returns b as a string without copying it. It is only for bytes of
// heldText and dates, which are only ever appended to: the bytes a string
// was made of are never written again, even when an append moves the
// slice, so the string never changes; and for a call that keeps nothing
// of the string.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// finish resolves the held-back rows, reporting their problems, and
// delivers them in file order.
func (s *Scanner) finish(yield func(*Row)) error {
	for i := range s.nheld {
		hr := s.heldAt(i)
		before := s.counts.Errors
		start, end := s.heldDates(hr, true)
		if s.counts.Errors == before && hr.errors == 0 {
			s.checkOrderHeld(start, end, hr.endPos)
		}
		hr.errors += int32(s.counts.Errors - before)
	}
	var again *csvReader
	var scratch []string
	var pos []int32
	var pe *csv.ParseError
	var row Row
	next := 0 // the record again reads next
	for i := range s.nheld {
		hr := s.heldAt(i)
		var fields []string
		if hr.fields > 0 {
			fields = s.heldFields[hr.fields-1]
		} else {
			if again == nil {
				var err error
				if again, err = s.readAgain(); err != nil {
					return err
				}
			}
			for ; next <= int(hr.rec); next++ {
				var err error
				scratch, pos, err = again.appendRecord(scratch[:0], pos[:0])
				if err != nil && !errors.As(err, &pe) {
					return fmt.Errorf("reading the input again: %w", err)
				}
			}
			if len(scratch) != len(s.hdr.Names) {
				return errors.New("reading the input again: it changed while it was read")
			}
			fields = scratch
		}
		start, end := s.heldDates(hr, false)
		row = Row{Line: int(hr.line), Fields: fields, Start: start, End: end, Errors: int(hr.errors), hdr: s.hdr}
		yield(&row)
	}
	s.held, s.nheld, s.heldText, s.heldFields = nil, 0, nil, nil
	return nil
}

// readAgain returns a reader of the input's records from the first after
// the header, as the Scanner read them.
func (s *Scanner) readAgain() (*csvReader, error) {
	if _, err := s.again.Seek(s.startOff, io.SeekStart); err != nil {
		return nil, fmt.Errorf("reading the input again: %w", err)
	}
	cr := newCSVReader(&utf8Reader{r: &crReader{r: s.again}}, true)
	if _, err := cr.Read(); err != nil {
		return nil, fmt.Errorf("reading the input again: %w", err)
	}
	return cr, nil
}

// heldDates returns the dates of a held row, resolving them; with report,
// it reports what cannot be resolved (the first time, in file order).
func (s *Scanner) heldDates(hr *heldRow, report bool) (start, end edtf.Date) {
	startText, endText := s.heldCells(hr)
	switch {
	case hr.startRel:
		rel, _ := edtf.ParseRelative(startText) // checked when the row was read
		if hr.hasKey {
			start = s.resolveKey(hr.key)
		} else if base, st := s.resolveID(rel.ID); st == resolved {
			start = rel.Resolve(base)
		} else if report {
			s.reportRelative(rel, hr.startPos, "start", st)
		}
	case startText != "":
		start, _ = edtf.Parse(startText) // its errors were reported when the row was read
	}
	switch {
	case hr.endRel:
		rel, _ := edtf.ParseRelative(endText)
		if base, st := s.resolveID(rel.ID); st == resolved {
			end = rel.Resolve(base)
		} else if report {
			s.reportRelative(rel, hr.endPos, "end", st)
		}
	case endText == "..":
		if !start.IsZero() {
			end = ongoing(start)
		}
	case endText != "":
		end, _ = edtf.Parse(endText)
	}
	return start, end
}

func (s *Scanner) checkOrderHeld(start, end edtf.Date, endPos [2]int32) {
	if start.IsZero() || end.IsZero() || end.Ongoing() {
		return
	}
	if !end.Upper().After(start.Lower()) {
		s.report(int(endPos[0]), int(endPos[1]), "end", CodeDateOrder, "end %s is before start %s", end, start)
	}
}

// Outcomes of looking up the event a relative date refers to.
const (
	resolved = iota
	unknownID
	invalidTarget
	inCycle
	failedTarget
	pendingTarget // the target's own start waits to be resolved
)

// Resolution states of idInfo.state.
const (
	stateDone     = 0
	statePending  = 1
	stateVisiting = 2
	stateFailed   = 3
	stateCycle    = 4 // failed because the chain of relative dates loops
)

// resolveKey resolves the start of the held-back row whose id hashes to key,
// following its chain of relative dates. The chain is walked with a stack
// of its own rather than by recursion, so that a chain as long as any file
// holds (each of a million rows relative to the next) needs no deep call
// stack. A row met again while its chain is being walked closes a cycle,
// and every row on the chain is reported, the innermost first.
func (s *Scanner) resolveKey(key uint64) edtf.Date {
	info := s.ids[key]
	if info.state != statePending {
		return s.dateOf(key, info)
	}
	info.state = stateVisiting
	s.ids[key] = info
	var out edtf.Date
	stack := append(s.stack[:0], key)
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		ki := info
		if k != key {
			ki = s.ids[k]
		}
		hr := s.heldAt(int(ki.held - 1))
		startText, _ := s.heldCells(hr)
		rel, _ := edtf.ParseRelative(startText)
		base, st, next := s.target(rel.ID)
		if st == pendingTarget {
			s.setState(next, stateVisiting)
			stack = append(stack, next)
			continue
		}
		stack = stack[:len(stack)-1]
		if st != resolved {
			s.reportRelative(rel, hr.startPos, "start", st)
			ki.state = stateFailed
			if st == inCycle {
				ki.state = stateCycle
			}
			s.ids[k] = ki
			continue
		}
		d := rel.Resolve(base)
		s.setResolved(k, ki, d)
		if k == key {
			out = d
		}
	}
	s.stack = stack
	return out
}

// setResolved records d, the resolved start of the row whose id hashes to
// key, with info: as text in dates, where the starts of other rows are,
// parsed again when it is asked for, so that a resolved start costs a
// dozen bytes.
func (s *Scanner) setResolved(key uint64, info idInfo, d edtf.Date) {
	info.state = stateDone
	text, _ := d.AppendText(s.text[:0])
	s.text = text
	if again, err := edtf.Parse(bytesString(text)); err == nil && again == d && len(text) <= math.MaxUint8 && len(s.dates) < math.MaxUint32-256 {
		info.off, info.n = uint32(len(s.dates)), uint8(len(text))
		s.dates = append(s.dates, text...)
	} else {
		if s.resolvedOther == nil {
			s.resolvedOther = map[uint64]edtf.Date{}
		}
		s.resolvedOther[key] = d
	}
	s.ids[key] = info
}

// dateOf returns the start of the row whose id hashes to key, with info,
// once it is resolved, or the zero Date.
func (s *Scanner) dateOf(key uint64, info idInfo) edtf.Date {
	if info.state != stateDone {
		return edtf.Date{}
	}
	if d, ok := s.resolvedOther[key]; ok {
		return d
	}
	if info.n == 0 {
		return edtf.Date{}
	}
	d, _ := edtf.Parse(bytesString(s.dates[info.off : info.off+uint32(info.n)]))
	return d
}

// resolveID returns the resolved start of the event with the given id,
// resolving its own relative start first when it has one.
func (s *Scanner) resolveID(id string) (edtf.Date, int) {
	d, st, next := s.target(id)
	if st == pendingTarget {
		s.resolveKey(next)
		d, st, _ = s.target(id)
	}
	return d, st
}

func (s *Scanner) setState(key uint64, state uint8) {
	info := s.ids[key]
	info.state = state
	s.ids[key] = info
}

// target returns the start of the event with the given id, with how it
// went; when that event's own start is a relative date not yet resolved,
// it returns pendingTarget and the event's key, for the caller to resolve
// first.
func (s *Scanner) target(id string) (edtf.Date, int, uint64) {
	key := maphash.String(s.seed, id)
	info, found := s.ids[key]
	if !found {
		return edtf.Date{}, unknownID, 0
	}
	switch info.state {
	case statePending:
		return edtf.Date{}, pendingTarget, key
	case stateVisiting, stateCycle:
		return edtf.Date{}, inCycle, 0
	case stateFailed:
		return edtf.Date{}, failedTarget, 0
	}
	if d, ok := s.resolvedOther[key]; ok {
		return d, resolved, 0
	}
	if info.n == 0 {
		return edtf.Date{}, invalidTarget, 0
	}
	d, err := edtf.Parse(bytesString(s.dates[info.off : info.off+uint32(info.n)]))
	if err != nil {
		return edtf.Date{}, invalidTarget, 0
	}
	return d, resolved, 0
}

func (s *Scanner) reportRelative(rel edtf.Relative, pos [2]int32, field string, st int) {
	line, col := int(pos[0]), int(pos[1])
	switch st {
	case unknownID:
		s.report(line, col, field, CodeRelativeUnknown, "relative date %s refers to unknown id %q", rel, rel.ID)
	case invalidTarget:
		s.report(line, col, field, CodeRelativeTarget, "relative date %s refers to %q, whose start is not a valid date", rel, rel.ID)
	case inCycle:
		s.report(line, col, field, CodeRelativeCycle, "relative date %s depends on a cycle of relative dates", rel)
	default:
		s.report(line, col, field, CodeRelativeTarget, "relative date %s refers to %q, whose start cannot be resolved", rel, rel.ID)
	}
}
