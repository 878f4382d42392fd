// Package edtf parses, compares and formats dates written in the Library of
// Congress Extended Date/Time Format (ISO 8601-2), levels 0 and 1, and the
// dates relative to another event that timeline datasets use.
//
// Every Date has a lower bound (the first instant it could mean) and an
// exclusive upper bound (the first instant after it). Date-only values are
// taken as UTC, so they never move with a time zone. Seasons 21–24 are the
// northern meteorological seasons: spring is March to May, summer June to
// August, autumn September to November, winter December to February of the
// next year.
package edtf

import (
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

// point is one date as written.
type point struct {
	year    int64
	month   int8 // 1–12, or 21–24 for a season; 0 when absent or unspecified
	day     int8
	hour    int8
	minute  int8
	second  int8
	prec    Precision
	qual    uint8
	unspecM bool  // month written XX
	unspecD bool  // day written XX
	zone    bool  // a time zone is written
	zoneMin int16 // its offset in minutes; 0 with zone is "Z" unless zoneNum
	zoneNum bool  // the zone was written as ±HH:MM
	yPrefix bool  // written with the Y prefix
	lo, hi  int64 // bounds in Unix seconds; hi exclusive
	present bool
}

// end kinds of an interval.
const (
	endDate    uint8 = iota // a date is written
	endUnknown              // empty: not known
	endOpen                 // "..": open
)

// Date is a parsed EDTF value: a single date or an interval. It is a small
// value without pointers; the zero Date is empty.
type Date struct {
	a, b      point
	interval  bool
	aKind     uint8
	bKind     uint8
	shiftLo   int64
	shiftHi   int64
	hasShift  bool
	extraQual uint8
}

// IsZero reports whether d is the empty Date.
func (d Date) IsZero() bool { return !d.a.present && !d.b.present }

// IsInterval reports whether d is an interval.
func (d Date) IsInterval() bool { return d.interval }

func (d Date) bounds() (lo, hi int64) {
	if d.hasShift {
		return d.shiftLo, d.shiftHi
	}
	switch {
	case !d.interval:
		return d.a.lo, d.a.hi
	case d.aKind != endDate:
		return d.b.lo, d.b.hi
	case d.bKind != endDate:
		return d.a.lo, d.a.hi
	}
	return d.a.lo, d.b.hi
}

// Lower returns the first instant the date could mean, in UTC. For an
// interval whose start is open or unknown it is the lower bound of the end.
func (d Date) Lower() time.Time {
	lo, _ := d.bounds()
	return time.Unix(lo, 0).UTC()
}

// Upper returns the first instant after the date (an exclusive bound), in
// UTC. For an interval whose end is open or unknown it is the upper bound of
// the start.
func (d Date) Upper() time.Time {
	_, hi := d.bounds()
	return time.Unix(hi, 0).UTC()
}

// LowerOpen reports whether the start of an interval is open or unknown.
func (d Date) LowerOpen() bool { return d.interval && d.aKind != endDate }

// UpperOpen reports whether the end of an interval is open or unknown.
func (d Date) UpperOpen() bool { return d.interval && d.bKind != endDate }

// Ongoing reports whether the end is ".." (open: still going on).
func (d Date) Ongoing() bool { return d.interval && d.bKind == endOpen }

func (d Date) qual() uint8 { return d.a.qual | d.b.qual | d.extraQual }

// Uncertain reports whether the date or either end is marked ? or %.
func (d Date) Uncertain() bool { return d.qual()&qUncertain != 0 }

// Approximate reports whether the date or either end is marked ~ or %.
func (d Date) Approximate() bool { return d.qual()&qApproximate != 0 }

// Precision returns the precision of a single date, or PrecisionInterval.
func (d Date) Precision() Precision {
	switch {
	case d.IsZero():
		return PrecisionNone
	case d.interval:
		return PrecisionInterval
	}
	return d.a.prec
}

// Compare orders dates by lower bound, then upper bound, then canonical
// spelling: a total, deterministic order.
func Compare(a, b Date) int {
	alo, ahi := a.bounds()
	blo, bhi := b.bounds()
	switch {
	case alo < blo:
		return -1
	case alo > blo:
		return 1
	case ahi < bhi:
		return -1
	case ahi > bhi:
		return 1
	}
	if a == b {
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

// Qualify returns d with the given qualifiers added.
func (d Date) Qualify(uncertain, approximate bool) Date {
	if uncertain {
		d.extraQual |= qUncertain
	}
	if approximate {
		d.extraQual |= qApproximate
	}
	if d.extraQual != 0 && !d.interval {
		d.a.qual |= d.extraQual
		d.extraQual = 0
	}
	return d
}

// Shift moves both bounds of d by the duration (backwards when negative),
// keeping its precision and qualifiers: 2017-04-03 shifted by P3W is
// 2017-04-24. Its spelling follows the moved lower bound at the date's
// precision.
func (d Date) Shift(dur Duration, negative bool) Date {
	if d.IsZero() {
		return d
	}
	lo, hi := d.bounds()
	d.shiftLo, d.shiftHi = dur.add(lo, negative), dur.add(hi, negative)
	d.hasShift = true
	d.a = shiftPoint(d.a, dur, negative)
	d.b = shiftPoint(d.b, dur, negative)
	return d
}

func shiftPoint(p point, dur Duration, negative bool) point {
	if !p.present {
		return p
	}
	lo := dur.add(p.lo, negative)
	hi := dur.add(p.hi, negative)
	t := time.Unix(lo, 0).UTC()
	if p.zone {
		t = t.Add(time.Duration(p.zoneMin) * time.Minute)
	}
	q := p
	q.year = int64(t.Year())
	if q.prec >= PrecisionMonth {
		q.month = int8(t.Month())
	}
	if q.prec == PrecisionSeason {
		q.month = seasonOf(t)
		q.year = seasonYear(t)
	}
	if q.prec >= PrecisionDay {
		q.day = int8(t.Day())
	}
	if q.prec >= PrecisionMinute {
		q.hour, q.minute = int8(t.Hour()), int8(t.Minute())
	}
	if q.prec >= PrecisionSecond {
		q.second = int8(t.Second())
	}
	q.lo, q.hi = lo, hi
	return q
}

func seasonOf(t time.Time) int8 {
	switch t.Month() {
	case 3, 4, 5:
		return 21
	case 6, 7, 8:
		return 22
	case 9, 10, 11:
		return 23
	}
	return 24
}

func seasonYear(t time.Time) int64 {
	if t.Month() <= 2 {
		return int64(t.Year()) - 1
	}
	return int64(t.Year())
}

// String returns the canonical EDTF spelling of d.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	buf := make([]byte, 0, 24)
	if !d.interval {
		return string(appendPoint(buf, d.a))
	}
	buf = appendEnd(buf, d.aKind, d.a)
	buf = append(buf, '/')
	buf = appendEnd(buf, d.bKind, d.b)
	return string(buf)
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
	y := p.year
	switch {
	case p.yPrefix || y > 9999 || y < -9999:
		buf = append(buf, 'Y')
		buf = strconv.AppendInt(buf, y, 10)
	default:
		if y < 0 {
			buf = append(buf, '-')
			y = -y
		}
		var digits [20]byte
		s := strconv.AppendInt(digits[:0], y, 10)
		for len(s) < 4 {
			s = append([]byte{'0'}, s...)
		}
		switch p.prec {
		case PrecisionDecade:
			s[len(s)-1] = 'X'
		case PrecisionCentury:
			s[len(s)-1], s[len(s)-2] = 'X', 'X'
		}
		buf = append(buf, s...)
	}
	switch {
	case p.unspecM:
		buf = append(buf, "-XX"...)
	case p.month != 0:
		buf = append2(append(buf, '-'), int(p.month))
	}
	switch {
	case p.unspecD:
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
		if p.zone {
			if p.zoneNum {
				m := int(p.zoneMin)
				sign := byte('+')
				if m < 0 {
					sign, m = '-', -m
				}
				buf = append2(append(buf, sign), m/60)
				buf = append2(append(buf, ':'), m%60)
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

func append2(buf []byte, n int) []byte {
	return append(buf, byte('0'+n/10), byte('0'+n%10))
}
