// Package edtf parses, compares and formats dates written in the Library of
// Congress Extended Date/Time Format (ISO 8601-2), levels 0 and 1, and the
// dates relative to another event that timeline datasets use.
//
// Every Date has a lower bound (the first instant it could mean) and an
// exclusive upper bound (the first instant after it). Years are astronomical
// (year 0 is 1 BCE) in the proleptic Gregorian calendar. Date-only values and
// date-times written without a zone are taken as UTC, so they never move with
// a time zone; a date-time with Z or ±HH:MM is converted to UTC for its
// bounds and keeps its zone when spelled. Seasons 21–24 are the northern
// meteorological seasons: spring (21) is March to May, summer (22) June to
// August, autumn (23) September to November, winter (24) December of its
// year to the end of February of the next.
package edtf

import (
	"math"
	"strconv"
	"time"
)

// Precision is how finely a single date is written.
type Precision uint8

// The precisions, from none to finest; PrecisionInterval is that of any
// interval.
const (
	PrecisionNone Precision = iota
	PrecisionCentury
	PrecisionDecade
	PrecisionYear
	PrecisionSeason
	PrecisionMonth
	PrecisionDay
	PrecisionMinute
	PrecisionSecond
	PrecisionInterval
)

var precisionNames = [...]string{"none", "century", "decade", "year", "season", "month", "day", "minute", "second", "interval"}

// String returns the precision's name: "year", "day", "interval", ….
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return "precision(" + strconv.Itoa(int(p)) + ")"
}

// qualifier bits.
const (
	qUncertain uint8 = 1 << iota
	qApproximate
)

// point flags.
const (
	fUnspecMonth uint8 = 1 << iota // month written XX
	fUnspecDay                     // day written XX
	fZone                          // a zone is written
	fZoneNum                       // the zone is written ±HH:MM rather than Z
)

// point is one date as written: 16 bytes. Its bounds follow from its fields
// (see bounds). The year, astronomical and within ±maxYear, is kept as
// its low 32 bits and a high int16 (see yearOf), so that the cosmological
// years of deep time fit without making the point larger.
type point struct {
	yearLo  int32
	month   int8 // 1–12, or 21–24 for a season; 0 when absent or unspecified
	day     int8 // 1–31; 0 when absent or unspecified
	hour    int8
	minute  int8
	second  int8
	prec    Precision // PrecisionNone: no date here
	qual    uint8
	flags   uint8
	zoneMin int16 // the written zone's offset east of UTC, in minutes
	yearHi  int16
}

// yearOf returns p's astronomical year.
func (p point) yearOf() int64 { return int64(p.yearHi)<<32 | int64(uint32(p.yearLo)) }

// setYear sets p's astronomical year; |y| <= maxYear.
func (p *point) setYear(y int64) { p.yearLo, p.yearHi = int32(uint32(y)), int16(y>>32) }

// end kinds of an interval.
const (
	endDate    uint8 = iota // a date is written
	endUnknown              // empty: not known
	endOpen                 // "..": open
)

// Date is a parsed EDTF value: a single date or an interval. It is a small
// value without pointers, cheap to copy and comparable with ==; the zero Date
// is empty.
type Date struct {
	lo, hi       int64 // bounds of the whole value in Unix seconds; hi exclusive
	a, b         point // the date, or the interval's ends
	interval     bool
	aKind, bKind uint8 // endDate, endUnknown or endOpen
}

// IsZero reports whether d is the empty Date.
func (d Date) IsZero() bool { return !d.interval && d.a.prec == PrecisionNone }

// IsInterval reports whether d is an interval.
func (d Date) IsInterval() bool { return d.interval }

// setBounds computes d.lo and d.hi from the points.
func (d *Date) setBounds() {
	switch {
	case !d.interval:
		d.lo, d.hi = d.a.bounds()
	case d.aKind != endDate:
		d.lo, d.hi = d.b.bounds()
	case d.bKind != endDate:
		d.lo, d.hi = d.a.bounds()
	default:
		d.lo, _ = d.a.bounds()
		_, d.hi = d.b.bounds()
	}
}

// Lower returns the first instant the date could mean, in UTC. For an
// interval whose start is open or unknown it is the lower bound of the end
// (and LowerOpen reports true). It is the zero time.Time for the zero Date.
func (d Date) Lower() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Unix(d.lo, 0).UTC()
}

// Upper returns the first instant after the date (an exclusive bound), in
// UTC: 2017 gives 2018-01-01T00:00Z. For an interval whose end is open or
// unknown it is the upper bound of the start (and UpperOpen reports true).
// It is the zero time.Time for the zero Date.
func (d Date) Upper() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Unix(d.hi, 0).UTC()
}

// LowerOpen reports whether the start of an interval is open or unknown.
func (d Date) LowerOpen() bool { return d.interval && d.aKind != endDate }

// UpperOpen reports whether the end of an interval is open or unknown.
func (d Date) UpperOpen() bool { return d.interval && d.bKind != endDate }

// Ongoing reports whether the end is ".." (open: still going on).
func (d Date) Ongoing() bool { return d.interval && d.bKind == endOpen }

func (d Date) qual() uint8 { return d.a.qual | d.b.qual }

// Uncertain reports whether the date or either end is marked ? or %.
func (d Date) Uncertain() bool { return d.qual()&qUncertain != 0 }

// Approximate reports whether the date or either end is marked ~ or %.
func (d Date) Approximate() bool { return d.qual()&qApproximate != 0 }

// Precision returns the precision of a single date, PrecisionInterval for an
// interval and PrecisionNone for the zero Date.
func (d Date) Precision() Precision {
	if d.interval {
		return PrecisionInterval
	}
	return d.a.prec
}

// Compare orders dates by lower bound, then upper bound, then canonical
// spelling: a total, deterministic order. The zero Date sorts first.
func Compare(a, b Date) int {
	// Only the zero Date has lo == hi.
	alo, blo := a.lo, b.lo
	if a.hi == alo {
		alo = math.MinInt64
	}
	if b.hi == blo {
		blo = math.MinInt64
	}
	switch {
	case alo < blo:
		return -1
	case alo > blo:
		return 1
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a == b:
		return 0
	}
	as, bs := a.String(), b.String()
	switch {
	case as < bs:
		return -1
	case as > bs:
		return 1
	}
	return 0
}

// Qualify returns d with the given qualifiers added; on an interval they are
// added to each end that is a date.
func (d Date) Qualify(uncertain, approximate bool) Date {
	var q uint8
	if uncertain {
		q |= qUncertain
	}
	if approximate {
		q |= qApproximate
	}
	if d.a.prec != PrecisionNone {
		d.a.qual |= q
	}
	if d.b.prec != PrecisionNone {
		d.b.qual |= q
	}
	return d
}

// Shift moves d by the duration (backwards when negative), keeping its
// precision, zone and qualifiers: 2017-04-03 shifted by P3W is 2017-04-24.
// Each date is moved by moving its lower bound (in its written zone) and
// taking the date of the same precision that holds the result, so a date
// coarser than the duration moves only when the shift crosses into the next
// unit (2017 shifted by P3W stays 2017; by P1Y it is 2018). Years and months
// are added first, a day past the end of the month becoming its last day
// (2017-01-31 + P1M is 2017-02-28), then weeks, days and the time. A shift
// whose result EDTF cannot spell (a year beyond range, a negative decade)
// leaves d unchanged. Parse(d.Shift(…).String()) always equals the result.
func (d Date) Shift(dur Duration, negative bool) Date {
	if d.IsZero() {
		return d
	}
	out := d
	ok := true
	if d.a.prec != PrecisionNone {
		out.a, ok = d.a.shift(dur, negative)
	}
	if ok && d.b.prec != PrecisionNone {
		out.b, ok = d.b.shift(dur, negative)
	}
	if !ok {
		return d
	}
	out.setBounds()
	if out.interval && out.aKind == endDate && out.bKind == endDate {
		if alo, _ := out.a.bounds(); out.hi <= alo {
			return d
		}
	}
	return out
}

// shift moves p; see Date.Shift.
func (p point) shift(dur Duration, negative bool) (point, bool) {
	sign := int64(1)
	if negative {
		sign = -1
	}
	lo, _ := p.bounds()
	off := int64(0)
	if p.flags&fZone != 0 {
		off = int64(p.zoneMin) * 60
	}
	local := lo + off
	days := floorDiv(local, 86400)
	secs := local - days*86400
	y, m, dd := civil(days)
	months := y*12 + m - 1 + sign*(int64(dur.Years)*12+int64(dur.Months))
	y = floorDiv(months, 12)
	m = months - y*12 + 1
	if n := int64(daysIn(y, int(m))); dd > n {
		dd = n
	}
	local = (unixDays(y, m, dd)+sign*(7*int64(dur.Weeks)+int64(dur.Days)))*86400 + secs +
		sign*(int64(dur.Hours)*3600+int64(dur.Minutes)*60+int64(dur.Seconds))
	days = floorDiv(local, 86400)
	secs = local - days*86400
	y, m, dd = civil(days)

	q := p
	switch p.prec {
	case PrecisionCentury:
		y = floorDiv(y, 100) * 100
	case PrecisionDecade:
		y = floorDiv(y, 10) * 10
	case PrecisionSeason:
		switch {
		case m <= 2:
			y, q.month = y-1, 24
		case m == 12:
			q.month = 24
		default:
			q.month = int8(21 + (m-3)/3)
		}
	case PrecisionMonth:
		q.month = int8(m)
	case PrecisionDay, PrecisionMinute, PrecisionSecond:
		q.month, q.day = int8(m), int8(dd)
		q.hour, q.minute, q.second = int8(secs/3600), int8(secs/60%60), int8(secs%60)
		if p.prec < PrecisionSecond {
			q.second = 0
		}
		if p.prec < PrecisionMinute {
			q.hour, q.minute = 0, 0
		}
	}
	if p.prec == PrecisionYear && p.flags&fUnspecMonth == 0 {
		// A bare year may leave the four-digit range; the Y prefix spells it.
		if y > maxYear || y < -maxYear {
			return p, false
		}
	} else if y > 9999 || y < -9999 || y < 0 && p.prec < PrecisionYear {
		return p, false
	}
	q.setYear(y)
	return q, true
}

// bounds returns the Unix seconds of p's first instant and of the first
// instant after it.
func (p point) bounds() (lo, hi int64) {
	y := p.yearOf()
	const day = 86400
	switch p.prec {
	case PrecisionCentury:
		return unixDays(y, 1, 1) * day, unixDays(y+100, 1, 1) * day
	case PrecisionDecade:
		return unixDays(y, 1, 1) * day, unixDays(y+10, 1, 1) * day
	case PrecisionYear:
		return unixDays(y, 1, 1) * day, unixDays(y+1, 1, 1) * day
	case PrecisionSeason:
		first := int64(3 + 3*(int(p.month)-21)) // 21 → March … 24 → December
		return unixDays(y, first, 1) * day, unixDays(y, first+3, 1) * day
	case PrecisionMonth:
		return unixDays(y, int64(p.month), 1) * day, unixDays(y, int64(p.month)+1, 1) * day
	case PrecisionDay:
		lo = unixDays(y, int64(p.month), int64(p.day)) * day
		return lo, lo + day
	case PrecisionMinute, PrecisionSecond:
		lo = unixDays(y, int64(p.month), int64(p.day))*day + int64(p.hour)*3600 + int64(p.minute)*60 + int64(p.second)
		hi = lo + 60
		if p.prec == PrecisionSecond {
			hi = lo + 1
		}
		if p.flags&fZone != 0 {
			off := int64(p.zoneMin) * 60
			lo, hi = lo-off, hi-off
		}
		return lo, hi
	}
	return 0, 0
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// unixDays returns the days from 1970-01-01 to the given day of the proleptic
// Gregorian calendar with astronomical years; a month past 12 runs into the
// next year. (Days from civil, after Howard Hinnant.)
func unixDays(y, m, d int64) int64 {
	y += (m - 1) / 12
	m = (m-1)%12 + 1
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil is the inverse of unixDays.
func civil(days int64) (y, m, d int64) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// String returns the canonical EDTF spelling of d: upper-case X, "%" for
// "?~", the zone as written. It is "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var arr [64]byte
	buf := arr[:0]
	if !d.interval {
		return string(appendPoint(buf, d.a))
	}
	buf = appendEnd(buf, d.aKind, d.a)
	buf = append(buf, '/')
	buf = appendEnd(buf, d.bKind, d.b)
	return string(buf)
}

// AppendText appends the canonical spelling of d to b.
func (d Date) AppendText(b []byte) ([]byte, error) {
	switch {
	case d.IsZero():
		return b, nil
	case !d.interval:
		return appendPoint(b, d.a), nil
	}
	b = appendEnd(b, d.aKind, d.a)
	b = append(b, '/')
	return appendEnd(b, d.bKind, d.b), nil
}

func appendEnd(buf []byte, kind uint8, p point) []byte {
	switch kind {
	case endOpen:
		return append(buf, '.', '.')
	case endUnknown:
		return buf
	}
	return appendPoint(buf, p)
}

func appendPoint(buf []byte, p point) []byte {
	y := p.yearOf()
	if y > 9999 || y < -9999 {
		buf = append(buf, 'Y')
		buf = strconv.AppendInt(buf, y, 10)
	} else {
		if y < 0 {
			buf = append(buf, '-')
			y = -y
		}
		n := len(buf)
		buf = append(buf, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
		switch p.prec {
		case PrecisionDecade:
			buf[n+3] = 'X'
		case PrecisionCentury:
			buf[n+2], buf[n+3] = 'X', 'X'
		}
	}
	switch {
	case p.flags&fUnspecMonth != 0:
		buf = append(buf, "-XX"...)
	case p.month != 0:
		buf = append2(append(buf, '-'), int(p.month))
	}
	switch {
	case p.flags&fUnspecDay != 0:
		buf = append(buf, "-XX"...)
	case p.day != 0:
		buf = append2(append(buf, '-'), int(p.day))
	}
	if p.prec >= PrecisionMinute {
		buf = append2(append(buf, 'T'), int(p.hour))
		buf = append2(append(buf, ':'), int(p.minute))
		if p.prec == PrecisionSecond {
			buf = append2(append(buf, ':'), int(p.second))
		}
		if p.flags&fZone != 0 {
			if p.flags&fZoneNum != 0 {
				buf = appendZone(buf, int(p.zoneMin))
			} else {
				buf = append(buf, 'Z')
			}
		}
	}
	switch p.qual {
	case qUncertain:
		buf = append(buf, '?')
	case qApproximate:
		buf = append(buf, '~')
	case qUncertain | qApproximate:
		buf = append(buf, '%')
	}
	return buf
}

func appendZone(buf []byte, m int) []byte {
	sign := byte('+')
	if m < 0 {
		sign, m = '-', -m
	}
	buf = append2(append(buf, sign), m/60)
	return append2(append(buf, ':'), m%60)
}

func append2(buf []byte, n int) []byte {
	return append(buf, byte('0'+n/10), byte('0'+n%10))
}
