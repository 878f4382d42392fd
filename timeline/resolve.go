package timeline

import (
	"hash/maphash"

	"timeline/timeline/edtf"
)

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
			} else if base, st := s.resolveID(p.startRel.ID, byKey); st == resolved {
				p.row.Start = p.startRel.Resolve(base)
			} else {
				s.reportRelative(p.startRel, p.startPos, "start", st)
			}
		}
		if p.endRel != nil {
			if base, st := s.resolveID(p.endRel.ID, byKey); st == resolved {
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
		s.report(endPos[0], endPos[1], "end", CodeDateOrder, "end %s is before start %s", row.End, row.Start)
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

// Resolution states of rowInfo.state.
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
func (s *Scanner) resolveKey(key uint64, byKey map[uint64]*pendingRow) edtf.Date {
	if s.ids[key].state != statePending {
		return s.resolved[key]
	}
	s.setState(key, stateVisiting)
	stack := []uint64{key}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		p := byKey[k]
		base, st, next := s.target(p.startRel.ID)
		if st == pendingTarget {
			s.setState(next, stateVisiting)
			stack = append(stack, next)
			continue
		}
		stack = stack[:len(stack)-1]
		if st != resolved {
			s.reportRelative(p.startRel, p.startPos, "start", st)
			if st == inCycle {
				s.setState(k, stateCycle)
			} else {
				s.setState(k, stateFailed)
			}
			continue
		}
		s.resolved[k] = p.startRel.Resolve(base)
		s.setState(k, stateDone)
	}
	return s.resolved[key]
}

// resolveID returns the resolved start of the event with the given id,
// resolving its own relative start first when it has one.
func (s *Scanner) resolveID(id string, byKey map[uint64]*pendingRow) (edtf.Date, int) {
	d, st, next := s.target(id)
	if st == pendingTarget {
		s.resolveKey(next, byKey)
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
	if d, ok := s.resolved[key]; ok {
		return d, resolved, 0
	}
	if info.n == 0 {
		return edtf.Date{}, invalidTarget, 0
	}
	d, err := edtf.Parse(string(s.dates[info.off : info.off+uint32(info.n)]))
	if err != nil {
		return edtf.Date{}, invalidTarget, 0
	}
	return d, resolved, 0
}

func (s *Scanner) reportRelative(rel *edtf.Relative, pos [2]int, field string, st int) {
	switch st {
	case unknownID:
		s.report(pos[0], pos[1], field, CodeRelativeUnknown, "relative date %s refers to unknown id %q", rel, rel.ID)
	case invalidTarget:
		s.report(pos[0], pos[1], field, CodeRelativeTarget, "relative date %s refers to %q, whose start is not a valid date", rel, rel.ID)
	case inCycle:
		s.report(pos[0], pos[1], field, CodeRelativeCycle, "relative date %s depends on a cycle of relative dates", rel)
	default:
		s.report(pos[0], pos[1], field, CodeRelativeTarget, "relative date %s refers to %q, whose start cannot be resolved", rel, rel.ID)
	}
}
