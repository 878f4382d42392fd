package textdate

import (
	"strconv"
	"strings"
	"time"

	"timeline/timeline/edtf"
)

// gran is the granularity of a date value.
type gran uint8

const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gSeason
	gQuarter
	gMonth
	gWeek
	gWeekend
	gDay
	gTime
)

// tval is a calendar value at some granularity.
type tval struct {
	g             gran
	y, m, d, q, w int // w: ISO week, q: quarter, m: month or, at gSeason, 21–24
	hh, mm        int
	clock         bool   // hh:mm is given
	part          string // MO, AF, EV, NI at gTime without a clock
	noYear        bool   // the year is not known (no document date)
}

var seasonCode = map[int]string{21: "SP", 22: "SU", 23: "FA", 24: "WI"}

// value writes v as a TIMEX3 value.
func (v tval) value() string {
	y := pad4(v.y)
	switch {
	case v.noYear:
		y = "XXXX"
	case v.y <= 0:
		y = "BC" + pad4(1-v.y) // TimeML's spelling: 44 BC is BC0044
	}
	switch v.g {
	case gCentury:
		return pad2(v.y / 100)
	case gDecade:
		return strconv.Itoa(v.y / 10)
	case gYear:
		return y
	case gSeason:
		return y + "-" + seasonCode[v.m]
	case gQuarter:
		return y + "-Q" + strconv.Itoa(v.q)
	case gMonth:
		return y + "-" + pad2(v.m)
	case gWeek:
		return pad4(v.y) + "-W" + pad2(v.w)
	case gWeekend:
		return pad4(v.y) + "-W" + pad2(v.w) + "-WE"
	case gDay:
		return y + "-" + pad2(v.m) + "-" + pad2(v.d)
	case gTime:
		day := y + "-" + pad2(v.m) + "-" + pad2(v.d)
		if v.clock {
			return day + "T" + pad2(v.hh) + ":" + pad2(v.mm)
		}
		return day + "T" + v.part
	}
	return ""
}

// edtf writes v as EDTF at its own precision; "" when it has none.
func (v tval) edtf() string {
	if v.noYear {
		return ""
	}
	y := edtfYear(v.y)
	switch v.g {
	case gCentury:
		if v.y < 0 || v.y > 9999 {
			return ""
		}
		return y[:2] + "XX"
	case gDecade:
		if v.y < 0 || v.y > 9999 {
			return ""
		}
		return y[:3] + "X"
	case gYear:
		return y
	case gSeason:
		return y + "-" + strconv.Itoa(v.m)
	case gQuarter:
		return y + "-" + pad2(3*v.q-2) + "/" + y + "-" + pad2(3*v.q)
	case gMonth:
		return y + "-" + pad2(v.m)
	case gWeek, gWeekend:
		mon := isoWeekStart(v.y, v.w)
		from, to := mon, mon.AddDate(0, 0, 6)
		if v.g == gWeekend {
			from = mon.AddDate(0, 0, 5)
		}
		return dayString(from) + "/" + dayString(to)
	case gDay:
		return y + "-" + pad2(v.m) + "-" + pad2(v.d)
	case gTime:
		day := y + "-" + pad2(v.m) + "-" + pad2(v.d)
		if v.clock {
			return day + "T" + pad2(v.hh) + ":" + pad2(v.mm)
		}
		return day
	}
	return ""
}

func edtfYear(y int) string {
	if y < 0 {
		return "-" + pad4(-y)
	}
	return pad4(y)
}

func pad2(n int) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func dayString(t time.Time) string { return t.Format("2006-01-02") }

func isoWeekStart(y, w int) time.Time {
	// 4 January is always in week 1.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	wd := (int(jan4.Weekday()) + 6) % 7 // Monday 0
	return jan4.AddDate(0, 0, -wd+7*(w-1))
}

// at expresses the instant t at granularity g.
func at(t time.Time, g gran) tval {
	v := tval{g: g, y: t.Year(), m: int(t.Month()), d: t.Day()}
	switch g {
	case gQuarter:
		v.q = (v.m-1)/3 + 1
	case gWeek, gWeekend:
		v.y, v.w = t.ISOWeek()
	case gSeason:
		v.y, v.m = seasonOf(t)
	}
	return v
}

// seasonOf gives the (northern, meteorological) season of t: December
// belongs to the winter of its year, January and February to the winter of
// the year before.
func seasonOf(t time.Time) (int, int) {
	m := int(t.Month())
	switch {
	case m >= 3 && m <= 5:
		return t.Year(), 21
	case m >= 6 && m <= 8:
		return t.Year(), 22
	case m >= 9 && m <= 11:
		return t.Year(), 23
	case m == 12:
		return t.Year(), 24
	}
	return t.Year() - 1, 24
}

// start is the first day of v.
func (v tval) start() time.Time {
	switch v.g {
	case gCentury, gDecade, gYear:
		return time.Date(v.y, 1, 1, 0, 0, 0, 0, time.UTC)
	case gSeason:
		return time.Date(v.y, time.Month(3*(v.m-21)+3), 1, 0, 0, 0, 0, time.UTC)
	case gQuarter:
		return time.Date(v.y, time.Month(3*v.q-2), 1, 0, 0, 0, 0, time.UTC)
	case gMonth:
		return time.Date(v.y, time.Month(v.m), 1, 0, 0, 0, 0, time.UTC)
	case gWeek, gWeekend:
		return isoWeekStart(v.y, v.w)
	}
	return time.Date(v.y, time.Month(v.m), v.d, 0, 0, 0, 0, time.UTC)
}

// add moves t by n units.
func add(t time.Time, u Unit, n int) time.Time {
	switch u {
	case Day:
		return t.AddDate(0, 0, n)
	case Week, Weekend:
		return t.AddDate(0, 0, 7*n)
	case Month:
		return t.AddDate(0, n, 0)
	case Quarter:
		return t.AddDate(0, 3*n, 0)
	case Season:
		return t.AddDate(0, 3*n, 0)
	case Year:
		return t.AddDate(n, 0, 0)
	case Decade:
		return t.AddDate(10*n, 0, 0)
	case Century:
		return t.AddDate(100*n, 0, 0)
	case Hour:
		return t.Add(time.Duration(n) * time.Hour)
	case Minute:
		return t.Add(time.Duration(n) * time.Minute)
	case Second:
		return t.Add(time.Duration(n) * time.Second)
	}
	return t
}

func unitGran(u Unit) gran {
	switch u {
	case Century:
		return gCentury
	case Decade:
		return gDecade
	case Year:
		return gYear
	case Season:
		return gSeason
	case Quarter:
		return gQuarter
	case Month:
		return gMonth
	case Week:
		return gWeek
	case Weekend:
		return gWeekend
	}
	return gDay
}

// durationValue writes n units as an ISO 8601 duration; n < 0 is an
// unspecified number (PXY), n == -2 half a unit; half adds half a unit.
func durationValue(n int, u Unit, half bool) string {
	if n == -2 {
		switch u {
		case Year:
			return "P6M"
		case Decade:
			return "P5Y"
		case Century:
			return "P50Y"
		case Day:
			return "PT12H"
		case Hour:
			return "PT30M"
		case Minute:
			return "PT30S"
		case Month:
			return "P2W"
		}
		return ""
	}
	code := map[Unit]string{Second: "S", Minute: "M", Hour: "H", Day: "D", Weekend: "WE", Week: "W", Month: "M", Quarter: "Q", Year: "Y", Decade: "DE", Century: "CE"}[u]
	t := ""
	if u == Second || u == Minute || u == Hour {
		t = "T"
	}
	if n < 0 {
		return "P" + t + "X" + code
	}
	if half {
		switch u {
		case Year:
			return "P" + strconv.Itoa(n) + "Y6M"
		case Day:
			return "PT" + strconv.Itoa(24*n+12) + "H"
		case Hour:
			return "PT" + strconv.Itoa(n) + "H30M"
		case Minute:
			return "PT" + strconv.Itoa(n) + "M30S"
		}
	}
	switch u {
	case Decade:
		return "P" + strconv.Itoa(10*n) + "Y"
	case Century:
		return "P" + strconv.Itoa(100*n) + "Y"
	case Weekend:
		return "P" + strconv.Itoa(2*n) + "D"
	}
	return "P" + t + strconv.Itoa(n) + code
}

// future reports whether the words around tokens i..end put the sentence in
// the future ("will", "next").
func (d *doc) future(i, end int) bool {
	s := d.sent[i]
	from := i - 12
	if from < 0 {
		from = 0
	}
	to := end + 6
	if to > len(d.toks) {
		to = len(d.toks)
	}
	for k := from; k < to; k++ {
		if d.sent[k] != s || k >= i && k < end {
			continue
		}
		if k >= end && (d.toks[k].low == "," || d.toks[k].low == ";") {
			break // the words after count only in the same clause
		}
		if d.lang.ix.future.at(d, k) {
			return true
		}
	}
	return false
}

// monthYear chooses the year of a month named without one: the next such
// month in a sentence about the future, the last one up to the document
// date in one about the past, and with no tense to go by the last one
// unless it is one of the next four (news tells of the recent past and
// the coming months).
func (d *doc) monthYear(m, i, end int) int {
	y, dm := d.dct.Year(), int(d.dct.Month())
	switch d.tense(i, end) {
	case 1:
		if m < dm {
			return y + 1
		}
		return y
	case -1:
		if m > dm {
			return y - 1
		}
		return y
	}
	// No tense to go by.
	if ahead := (m - dm + 12) % 12; ahead > 0 && ahead <= 4 {
		if m < dm {
			return y + 1
		}
		return y
	}
	if m > dm {
		return y - 1
	}
	return y
}

// pastForm reports whether a word has the language's regular past ending
// ("received").
func (d *doc) pastForm(w string) bool {
	for _, e := range d.lang.PastEndings {
		if len(w) > len(e)+3 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// tense is +1 when the words around tokens i..end speak of the future, -1
// of the past, 0 when they do not say.
func (d *doc) tense(i, end int) int {
	if d.future(i, end) {
		return 1
	}
	s := d.sent[i]
	for k := i - 1; k >= 0 && k >= i-15 && d.sent[k] == s; k-- {
		if w := d.toks[k].low; contains(d.lang.Past, w) || d.pastForm(w) {
			return -1
		}
	}
	for k := end; k < len(d.toks) && k < end+6 && d.sent[k] == s; k++ {
		if contains(d.lang.Past, d.toks[k].low) {
			return -1
		}
	}
	return 0
}

// weekday resolves a day of the week: dir -1 the last one before the
// document date, +1 the next one after it, 0 the nearest one in the
// sentence's tense (the document date itself counts).
func (d *doc) weekday(wd, dir, i, end int) time.Time {
	cur := int(d.dct.Weekday())
	if dir == 0 {
		ahead, back := (wd-cur+7)%7, (cur-wd+7)%7
		switch d.tense(i, end) {
		case 1:
			return d.dct.AddDate(0, 0, ahead)
		case 0:
			if ahead < back && ahead <= d.lang.WeekdayAhead {
				return d.dct.AddDate(0, 0, ahead)
			}
		}
		return d.dct.AddDate(0, 0, -back)
	}
	if dir > 0 {
		n := (wd - cur + 7) % 7
		if n == 0 {
			n = 7
		}
		return d.dct.AddDate(0, 0, n)
	}
	n := (cur - wd + 7) % 7
	if n == 0 {
		n = 7
	}
	return d.dct.AddDate(0, 0, -n)
}

// season resolves a season named without a year: dir -1 the last one
// before the document date's season, +1 the next, 0 this year's (or, in a
// sentence about the future, the next one not yet over).
func (d *doc) season(s, dir, i, end int) tval {
	cy, cs := seasonOf(d.dct)
	idx := func(y, s int) int { return 4*y + s - 21 }
	cur := idx(cy, cs)
	var n int
	switch {
	case dir < 0:
		n = idx(cy, s)
		for n >= cur {
			n -= 4
		}
	case dir > 0:
		n = idx(cy, s)
		for n <= cur {
			n += 4
		}
	default:
		n = idx(d.dct.Year(), s)
		if d.future(i, end) {
			for n < cur {
				n += 4
			}
		}
	}
	y := n / 4
	return tval{g: gSeason, y: y, m: n - 4*y + 21}
}

// lastQuarter is the last quarter completed before the document date.
func (d *doc) lastQuarter() tval {
	v := at(d.dct, gQuarter)
	v.q--
	if v.q == 0 {
		v.q, v.y = 4, v.y-1
	}
	return v
}

// ref is the date that anaphoric expressions count from: the last date
// mentioned, else the document date.
func (d *doc) ref(g gran) tval {
	if d.last.g != gNone {
		return d.last
	}
	return at(d.dct, g)
}

// emit turns a match of pattern p over tokens i..end into a Timex, if its
// rule gives a value.
func (d *doc) emit(i, end int, p *Pattern, c caps) bool {
	typ := "DATE"
	var v tval
	value, edtfv := "", ""
	half := false
	switch p.Act {
	case ActDate:
		if c.has&hDay != 0 && c.has&hMonth == 0 {
			return false
		}
		if c.has&hYear != 0 {
			v = tval{g: gMonth, y: c.year, m: c.month}
		} else {
			if !d.hasDCT {
				v = tval{g: gMonth, m: c.month, noYear: true}
			} else {
				v = tval{g: gMonth, y: d.monthYear(c.month, i, end), m: c.month}
			}
		}
		if c.has&hDay != 0 {
			if c.day > daysIn(v.y, v.m) && !v.noYear || c.day > 31 {
				return false
			}
			v.g, v.d = gDay, c.day
		}
	case ActIsoDate:
		m, dd := c.month, c.day
		if m < 1 || m > 12 || dd < 1 || dd > daysIn(c.year, m) {
			return false
		}
		v = tval{g: gDay, y: c.year, m: m, d: dd}
	case ActYearRange:
		r, ok := yearRange(d.text[d.toks[i].start:d.toks[end-1].end])
		if !ok {
			return false
		}
		v = tval{g: gYear, y: c.year}
		edtfv = r.String()
	case ActYear:
		v = tval{g: gYear, y: c.year}
	case ActDecade:
		if c.has&hYear != 0 && c.has&hDecade == 0 {
			if c.year%10 != 0 {
				return false
			}
			c.decade = c.year / 10
		}
		v = tval{g: gDecade, y: c.decade * 10}
	case ActCentury:
		if c.ord < 1 || c.ord > 30 {
			return false
		}
		v = tval{g: gCentury, y: (c.ord - 1) * 100}
	case ActQuarter:
		if c.ord > 4 {
			return false
		}
		switch {
		case p.Val == "shiftyear" && d.hasDCT && c.ord >= 1:
			v = tval{g: gQuarter, y: d.dct.Year() + c.shift, q: c.ord}
		case c.has&hYear != 0 && c.ord >= 1:
			v = tval{g: gQuarter, y: c.year, q: c.ord}
		case !d.hasDCT:
			return d.put(i, end, p, c, "DATE", "XXXX-QX", "")
		case c.ord >= 1:
			v = tval{g: gQuarter, y: d.dct.Year(), q: c.ord}
			if c.ord > (int(d.dct.Month())-1)/3+1 && d.tense(i, end) <= 0 {
				v.y--
			}
		default:
			v = d.lastQuarter()
		}
	case ActRelMonth:
		if c.has&hShift == 0 && d.toks[i].kind == 'w' && !d.toks[i].cap {
			return false
		}
		if !d.hasDCT {
			v = tval{g: gMonth, m: c.month, noYear: true}
			break
		}
		y, dm := d.dct.Year(), int(d.dct.Month())
		switch {
		case p.Val == "year":
			y += c.shift
		case c.has&hShift == 0:
			y = d.monthYear(c.month, i, end)
		case c.shift < 0 && c.month >= dm:
			y--
		case c.shift > 0 && c.month <= dm:
			y++
		}
		v = tval{g: gMonth, y: y, m: c.month}
	case ActRelSeason:
		if c.has&hYear != 0 {
			v = tval{g: gSeason, y: c.year, m: c.season}
			break
		}
		if p.Arg == 99 && (i == 0 || !contains(seasonLeaders, d.toks[i-1].low)) {
			return false
		}
		if !d.hasDCT {
			return d.put(i, end, p, c, "DATE", "XXXX-"+seasonCode[c.season], "")
		}
		dir := p.Arg
		if c.has&hShift != 0 {
			dir = c.shift
		}
		if dir == 99 {
			dir = 0
		}
		v = d.season(c.season, dir, i, end)
	case ActRelWeekday:
		if !d.hasDCT {
			return d.put(i, end, p, c, "DATE", "XXXX-WXX-"+strconv.Itoa((c.weekday+6)%7+1), "")
		}
		dir := 0
		if c.has&hShift != 0 {
			dir = c.shift
		}
		v = at(d.weekday(c.weekday, dir, i, end), gDay)
	case ActDayShift:
		if !d.hasDCT {
			return d.put(i, end, p, c, "DATE", "XXXX-XX-XX", "")
		}
		v = at(d.dct.AddDate(0, 0, p.Arg), gDay)
	case ActRef:
		if p.Arg == 5 && !c.plural {
			return false
		}
		if end == i+1 && contains(d.lang.Openers, d.toks[i].low) && d.opensSentence(i) {
			return false
		}
		return d.put(i, end, p, c, "DATE", p.Val, "")
	case ActRelUnit:
		u := c.unit
		switch p.Val {
		case "weekend":
			u = Weekend
		case "year":
			u = Year
		case "quarter":
			u = Quarter
		}
		shift := p.Arg
		if c.has&hShift != 0 {
			shift = c.shift
		}
		if u == Hour || u == Minute || u == Second || c.plural {
			return false
		}
		if p.Val == "year" && end < len(d.toks) && d.sent[end] == d.sent[i] && contains(d.lang.Ended, d.toks[end].low) {
			return d.put(i, end, p, c, "DURATION", "P1Y", "")
		}
		if !d.hasDCT {
			return d.put(i, end, p, c, "DATE", "XXXX", "")
		}
		if u == Weekend && shift == 0 && d.dct.Weekday() >= time.Monday && d.dct.Weekday() <= time.Friday && d.tense(i, end) <= 0 {
			// "the weekend" on a weekday, not in the future: the last one.
			shift = -1
		}
		v = at(add(d.dct, u, shift), unitGran(u))
	case ActFollowing:
		u := c.unit
		if u == Hour || u == Minute || u == Second || c.plural {
			return false
		}
		if d.last.g == gNone && !d.hasDCT {
			return false
		}
		base := d.ref(unitGran(u))
		v = at(add(base.start(), u, p.Arg), unitGran(u))
	case ActAgo:
		if c.has&hNum == 0 {
			if c.plural {
				return d.put(i, end, p, c, "DURATION", durationValue(-1, c.unit, false), "")
			}
			c.num = 1
		}
		if c.num < 0 {
			val := "PAST_REF"
			if p.Arg > 0 {
				val = "FUTURE_REF"
			}
			return d.put(i, end, p, c, "DATE", val, "")
		}
		if !d.hasDCT {
			return d.put(i, end, p, c, "DATE", "XXXX", "")
		}
		g := unitGran(c.unit)
		switch c.unit {
		case Decade, Century:
			g = gYear
		case Hour, Minute, Second:
			g = gDay
		}
		if c.unit == Year && d.last.g == gQuarter && !d.last.start().After(d.dct) {
			v = at(add(d.last.start(), c.unit, p.Arg*c.num), gQuarter)
			break
		}
		v = at(add(d.dct, c.unit, p.Arg*c.num), g)
	case ActAnchored:
		if p.Val == "year" {
			c.num, c.unit = 1, Year
			if w := d.toks[end-1].low; w == "quarter" || w == "period" {
				q := d.last
				if q.g != gQuarter || d.hasDCT && q.start().After(d.dct) {
					// No quarter reported on yet, or only a coming one.
					if !d.hasDCT {
						return false
					}
					q = d.lastQuarter()
				}
				v = at(add(q.start(), Year, -1), gQuarter)
				break
			}
			if d.hasDCT {
				// "year-ago", "year-earlier" alone: the year before, or
				// the same quarter of it in a report on a quarter.
				if d.last.g == gQuarter && !d.last.start().After(d.dct) {
					v = at(add(d.last.start(), Year, -1), gQuarter)
				} else {
					v = at(add(d.dct, Year, -1), gYear)
				}
				break
			}
		}
		if c.num < 0 {
			return false
		}
		if d.last.g == gNone && !d.hasDCT {
			return false
		}
		base := d.ref(unitGran(c.unit))
		g := base.g
		if g == gTime {
			g = gDay
		}
		if g > unitGran(c.unit) && c.unit >= Day && unitGran(c.unit) < g && c.unit != Year {
			g = unitGran(c.unit)
		}
		if c.unit >= Year && g > gYear && g != gQuarter {
			// "a year earlier" than a day is that year; than a quarter,
			// that quarter (a report compares quarters).
			g = gYear
		}
		v = at(add(base.start(), c.unit, p.Arg*c.num), g)
	case ActDuration:
		if p.Type == "none" {
			return true // consumed, not an expression ("a 22-year-old")
		}
		if p.Arg == 2 {
			if !c.plural || c.has&hNum != 0 || d.toks[i].low == "the" {
				return false
			}
			c.num = -1
		}
		if p.Arg == 4 && c.plural {
			return false
		}
		if p.Arg == 5 {
			if !c.plural {
				return false
			}
			c.num = -1
		}
		if c.has&hNum == 0 && p.Arg != 2 && p.Arg != 5 {
			c.num = 1
		}
		half = p.Arg == 1
		if c.num == 0 {
			return false
		}
		val := durationValue(c.num, c.unit, half)
		if val == "" {
			return false
		}
		return d.put(i, end, p, c, "DURATION", val, "")
	case ActSet:
		if c.has&hWeekday != 0 {
			return d.put(i, end, p, c, "SET", "XXXX-WXX-"+strconv.Itoa((c.weekday+6)%7+1), "")
		}
		u := c.set
		if c.has&hUnit != 0 {
			u = c.unit
		}
		return d.put(i, end, p, c, "SET", durationValue(1, u, false), "")
	case ActHoliday:
		val := p.Val
		if val == "" {
			val = map[string]string{"christmas": "12-25", "thanksgiving": "11-w4-4"}[d.toks[end-1].low]
		}
		if !d.toks[i].cap && c.has&hShift == 0 {
			return false
		}
		month, _ := strconv.Atoi(val[:2])
		var y int
		switch {
		case c.has&hYear != 0:
			y = c.year
		case !d.hasDCT:
			return false
		case c.has&hShift != 0:
			y = d.dct.Year() + c.shift
		default:
			y = d.monthYear(month, i, end)
		}
		day := 0
		if strings.Contains(val, "-w") {
			n, _ := strconv.Atoi(val[4:5])
			wd, _ := strconv.Atoi(val[6:])
			first := time.Date(y, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
			day = 1 + (wd-int(first.Weekday())+7)%7 + 7*(n-1)
		} else {
			day, _ = strconv.Atoi(val[3:])
		}
		v = tval{g: gDay, y: y, m: month, d: day}
	case ActTime:
		typ = "TIME"
		h := c.hour
		if w := d.toks[i].low; w == "noon" || w == "midnight" {
			h = 12
			if d.toks[i].low == "midnight" {
				h = 0
			}
		} else if c.pm && h < 12 {
			h += 12
		} else if c.am && h == 12 {
			h = 0
		}
		if h > 23 {
			return false
		}
		if !d.hasDCT {
			return d.put(i, end, p, c, "TIME", "XXXX-XX-XXT"+pad2(h)+":"+pad2(c.minute), "")
		}
		v = at(d.dct.AddDate(0, 0, p.Arg), gDay)
		if c.has&hWeekday != 0 {
			v = at(d.weekday(c.weekday, 0, i, end), gDay)
		}
		if c.has&hMonth != 0 && c.has&hDay != 0 {
			y := d.monthYear(c.month, i, end)
			if c.day > daysIn(y, c.month) {
				return false
			}
			v = tval{g: gDay, y: y, m: c.month, d: c.day}
		}
		v.g, v.hh, v.mm, v.clock = gTime, h, c.minute, true
	case ActDayPart:
		typ = "TIME"
		if !d.hasDCT {
			return false
		}
		var t time.Time
		if c.has&hWeekday != 0 {
			t = d.weekday(c.weekday, 0, i, end)
		} else {
			t = d.dct.AddDate(0, 0, p.Arg)
		}
		v = at(t, gDay)
		v.g, v.part = gTime, c.daypart
		if p.Val != "" {
			v.part = p.Val
		}
	default:
		return false
	}
	value = v.value()
	if edtfv == "" {
		edtfv = v.edtf()
	}
	if !put(d, i, end, p, c, typ, value, edtfv) {
		return false
	}
	if typ == "DATE" && v.g != gNone && !v.noYear && p.Act != ActAgo && p.Act != ActAnchored {
		d.last = v
	}
	return true
}

// opensSentence reports whether token i is the first word of its sentence,
// after any opening quotation marks.
func (d *doc) opensSentence(i int) bool {
	k := i - 1
	for k >= 0 && d.sent[k] == d.sent[i] && d.toks[k].kind == 'p' && strings.ContainsAny(d.toks[k].low, "\"'`“‘(") {
		k--
	}
	return k < 0 || d.sent[k] != d.sent[i]
}

// seasonLeaders are words after which a bare season name is a date ("in
// spring"); elsewhere "spring" and "fall" are too often verbs.
var seasonLeaders = []string{"in", "the", "during", "this", "last", "next", "early", "late", "of", "by", "until", "since", "through", "mid", "-", "that", "dans", "au", "en", "le", "im", "der", "den"}

func (d *doc) put(i, end int, p *Pattern, c caps, typ, value, edtfv string) bool {
	return put(d, i, end, p, c, typ, value, edtfv)
}

// put records a Timex over tokens i..end, with the modifiers before it.
func put(d *doc, i, end int, p *Pattern, c caps, typ, value, edtfv string) bool {
	if p.Type != "" && p.Type != "none" {
		typ = p.Type
	}
	floor := 0
	if n := len(d.timexes); n > 0 {
		floor = d.timexes[n-1].End
	}
	start := i
	mod := ""
	ix := d.lang.ix
	// Modifiers before: "early", "about", "the end of".
	for changed := true; changed; {
		changed = false
		for k, ws := range ix.prefix {
			if start-len(ws) >= 0 && d.toks[start-len(ws)].start >= floor && d.wordsBefore(start, ws) && d.sent[start-len(ws)] == d.sent[i] {
				if ws[len(ws)-1] == "-" && d.toks[start].space {
					continue
				}
				start -= len(ws)
				if mod == "" || ix.pmod[k] != "APPROX" {
					mod = ix.pmod[k]
				}
				changed = true
				break
			}
		}
	}
	t := Timex{
		Start: d.toks[start].start, End: d.toks[end-1].end,
		Type: typ, Value: value, Mod: mod, Sentence: d.sent[i],
	}
	t.Text = d.text[t.Start:t.End]
	if low := strings.ToLower(t.Text); contains(d.lang.NotTimex, low) {
		return true
	}
	// Signals before: "since 1995".
	if start > 0 && d.toks[start-1].start >= floor {
		w := d.toks[start-1].low
		switch {
		case contains(d.lang.OpenStart, w):
			t.Signal = w
		case contains(d.lang.OpenEnd, w):
			t.Signal = w
		}
	}
	if mod == "" {
		for _, ws := range ix.approx {
			if d.wordsBefore(start, ws) && d.toks[start-len(ws)].start >= floor {
				mod = "APPROX"
				if start-len(ws) > 0 && d.toks[start-len(ws)-1].start >= floor {
					if w := d.toks[start-len(ws)-1].low; contains(d.lang.OpenStart, w) || contains(d.lang.OpenEnd, w) {
						t.Signal = w
					}
				}
				break
			}
		}
	}
	t.EDTF = edtfWithMods(edtfv, mod, t.Signal, d.lang)
	if typ == "DURATION" && end < len(d.toks) {
		for _, list := range []struct {
			words []string
			dir   int
		}{{d.lang.After, 1}, {d.lang.Before, -1}} {
			for _, w := range list.words {
				if ws := d.lang.ix.phrase(w); d.wordsAt(end, ws) && d.sent[end] == d.sent[i] {
					t.Anchor = list.dir
					t.AnchorText = d.clauseFrom(end + len(ws))
				}
			}
		}
	}
	d.timexes = append(d.timexes, t)
	return true
}

// clauseFrom is the text from token k to the end of its clause (a comma,
// a semicolon or the end of the sentence), at most eight words.
func (d *doc) clauseFrom(k int) string {
	if k >= len(d.toks) {
		return ""
	}
	s := d.sent[k]
	end := k
	for n := 0; end < len(d.toks) && d.sent[end] == s && n < 8; end++ {
		w := d.toks[end].low
		if w == "," || w == ";" || w == "." || w == ":" || w == "(" || w == ")" || w == "-" && d.toks[end].space {
			break
		}
		n++
	}
	if end == k {
		return ""
	}
	return d.text[d.toks[k].start:d.toks[end-1].end]
}

// edtfWithMods applies a modifier and a signal to an EDTF value: early
// 2016 is 2016-01~/2016-04~, about 1995 is 1995~, since 1995 is 1995/...
func edtfWithMods(s, mod, signal string, l *Lang) string {
	if s == "" {
		return ""
	}
	if len(s) == 4 && !strings.Contains(s, "X") {
		switch mod {
		case "START":
			s = s + "-01~/" + s + "-04~"
		case "MID":
			s = s + "-05~/" + s + "-08~"
		case "END":
			s = s + "-09~/" + s + "-12~"
		}
	}
	dd, err := edtf.Parse(s)
	if err != nil {
		return ""
	}
	if mod == "APPROX" {
		dd = dd.Qualify(false, true)
	}
	if !dd.IsInterval() && signal != "" {
		var open string
		if contains(l.OpenStart, signal) {
			open = dd.String() + "/.."
		} else {
			open = "../" + dd.String()
		}
		if o, err := edtf.Parse(open); err == nil {
			return o.String()
		}
	}
	return dd.String()
}

func daysIn(y, m int) int {
	if m < 1 || m > 12 {
		return 0
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
