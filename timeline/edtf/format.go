package edtf

import (
	"strconv"
	"time"
)

// words holds what Format needs for one language. The tables are plain data:
// add a language by adding an entry.
type words struct {
	months    [12]string // standalone: "April", "апрель"
	monthsDay [12]string // inside a day date where the language declines it; empty: use months
	seasons   [4]string  // spring, summer, autumn, winter
	dayFmt    string     // D day, M month, Y year; other bytes are copied
	circa     string     // before an approximate date
	bce       string     // after a year before 1 CE
	ongoing   string     // the end of an interval that is still going on
	unknown   string     // an unknown or open end
	utc       string     // before a written zone
	decade    string     // D is replaced by the decade's first year
	century   string     // C is replaced by the century's ordinal
	ordinal   uint8      // how the century is numbered: ordEnglish, ordRoman, …
	// After circa, a language that declines ("ок." takes the genitive)
	// writes the month, season, decade and century in these forms; empty:
	// as above.
	circaMonths  [12]string
	circaSeasons [4]string
	circaDecade  string
	circaCentury string
	// Years this far before 1 CE and beyond are written as so many
	// million or billion years ago: agoMillion and agoBillion hold N for
	// the number; decimal is the decimal separator.
	agoMillion, agoBillion string
	decimal                byte
}

// Century numerals.
const (
	ordEnglish = iota // 21st
	ordRoman          // XXI
	ordRomanE         // XXIᵉ
	ordDot            // 21.
)

// The languages, one table each.
var (
	langEN = words{
		months:  [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		seasons: [4]string{"spring", "summer", "autumn", "winter"},
		dayFmt:  "D M Y",
		circa:   "c. ",
		bce:     " BCE",
		ongoing: "ongoing",
		unknown: "?",
		utc:     "UTC",
		decade:  "Ds",
		century: "C century",
		ordinal: ordEnglish,

		agoMillion: "N million years ago", agoBillion: "N billion years ago", decimal: '.',
	}
	langRU = words{
		months:    [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		monthsDay: [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		seasons:   [4]string{"весна", "лето", "осень", "зима"},
		dayFmt:    "D M Y",
		circa:     "ок. ",
		bce:       " до н. э.",
		ongoing:   "по настоящее время",
		unknown:   "?",
		utc:       "UTC",
		decade:    "D-е",
		century:   "C век",
		ordinal:   ordRoman,

		circaMonths:  [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		circaSeasons: [4]string{"весны", "лета", "осени", "зимы"},
		circaDecade:  "D-х",
		circaCentury: "C века",
		agoMillion:   "N млн лет назад", agoBillion: "N млрд лет назад", decimal: ',',
	}
	langFR = words{
		months:  [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		seasons: [4]string{"printemps", "été", "automne", "hiver"},
		dayFmt:  "D M Y",
		circa:   "v. ",
		bce:     " av. J.-C.",
		ongoing: "en cours",
		unknown: "?",
		utc:     "UTC",
		decade:  "années D",
		century: "C siècle",
		ordinal: ordRomanE,

		agoMillion: "il y a N millions d’années", agoBillion: "il y a N milliards d’années", decimal: ',',
	}
	langDE = words{
		months:  [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		seasons: [4]string{"Frühling", "Sommer", "Herbst", "Winter"},
		dayFmt:  "D. M Y",
		circa:   "ca. ",
		bce:     " v. Chr.",
		ongoing: "andauernd",
		unknown: "?",
		utc:     "UTC",
		decade:  "Der",
		century: "C Jahrhundert",
		ordinal: ordDot,

		agoMillion: "vor N Millionen Jahren", agoBillion: "vor N Milliarden Jahren", decimal: ',',
	}
	langES = words{
		months:  [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		seasons: [4]string{"primavera", "verano", "otoño", "invierno"},
		dayFmt:  "D de M de Y",
		circa:   "c. ",
		bce:     " a. C.",
		ongoing: "en curso",
		unknown: "?",
		utc:     "UTC",
		decade:  "años D",
		century: "siglo C",
		ordinal: ordRoman,

		agoMillion: "hace N millones de años", agoBillion: "hace N miles de millones de años", decimal: ',',
	}
)

func wordsFor(lang string) *words {
	switch lang {
	case "ru":
		return &langRU
	case "fr":
		return &langFR
	case "de":
		return &langDE
	case "es":
		return &langES
	}
	return &langEN
}

// Languages lists the languages Format knows.
func Languages() []string { return []string{"en", "ru", "fr", "de", "es"} }

// Format returns d as a person reads it, in the language lang ("en", "ru",
// "fr", "de" or "es"; any other falls back to English). In English:
//
//	2017-04-03        3 April 2017
//	2017-04-03T08:40  3 April 2017, 08:40
//	2017-04           April 2017
//	2016-21           spring 2016
//	2017, 2017-XX     2017
//	201X              2010s
//	20XX              21st century (the years 2000–2099)
//	-0043             44 BCE
//	2016~             c. 2016
//	2014?             2014?
//	2011/2012         2011–2012 (an en dash; spaced when an end has a space)
//	1995/..           1995 – ongoing
//	1995/             1995 – ?
//	../2017, /2017    ? – 2017
//
// A written zone is shown after the time ("08:40 UTC+03:00"). It returns ""
// for the zero Date.
func (d Date) Format(lang string) string {
	if d.IsZero() {
		return ""
	}
	var arr [128]byte
	return string(d.appendFormat(arr[:0], wordsFor(lang)))
}

func (d Date) appendFormat(buf []byte, w *words) []byte {
	if !d.interval {
		return appendHuman(buf, d.a, w)
	}
	start := len(buf)
	buf = appendHumanEnd(buf, d.aKind, d.a, w, true)
	mid := len(buf)
	buf = appendHumanEnd(buf, d.bKind, d.b, w, false)
	spaced := d.aKind != endDate || d.bKind != endDate
	for _, c := range buf[start:] {
		if c == ' ' {
			spaced = true
			break
		}
	}
	sep := "–"
	if spaced {
		sep = " – "
	}
	// Insert the separator between the ends.
	n := len(sep)
	buf = append(buf, sep...)
	copy(buf[mid+n:], buf[mid:len(buf)-n])
	copy(buf[mid:], sep)
	return buf
}

func appendHumanEnd(buf []byte, kind uint8, p point, w *words, start bool) []byte {
	switch {
	case kind == endOpen && !start:
		return append(buf, w.ongoing...)
	case kind != endDate:
		return append(buf, w.unknown...)
	}
	return appendHuman(buf, p, w)
}

// deepYears is where years before 1 CE are counted back from the present
// in millions and billions ("66 million years ago", "13.8 billion years
// ago"), as geologists and TimelineJS's cosmological scale write them.
const deepYears = 1_000_000

func appendYear(buf []byte, y int64, w *words) []byte {
	if -y >= deepYears {
		return appendAgo(buf, -y, w)
	}
	if y <= 0 {
		return append(strconv.AppendInt(buf, 1-y, 10), w.bce...)
	}
	return strconv.AppendInt(buf, y, 10)
}

// appendAgo writes the astronomical year -ago as so many million or
// billion years ago, to three significant digits; a year count of that
// size is not precise to the years since 1 CE.
func appendAgo(buf []byte, ago int64, w *words) []byte {
	pat, unit := w.agoMillion, 1e6
	if ago >= 999_500_000 { // what would round to 1000 million
		pat, unit = w.agoBillion, 1e9
	}
	v := float64(ago) / unit
	prec := 2
	switch {
	case v >= 100:
		prec = 0
	case v >= 10:
		prec = 1
	}
	num := strconv.AppendFloat(nil, v, 'f', prec, 64)
	// Trailing zeros of the fraction say nothing: 66.0 is 66.
	for prec > 0 && num[len(num)-1] == '0' {
		num = num[:len(num)-1]
	}
	if num[len(num)-1] == '.' {
		num = num[:len(num)-1]
	}
	for i, c := range num {
		if c == '.' {
			num[i] = w.decimal
		}
	}
	return appendPattern(buf, pat, 'N', num)
}

// appendPattern appends pat with the byte ph replaced by repl.
func appendPattern(buf []byte, pat string, ph byte, repl []byte) []byte {
	for i := 0; i < len(pat); i++ {
		if pat[i] == ph {
			buf = append(buf, repl...)
		} else {
			buf = append(buf, pat[i])
		}
	}
	return buf
}

var romanVals = [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
var romanSyms = [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}

func appendOrdinal(buf []byte, n int, style uint8) []byte {
	if style == ordEnglish || style == ordDot || n <= 0 || n >= 4000 {
		buf = strconv.AppendInt(buf, int64(n), 10)
		switch {
		case style == ordDot:
			return append(buf, '.')
		case style != ordEnglish:
			return buf
		case n%100 >= 11 && n%100 <= 13:
			return append(buf, "th"...)
		}
		switch n % 10 {
		case 1:
			return append(buf, "st"...)
		case 2:
			return append(buf, "nd"...)
		case 3:
			return append(buf, "rd"...)
		}
		return append(buf, "th"...)
	}
	for i, v := range romanVals {
		for n >= v {
			buf = append(buf, romanSyms[i]...)
			n -= v
		}
	}
	if style == ordRomanE {
		buf = append(buf, "ᵉ"...)
	}
	return buf
}

func appendHuman(buf []byte, p point, w *words) []byte {
	circa := p.qual&qApproximate != 0
	if circa {
		buf = append(buf, w.circa...)
	}
	// After circa, a declining language takes its other forms.
	months, seasons, decade, century := w.months, w.seasons, w.decade, w.century
	if circa && w.circaMonths[0] != "" {
		months, seasons, decade, century = w.circaMonths, w.circaSeasons, w.circaDecade, w.circaCentury
	}
	y := int64(p.year)
	var tmp [32]byte
	switch p.prec {
	case PrecisionCentury:
		buf = appendPattern(buf, century, 'C', appendOrdinal(tmp[:0], int(y/100)+1, w.ordinal))
	case PrecisionDecade:
		buf = appendPattern(buf, decade, 'D', strconv.AppendInt(tmp[:0], y, 10))
	case PrecisionYear:
		buf = appendYear(buf, y, w)
	case PrecisionSeason:
		buf = append(append(buf, seasons[p.month-21]...), ' ')
		buf = appendYear(buf, y, w)
	case PrecisionMonth:
		buf = append(append(buf, months[p.month-1]...), ' ')
		buf = appendYear(buf, y, w)
	default:
		m := w.months[p.month-1]
		if w.monthsDay[0] != "" {
			m = w.monthsDay[p.month-1]
		}
		for i := 0; i < len(w.dayFmt); i++ {
			switch c := w.dayFmt[i]; c {
			case 'D':
				buf = strconv.AppendInt(buf, int64(p.day), 10)
			case 'M':
				buf = append(buf, m...)
			case 'Y':
				buf = appendYear(buf, y, w)
			default:
				buf = append(buf, c)
			}
		}
		if p.prec >= PrecisionMinute {
			buf = append2(append(buf, ", "...), int(p.hour))
			buf = append2(append(buf, ':'), int(p.minute))
			if p.prec == PrecisionSecond {
				buf = append2(append(buf, ':'), int(p.second))
			}
			if p.flags&fZone != 0 {
				buf = append(append(buf, ' '), w.utc...)
				if p.zoneMin != 0 {
					buf = appendZone(buf, int(p.zoneMin))
				}
			}
		}
	}
	if p.qual&qUncertain != 0 {
		buf = append(buf, '?')
	}
	return buf
}

// FormatTime returns the instant t (taken in UTC) as Format writes a day,
// or a day and time when t is not midnight: "15 March 44 BCE",
// "3 April 2017, 08:40". It is for instants that are not written dates,
// such as the first and last moment of a dataset's span.
func FormatTime(t time.Time, lang string) string {
	t = t.UTC()
	p := point{year: int32(t.Year()), month: int8(t.Month()), day: int8(t.Day()), prec: PrecisionDay}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		p.hour, p.minute, p.second, p.prec = int8(t.Hour()), int8(t.Minute()), int8(t.Second()), PrecisionMinute
		if t.Second() != 0 {
			p.prec = PrecisionSecond
		}
	}
	var arr [64]byte
	return string(appendHuman(arr[:0], p, wordsFor(lang)))
}

// FormatYear returns the astronomical year y as Format writes a year:
// "2017", "44 BCE", "66 million years ago".
func FormatYear(y int64, lang string) string {
	var arr [48]byte
	return string(appendYear(arr[:0], y, wordsFor(lang)))
}
