package edtf

import (
	"strconv"
)

// SyntaxError reports a date that is not valid EDTF, with the byte offset in
// Input where the problem is.
type SyntaxError struct {
	Input  string
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return strconv.Quote(e.Input) + ": " + e.Msg
}

// maxYear bounds the years a date may name, far inside time.Time's range.
const maxYear = 1_000_000_000

// Parse parses a strict EDTF level 0 or 1 value: a date, a date and time
// (minutes or seconds, with an optional Z or ±HH:MM zone), a season, a date
// with unspecified digits, a qualified date, or an interval of those with
// open (..) or unknown (empty) ends.
func Parse(s string) (Date, error) {
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
		p, err := parsePoint(s, 0, len(s))
		if err != nil {
			return Date{}, err
		}
		d.a = p
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
	if d.aKind == endDate && d.bKind == endDate && d.b.hi <= d.a.lo {
		return Date{}, &SyntaxError{s, slash + 1, "interval ends before it starts"}
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
	p.present = true
	fail := func(off int, msg string) (point, error) {
		return point{}, &SyntaxError{s, off, msg}
	}
	// Qualifier at the end.
	end := to
	if end > from {
		switch s[end-1] {
		case '?':
			p.qual, end = qUncertain, end-1
		case '~':
			p.qual, end = qApproximate, end-1
		case '%':
			p.qual, end = qUncertain|qApproximate, end-1
		}
		// "?~" and "~?" together mean both; canonical "%".
		if p.qual != 0 && end > from && (s[end-1] == '?' || s[end-1] == '~') && p.qual != qUncertain|qApproximate {
			other := qUncertain
			if s[end-1] == '~' {
				other = qApproximate
			}
			if other == p.qual {
				return fail(end-1, "qualifier written twice")
			}
			p.qual |= other
			end--
		}
	}
	i := from
	if i == end {
		return fail(i, "missing date")
	}
	// Year.
	neg := false
	if s[i] == 'Y' {
		p.yPrefix = true
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
		p.year, p.prec = y, PrecisionYear
		if j != end {
			return fail(j, "a year with the Y prefix stands alone")
		}
		return finishPoint(s, p, from)
	}
	if s[i] == '-' {
		neg = true
		i++
	}
	if end-i < 4 {
		return fail(i, "want a four-digit year")
	}
	var y int64
	xs := 0
	for k := 0; k < 4; k++ {
		b := s[i+k]
		switch {
		case isDigit(b) && xs == 0:
			y = y*10 + int64(b-'0')
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
	p.year = y
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
		return finishPoint(s, p, from)
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
		p.unspecM = true
		p.prec = PrecisionYear
	} else if isDigit(s[i]) && isDigit(s[i+1]) {
		m := int(s[i]-'0')*10 + int(s[i+1]-'0')
		switch {
		case m >= 1 && m <= 12:
			p.prec = PrecisionMonth
		case m >= 21 && m <= 24:
			p.prec = PrecisionSeason
		default:
			return fail(i, "month "+s[i:i+2]+" out of range")
		}
		p.month = int8(m)
	} else {
		return fail(i, "want a two-digit month")
	}
	i += 2
	if i == end {
		return finishPoint(s, p, from)
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
		p.unspecD = true
	} else if isDigit(s[i]) && isDigit(s[i+1]) {
		if p.unspecM {
			return fail(i, "a day cannot follow an unspecified month")
		}
		day := int(s[i]-'0')*10 + int(s[i+1]-'0')
		if day < 1 || day > daysIn(p.year, int(p.month)) {
			return fail(i, "day "+s[i:i+2]+" out of range for "+s[from:i-1])
		}
		p.day = int8(day)
		p.prec = PrecisionDay
	} else {
		return fail(i, "want a two-digit day")
	}
	i += 2
	if i == end {
		return finishPoint(s, p, from)
	}
	if s[i] != 'T' {
		if isDigit(s[i]) {
			return fail(i-2, "want a two-digit day")
		}
		return fail(i, "want 'T' before a time")
	}
	if p.unspecD {
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
			p.zone = true
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
			p.zone, p.zoneNum, p.zoneMin = true, true, sign*int16(zh*60+zm)
			i += 5
		default:
			return fail(i, "unexpected "+strconv.QuoteRune(rune(s[i]))+" after the time")
		}
	}
	if i != end {
		return fail(i, "unexpected text after the date")
	}
	return finishPoint(s, p, from)
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

// finishPoint computes the bounds of p.
func finishPoint(s string, p point, from int) (point, error) {
	y := p.year
	switch p.prec {
	case PrecisionCentury:
		p.lo, p.hi = unixDay(y, 1, 1), unixDay(y+100, 1, 1)
	case PrecisionDecade:
		p.lo, p.hi = unixDay(y, 1, 1), unixDay(y+10, 1, 1)
	case PrecisionYear:
		p.lo, p.hi = unixDay(y, 1, 1), unixDay(y+1, 1, 1)
	case PrecisionSeason:
		first := int64(3 + 3*(int(p.month)-21)) // 21 → March … 24 → December
		p.lo, p.hi = unixDay(y, first, 1), unixDay(y, first+3, 1)
	case PrecisionMonth:
		p.lo, p.hi = unixDay(y, int64(p.month), 1), unixDay(y, int64(p.month)+1, 1)
	case PrecisionDay:
		p.lo = unixDay(y, int64(p.month), int64(p.day))
		p.hi = p.lo + 86400
	case PrecisionMinute, PrecisionSecond:
		p.lo = unixDay(y, int64(p.month), int64(p.day)) + int64(p.hour)*3600 + int64(p.minute)*60 + int64(p.second)
		if p.prec == PrecisionMinute {
			p.hi = p.lo + 60
		} else {
			p.hi = p.lo + 1
		}
		if p.zone {
			off := int64(p.zoneMin) * 60
			p.lo, p.hi = p.lo-off, p.hi-off
		}
	}
	return p, nil
}

// unixDay returns the Unix time of midnight UTC on the given day of the
// proleptic Gregorian calendar with astronomical years; a month past 12
// runs into the next year. (Days from civil, after Howard Hinnant.)
func unixDay(y, m, d int64) int64 {
	y += (m - 1) / 12
	m = (m-1)%12 + 1
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return (era*146097 + doe - 719468) * 86400
}

// MustParse is Parse for dates known to be valid; it panics on an error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}
