package edtf

import (
	"strconv"
)

// SyntaxError reports a date, duration or relative date that cannot be read,
// with the byte offset in Input where the problem is. Msg is lower-case
// without final punctuation.
type SyntaxError struct {
	Input  string
	Offset int
	Msg    string
}

// Error returns the quoted input and the message: "2017-13": month 13 out of
// range.
func (e *SyntaxError) Error() string {
	return strconv.Quote(e.Input) + ": " + e.Msg
}

// maxYear bounds the years a date may name: a hundred billion years, past
// the age of the universe (TimelineJS's cosmological scale) and inside
// time.Time's range and int64 Unix seconds.
const maxYear = 100_000_000_000

// Parse parses a strict EDTF level 0 or 1 value: a date, a date and time
// (minutes or seconds, with an optional Z or ±HH:MM zone), a season, a date
// with unspecified digits, a qualified date, or an interval of those with
// open (..) or unknown (empty) ends.
func Parse(s string) (Date, error) {
	if d, ok := parseDay(s); ok {
		return d, nil
	}
	return parse(s)
}

// parseDay reads the commonest date of all, a day written YYYY-MM-DD, by
// direct byte arithmetic, as parse would read it. It reports false for
// anything else, valid or not, which parse then reads the long way.
func parseDay(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	// Each digit less '0' is below 10; any other byte wraps around above.
	y0, y1, y2, y3 := s[0]-'0', s[1]-'0', s[2]-'0', s[3]-'0'
	m0, m1, d0, d1 := s[5]-'0', s[6]-'0', s[8]-'0', s[9]-'0'
	if max(y0, y1, y2, y3, m0, m1, d0, d1) > 9 {
		return Date{}, false
	}
	y := int64(y0)*1000 + int64(y1)*100 + int64(y2)*10 + int64(y3)
	m := int(m0)*10 + int(m1)
	day := int(d0)*10 + int(d1)
	if m < 1 || m > 12 || day < 1 || day > daysIn(y, m) {
		return Date{}, false
	}
	// The days since 1970-01-01, as unixDays counts them, of a year that is
	// not negative: its days before, the year's before the month, the day.
	u := uint64(y)
	days := int64(365*u+(u+3)/4-(u+99)/100+(u+399)/400) - daysTo1970 + int64(daysBeforeMonth[m]) + int64(day) - 1
	if m > 2 && daysIn(y, 2) == 29 {
		days++
	}
	var d Date
	d.a.setYear(y)
	d.a.month, d.a.day, d.a.prec = int8(m), int8(day), PrecisionDay
	d.lo = days * 86400
	d.hi = d.lo + 86400
	return d, true
}

// daysTo1970 is the number of days from 0000-01-01 to 1970-01-01.
const daysTo1970 = 719528

// daysBeforeMonth is the number of days of a year that is not a leap year
// before each month.
var daysBeforeMonth = [13]uint16{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// parse is Parse without the short cut of parseDay.
func parse(s string) (Date, error) {
	var d Date
	if s == "" {
		return d, &SyntaxError{s, 0, "empty date"}
	}
	slash := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			if slash >= 0 {
				return Date{}, &SyntaxError{s, i, "more than one '/'"}
			}
			slash = i
		}
	}
	if slash < 0 {
		if s == ".." {
			return Date{}, &SyntaxError{s, 0, "an open end '..' belongs in an interval (1995/..)"}
		}
		p, err := parsePoint(s, 0, len(s))
		if err != nil {
			return Date{}, err
		}
		d.a = p
		d.lo, d.hi = p.bounds()
		return d, nil
	}
	d.interval = true
	var err error
	if d.aKind, d.a, err = parseEnd(s, 0, slash); err != nil {
		return Date{}, err
	}
	if d.bKind, d.b, err = parseEnd(s, slash+1, len(s)); err != nil {
		return Date{}, err
	}
	if d.aKind != endDate && d.bKind != endDate {
		return Date{}, &SyntaxError{s, 0, "an interval needs at least one date"}
	}
	d.setBounds()
	if d.aKind == endDate && d.bKind == endDate {
		// The end may overlap the start (2017-05-02/2017-05) but not lie
		// wholly before it.
		if alo, _ := d.a.bounds(); d.hi <= alo {
			return Date{}, &SyntaxError{s, slash + 1, "interval ends before it starts"}
		}
	}
	return d, nil
}

func parseEnd(s string, from, to int) (uint8, point, error) {
	switch s[from:to] {
	case "":
		return endUnknown, point{}, nil
	case "..":
		return endOpen, point{}, nil
	}
	p, err := parsePoint(s, from, to)
	return endDate, p, err
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// parsePoint parses s[from:to] as one date.
func parsePoint(s string, from, to int) (point, error) {
	var p point
	fail := func(off int, msg string) (point, error) {
		return point{}, &SyntaxError{s, off, msg}
	}
	// Qualifiers at the end: one of ? ~ %, or "?~" / "~?" meaning "%".
	end := to
	for end > from {
		var q uint8
		switch s[end-1] {
		case '?':
			q = qUncertain
		case '~':
			q = qApproximate
		case '%':
			q = qUncertain | qApproximate
		}
		if q == 0 {
			break
		}
		if p.qual&q != 0 || p.qual != 0 && q == qUncertain|qApproximate {
			return fail(end-1, "qualifier written twice")
		}
		p.qual |= q
		end--
	}
	for k := from; k < end; k++ {
		if b := s[k]; b == '?' || b == '~' || b == '%' {
			return fail(k, "a qualifier goes at the end of the date")
		}
	}
	i := from
	if i == end {
		return fail(i, "missing date")
	}
	// Year.
	neg := false
	if s[i] == 'Y' {
		i++
		if i < end && s[i] == '-' {
			neg = true
			i++
		}
		j := i
		for j < end && isDigit(s[j]) {
			j++
		}
		if j-i < 5 {
			return fail(i, "a year with the Y prefix needs more than four digits")
		}
		y, err := strconv.ParseInt(s[i:j], 10, 64)
		if err != nil || y > maxYear {
			return fail(i, "year out of range")
		}
		if y <= 9999 {
			return fail(i, "a year with the Y prefix must be beyond 9999 (write it with four digits)")
		}
		if neg {
			y = -y
		}
		p.prec = PrecisionYear
		p.setYear(y)
		if j != end {
			return fail(j, "a year with the Y prefix stands alone")
		}
		return p, nil
	}
	if s[i] == '-' {
		neg = true
		i++
	}
	if end-i < 4 {
		return fail(i, "want a four-digit year")
	}
	var y int32
	xs := 0
	for k := 0; k < 4; k++ {
		b := s[i+k]
		switch {
		case isDigit(b) && xs == 0:
			y = y*10 + int32(b-'0')
		case b == 'X' || b == 'x':
			if k < 2 {
				return fail(i+k, "only the last two digits of a year may be unspecified")
			}
			xs++
			y *= 10
		default:
			if isDigit(b) {
				return fail(i+k, "unspecified digits must come last")
			}
			return fail(i+k, "want a four-digit year")
		}
	}
	if neg {
		if xs > 0 {
			return fail(i, "a negative year cannot have unspecified digits")
		}
		y = -y
	}
	p.setYear(int64(y))
	switch xs {
	case 0:
		p.prec = PrecisionYear
	case 1:
		p.prec = PrecisionDecade
	case 2:
		p.prec = PrecisionCentury
	}
	i += 4
	if i == end {
		return p, nil
	}
	if xs > 0 {
		return fail(i, "a year with unspecified digits stands alone")
	}
	if s[i] != '-' {
		if isDigit(s[i]) {
			return fail(i, "want a four-digit year (use the Y prefix for longer years)")
		}
		return fail(i, "want '-' after the year")
	}
	i++
	// Month or season.
	if end-i < 2 {
		return fail(i, "want a two-digit month")
	}
	if (s[i] == 'X' || s[i] == 'x') && (s[i+1] == 'X' || s[i+1] == 'x') {
		p.flags |= fUnspecMonth
		p.prec = PrecisionYear
	} else if isDigit(s[i]) && isDigit(s[i+1]) {
		m := int(s[i]-'0')*10 + int(s[i+1]-'0')
		switch {
		case m >= 1 && m <= 12:
			p.prec = PrecisionMonth
		case m >= 21 && m <= 24:
			p.prec = PrecisionSeason
		case m > 24:
			return fail(i, "season "+s[i:i+2]+" out of range (want 21–24)")
		default:
			return fail(i, "month "+s[i:i+2]+" out of range")
		}
		p.month = int8(m)
	} else {
		return fail(i, "want a two-digit month")
	}
	i += 2
	if i == end {
		return p, nil
	}
	if s[i] != '-' {
		if isDigit(s[i]) {
			return fail(i-2, "want a two-digit month")
		}
		return fail(i, "want '-' after the month")
	}
	if p.prec == PrecisionSeason {
		return fail(i, "a season has no day")
	}
	i++
	if end-i < 2 {
		return fail(i, "want a two-digit day")
	}
	if (s[i] == 'X' || s[i] == 'x') && (s[i+1] == 'X' || s[i+1] == 'x') {
		p.flags |= fUnspecDay
	} else if isDigit(s[i]) && isDigit(s[i+1]) {
		if p.flags&fUnspecMonth != 0 {
			return fail(i, "a day cannot follow an unspecified month")
		}
		day := int(s[i]-'0')*10 + int(s[i+1]-'0')
		if day < 1 || day > daysIn(p.yearOf(), int(p.month)) {
			return fail(i, "day "+s[i:i+2]+" out of range for "+s[from:i-1])
		}
		p.day = int8(day)
		p.prec = PrecisionDay
	} else {
		return fail(i, "want a two-digit day")
	}
	i += 2
	if i == end {
		return p, nil
	}
	if s[i] != 'T' {
		if isDigit(s[i]) {
			return fail(i-2, "want a two-digit day")
		}
		return fail(i, "want 'T' before a time")
	}
	if p.flags&fUnspecDay != 0 {
		return fail(i, "a time cannot follow an unspecified day")
	}
	i++
	hh, ok := two(s, i, end)
	if !ok || hh > 23 {
		if ok {
			return fail(i, "hour "+s[i:i+2]+" out of range")
		}
		return fail(i, "want a two-digit hour")
	}
	i += 2
	if i >= end || s[i] != ':' {
		return fail(i, "want ':' and minutes after the hour")
	}
	i++
	mm, ok := two(s, i, end)
	if !ok || mm > 59 {
		if ok {
			return fail(i, "minute "+s[i:i+2]+" out of range")
		}
		return fail(i, "want two-digit minutes")
	}
	i += 2
	p.hour, p.minute, p.prec = int8(hh), int8(mm), PrecisionMinute
	if i < end && s[i] == ':' {
		i++
		ss, ok := two(s, i, end)
		if !ok || ss > 59 {
			if ok {
				return fail(i, "second "+s[i:i+2]+" out of range")
			}
			return fail(i, "want two-digit seconds")
		}
		i += 2
		p.second, p.prec = int8(ss), PrecisionSecond
	}
	if i < end {
		switch s[i] {
		case 'Z':
			p.flags |= fZone
			i++
		case '+', '-':
			sign := int16(1)
			if s[i] == '-' {
				sign = -1
			}
			i++
			zh, ok1 := two(s, i, end)
			if !ok1 || i+2 >= end || s[i+2] != ':' {
				return fail(i, "want a zone as Z or ±HH:MM")
			}
			zm, ok2 := two(s, i+3, end)
			if !ok2 || zh > 14 || zm > 59 {
				return fail(i, "zone out of range")
			}
			p.flags, p.zoneMin = p.flags|fZone|fZoneNum, sign*int16(zh*60+zm)
			i += 5
		default:
			return fail(i, "unexpected "+strconv.QuoteRune(rune(s[i]))+" after the time")
		}
	}
	if i != end {
		return fail(i, "unexpected text after the date")
	}
	return p, nil
}

func two(s string, i, end int) (int, bool) {
	if i+2 > end || !isDigit(s[i]) || !isDigit(s[i+1]) {
		return 0, false
	}
	return int(s[i]-'0')*10 + int(s[i+1]-'0'), true
}

func daysIn(year int64, month int) int {
	switch month {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}
