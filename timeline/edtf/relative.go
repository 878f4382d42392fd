package edtf

import "strconv"

// Duration is an ISO 8601 duration such as P3W or P1Y2M10DT2H.
type Duration struct {
	Years, Months, Weeks, Days, Hours, Minutes, Seconds int
}

// ParseDuration parses an ISO 8601 duration: P, then any of nY nM nW nD, then
// optionally T and any of nH nM nS, in that order: P3W, P1Y2M10D, PT8H,
// P1DT2H. At least one part is needed; each number is at most 100000.
func ParseDuration(s string) (Duration, error) {
	var d Duration
	fail := func(off int, msg string) (Duration, error) {
		return Duration{}, &SyntaxError{s, off, msg}
	}
	if s == "" || s[0] != 'P' {
		return fail(0, "a duration starts with 'P' (P3W, P1Y2M, PT8H)")
	}
	i, parts, inTime := 1, 0, false
	order := 0 // index in "YMWD" then "HMS" of the last part, to keep them in order
	for i < len(s) {
		if s[i] == 'T' {
			if inTime {
				return fail(i, "'T' written twice")
			}
			inTime, order = true, 0
			i++
			if i == len(s) {
				return fail(i, "want hours, minutes or seconds after 'T'")
			}
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i {
			return fail(i, "want a number")
		}
		if j == len(s) {
			return fail(j, "want a unit after the number")
		}
		n, err := strconv.Atoi(s[i:j])
		if err != nil || n > 100000 {
			return fail(i, "number too large")
		}
		units := "YMWD"
		if inTime {
			units = "HMS"
		}
		k := -1
		for u := 0; u < len(units); u++ {
			if units[u] == s[j] {
				k = u
			}
		}
		if k < 0 {
			return fail(j, "unknown unit "+strconv.QuoteRune(rune(s[j]))+" (want "+units+")")
		}
		if k+1 <= order {
			return fail(j, "units out of order")
		}
		order = k + 1
		switch {
		case !inTime && k == 0:
			d.Years = n
		case !inTime && k == 1:
			d.Months = n
		case !inTime && k == 2:
			d.Weeks = n
		case !inTime && k == 3:
			d.Days = n
		case k == 0:
			d.Hours = n
		case k == 1:
			d.Minutes = n
		default:
			d.Seconds = n
		}
		parts++
		i = j + 1
	}
	if parts == 0 {
		return fail(len(s), "a duration needs at least one part")
	}
	return d, nil
}

// String returns the canonical spelling of d.
func (d Duration) String() string {
	b := []byte{'P'}
	for _, p := range []struct {
		n int
		u byte
	}{{d.Years, 'Y'}, {d.Months, 'M'}, {d.Weeks, 'W'}, {d.Days, 'D'}} {
		if p.n != 0 {
			b = append(strconv.AppendInt(b, int64(p.n), 10), p.u)
		}
	}
	if d.Hours != 0 || d.Minutes != 0 || d.Seconds != 0 {
		b = append(b, 'T')
		for _, p := range []struct {
			n int
			u byte
		}{{d.Hours, 'H'}, {d.Minutes, 'M'}, {d.Seconds, 'S'}} {
			if p.n != 0 {
				b = append(strconv.AppendInt(b, int64(p.n), 10), p.u)
			}
		}
	}
	if len(b) == 1 {
		b = append(b, "0D"...)
	}
	return string(b)
}

// Relative is a date relative to another event's start: "<id>+<duration>"
// or "<id>-<duration>", optionally followed by one qualifier ?, ~ or %, as in
// "spb-metro-bombing+P3W~". The id is a slug: [a-z0-9][a-z0-9-]*.
type Relative struct {
	ID          string
	Negative    bool
	Dur         Duration
	Uncertain   bool
	Approximate bool
}

// IsRelative reports whether s is written as a relative date rather than
// EDTF: it starts with a lower-case letter (EDTF never does), or it holds
// "+P" or "-P" (for ids that start with a digit, as in "2017-bombing+P1D").
// It does not check the rest; ParseRelative does.
func IsRelative(s string) bool {
	if s == "" {
		return false
	}
	if b := s[0]; b >= 'a' && b <= 'z' {
		return true
	}
	// An id may start with a digit ("2017-bombing+P1D"): look for "+P" or "-P".
	for i := 1; i+1 < len(s); i++ {
		if (s[i] == '+' || s[i] == '-') && s[i+1] == 'P' {
			return true
		}
	}
	return false
}

// ParseRelative parses a relative date. Since ids may contain '-', the id
// ends at the last '+' or '-' that is followed by 'P'.
func ParseRelative(s string) (Relative, error) {
	var r Relative
	end := len(s)
	if end > 0 {
		switch s[end-1] {
		case '?':
			r.Uncertain, end = true, end-1
		case '~':
			r.Approximate, end = true, end-1
		case '%':
			r.Uncertain, r.Approximate, end = true, true, end-1
		}
	}
	cut := -1
	for i := end - 2; i > 0; i-- {
		if (s[i] == '+' || s[i] == '-') && s[i+1] == 'P' {
			cut = i
			break
		}
	}
	if cut < 0 {
		return Relative{}, &SyntaxError{s, 0, "want an EDTF date or ID+DURATION (e.g. spb-metro-bombing+P3W)"}
	}
	id := s[:cut]
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' && i > 0) {
			return Relative{}, &SyntaxError{s, i, "id " + strconv.Quote(id) + " is not a valid id"}
		}
	}
	dur, err := ParseDuration(s[cut+1 : end])
	if err != nil {
		se := err.(*SyntaxError)
		return Relative{}, &SyntaxError{s, cut + 1 + se.Offset, "duration: " + se.Msg}
	}
	r.ID, r.Negative, r.Dur = id, s[cut] == '-', dur
	return r, nil
}

// String returns the canonical spelling of r.
func (r Relative) String() string {
	sign := "+"
	if r.Negative {
		sign = "-"
	}
	q := ""
	switch {
	case r.Uncertain && r.Approximate:
		q = "%"
	case r.Uncertain:
		q = "?"
	case r.Approximate:
		q = "~"
	}
	return r.ID + sign + r.Dur.String() + q
}

// Resolve returns the date r means when its event starts at base.
func (r Relative) Resolve(base Date) Date {
	return base.Shift(r.Dur, r.Negative).Qualify(r.Uncertain, r.Approximate)
}
