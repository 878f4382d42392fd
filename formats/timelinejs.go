package formats

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"timeline/timeline"
	"timeline/timeline/edtf"
)

// TimelineJS (Knight Lab) counts years as people do: it shows a negative
// year y as abs(y) BCE, so there is no year 0 and -44 is 44 BCE, the
// astronomical (EDTF) year -43. The conversion shifts by one only where
// the result is a four-digit year; beyond that (a Y-year of EDTF, the
// cosmological scale) the number is kept, so that every year maps to one
// and back.

// astronomicalYear converts a TimelineJS year to EDTF's.
func astronomicalYear(y int64) int64 {
	if y < 0 && y >= -10000 {
		return y + 1
	}
	return y
}

// timelineJSYear converts an EDTF year to TimelineJS's.
func timelineJSYear(y int64) int64 {
	if y <= 0 && y >= -9999 {
		return y - 1
	}
	return y
}

// parseTJSNumber reads a number cell of a TimelineJS date: blank is
// absent (0, false).
func parseTJSNumber(s string) (int64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		// 1815.0 from a spreadsheet
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f == float64(int64(f)) {
			return int64(f), true, nil
		}
		return 0, false, fmt.Errorf("%q is not a whole number", s)
	}
	return n, true, nil
}

// tjsDate builds an EDTF date from the cells of a TimelineJS date. It
// returns "" with no error when the year is blank.
func tjsDate(year, month, day, hour, minute, second, clock string) (string, []string, error) {
	y, ok, err := parseTJSNumber(year)
	if err != nil {
		return "", nil, fmt.Errorf("year: %v", err)
	}
	if !ok {
		if strings.TrimSpace(month+day+hour+minute+second+clock) != "" {
			return "", nil, fmt.Errorf("a month, day or time without a year")
		}
		return "", nil, nil
	}
	var warns []string
	if y == 0 {
		warns = append(warns, "year 0 is not a TimelineJS year; taken as astronomical year 0 (1 BCE)")
	}
	p := DateParts{Year: astronomicalYear(y)}
	m, _, err := parseTJSNumber(month)
	if err != nil {
		return "", nil, fmt.Errorf("month: %v", err)
	}
	d, _, err := parseTJSNumber(day)
	if err != nil {
		return "", nil, fmt.Errorf("day: %v", err)
	}
	p.Month, p.Day = int(m), int(d)
	if clock != "" {
		h, mi, s, hasSec, err := parseClock(clock)
		if err != nil {
			return "", nil, fmt.Errorf("time: %v", err)
		}
		p.Hour, p.Minute, p.Second, p.HasTime, p.HasSecond = h, mi, s, true, hasSec
	} else if strings.TrimSpace(hour) != "" {
		h, _, err := parseTJSNumber(hour)
		if err != nil {
			return "", nil, fmt.Errorf("hour: %v", err)
		}
		mi, _, err := parseTJSNumber(minute)
		if err != nil {
			return "", nil, fmt.Errorf("minute: %v", err)
		}
		s, hasSec, err := parseTJSNumber(second)
		if err != nil {
			return "", nil, fmt.Errorf("second: %v", err)
		}
		p.Hour, p.Minute, p.Second, p.HasTime, p.HasSecond = int(h), int(mi), int(s), true, hasSec && s != 0
	}
	if p.HasTime && p.Day == 0 {
		warns = append(warns, "a time without a day is dropped")
		p.HasTime = false
	}
	s, lost, err := p.EDTF()
	if err != nil {
		return "", nil, err
	}
	if lost {
		warns = append(warns, fmt.Sprintf("year %d is written as an EDTF Y-year, which holds no month or day: they are dropped", y))
	}
	return s, warns, nil
}

// parseClock reads a TimelineJS time cell: "6:45", "18:45:10", "6:45 PM",
// or a spreadsheet's fraction of a day (0.28125 is 6:45).
func parseClock(s string) (h, m, sec int, hasSec bool, err error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if f, ferr := strconv.ParseFloat(t, 64); ferr == nil && f >= 0 && f < 1 {
		// A spreadsheet's time: a fraction of a day.
		n := int(f*86400 + 0.5)
		return n / 3600, n / 60 % 60, n % 60, n%60 != 0, nil
	}
	pm, am := strings.HasSuffix(t, "pm"), strings.HasSuffix(t, "am")
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "pm"), "am"))
	parts := strings.Split(t, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false, fmt.Errorf("%q: want H:MM or H:MM:SS", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if i == 2 {
			p, _, _ = strings.Cut(p, ".") // milliseconds: EDTF has none
		}
		if nums[i], err = strconv.Atoi(p); err != nil {
			return 0, 0, 0, false, fmt.Errorf("%q: want H:MM or H:MM:SS", s)
		}
	}
	h, m = nums[0], nums[1]
	if len(nums) == 3 {
		sec, hasSec = nums[2], true
	}
	if (pm || am) && (h < 1 || h > 12) {
		return 0, 0, 0, false, fmt.Errorf("%q: hour out of range", s)
	}
	if pm && h < 12 {
		h += 12
	}
	if am && h == 12 {
		h = 0
	}
	return h, m, sec, hasSec, nil
}

// tjsSpan is an event's dates as TimelineJS can hold them: a start and an
// optional end, each as parts.
type tjsSpan struct {
	start, end DateParts
	hasEnd     bool
}

// spanOf returns the dates of ev as TimelineJS parts. A date that parts
// cannot hold exactly (a season, unspecified digits, a qualifier, an open
// end, a time zone) is written by its bounds, and the reason is returned
// for the loss report.
func spanOf(ev *timeline.Event) (tjsSpan, []string) {
	var sp tjsSpan
	var lost []string
	start, end := ev.StartDate, ev.EndDate
	if start.IsInterval() && end.IsZero() {
		a, b, _ := strings.Cut(start.String(), "/")
		if da, err := edtf.Parse(a); err == nil && a != "" && a != ".." {
			start = da
		} else {
			start = edtf.Date{}
		}
		if db, err := edtf.Parse(b); err == nil && b != "" && b != ".." {
			end = db
		} else if b == ".." || b == "" {
			lost = append(lost, "an open or unknown end: TimelineJS has none")
		}
		if start.IsZero() {
			lost = append(lost, "an open or unknown start: written as the end's date")
			start, end = end, edtf.Date{}
		}
	}
	if end.IsInterval() {
		a, b, _ := strings.Cut(end.String(), "/")
		if b == ".." || b == "" {
			lost = append(lost, "an open or unknown end: TimelineJS has none")
			end, _ = edtf.Parse(a)
		} else {
			end, _ = edtf.Parse(b)
		}
	}
	if edtf.IsRelative(ev.Start) || edtf.IsRelative(ev.End) {
		lost = append(lost, "a relative date: written as the date it resolves to")
	}
	var ok bool
	if sp.start, ok = DatePartsOf(start); !ok {
		lost = append(lost, "a date TimelineJS cannot hold exactly (season, unspecified digits or qualifier): written by its bounds")
		sp.start = boundParts(start.Lower(), start.Precision())
		if end.IsZero() && !start.IsZero() {
			// The bounds' end, inclusive.
			sp.end = boundParts(start.Upper().AddDate(0, 0, -1), edtf.PrecisionDay)
			sp.hasEnd = true
		}
	}
	if !end.IsZero() {
		if sp.end, ok = DatePartsOf(end); !ok {
			lost = append(lost, "an end date TimelineJS cannot hold exactly (season, unspecified digits or qualifier): written by its bounds")
			sp.end = boundParts(end.Upper().AddDate(0, 0, -1), edtf.PrecisionDay)
		}
		sp.hasEnd = true
	}
	if hasZone(start) || hasZone(end) {
		lost = append(lost, "a time zone: the wall-clock time is written without it")
	}
	sp.start.Year = timelineJSYear(sp.start.Year)
	if sp.hasEnd {
		sp.end.Year = timelineJSYear(sp.end.Year)
	}
	return sp, lost
}

// boundParts is a bound as parts, as fine as prec (at least a year).
func boundParts(t time.Time, prec edtf.Precision) DateParts {
	y, m, d := t.Date()
	p := DateParts{Year: int64(y)}
	if prec >= edtf.PrecisionSeason {
		p.Month = int(m)
	}
	if prec >= edtf.PrecisionDay {
		p.Day = d
	}
	return p
}

// htmlText turns the dataset's plain text into TimelineJS's HTML: escaped,
// with line breaks as <br>. PlainText reads it back.
func htmlText(s string) string {
	return htmlEscaper.Replace(s)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br>")

// hasZone reports whether a date's time is written with a zone.
func hasZone(d edtf.Date) bool {
	_, t, ok := strings.Cut(d.String(), "T")
	return ok && strings.ContainsAny(t, "Z+-")
}
