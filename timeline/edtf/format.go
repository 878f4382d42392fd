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
	// Years DeepYears and more before 1 CE are written as so many
	// thousand, million or billion years ago: ago holds the three
	// patterns, N standing for the number; decimal is the decimal
	// separator.
	ago     [3]string
	decimal byte
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

		ago: [3]string{"N thousand years ago", "N million years ago", "N billion years ago"}, decimal: '.',
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
		ago:          [3]string{"N тыс. лет назад", "N млн лет назад", "N млрд лет назад"}, decimal: ',',
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

		ago: [3]string{"il y a N mille ans", "il y a N millions d’années", "il y a N milliards d’années"}, decimal: ',',
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

		ago: [3]string{"vor N Tausend Jahren", "vor N Millionen Jahren", "vor N Milliarden Jahren"}, decimal: ',',
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

		ago: [3]string{"hace N mil años", "hace N millones de años", "hace N miles de millones de años"}, decimal: ',',
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

// DeepYears is where years before 1 CE start to be read as so many
// thousand, million or billion years ago: a year written n BCE with n at
// least DeepYears ("100 thousand years ago", "66 million years ago",
// "13.8 billion years ago"), as paleontologists, geologists and
// TimelineJS's cosmological scale write them. The number is the year as
// written BCE (the astronomical year y is 1-y BCE), to three significant
// digits: a year count of that size is not precise to the centuries since
// 1 CE. The page's dates.js writes years by the same rule and
// pagejs_browser_test.go checks that the two agree.
const DeepYears = 100_000

// agoScales are the powers of a thousand a deep year is counted in.
var agoScales = [...]int64{1_000, 1_000_000, 1_000_000_000}

func appendYear(buf []byte, y int64, w *words) []byte {
	if 1-y >= DeepYears {
		return appendAgo(buf, 1-y, w)
	}
	if y <= 0 {
		return append(strconv.AppendInt(buf, 1-y, 10), w.bce...)
	}
	return strconv.AppendInt(buf, y, 10)
}

// agoScale returns the index in agoScales of the scale n years are
// counted in: the largest that n reaches once rounded to three digits.
func agoScale(n int64) int {
	k := 0
	for k+1 < len(agoScales) && n >= agoScales[k+1]-agoScales[k+1]/2000 {
		k++
	}
	return k
}

// appendAgoNumber appends n/unit to three significant digits (at most two
// decimals, halves rounded up, trailing zeros dropped), with the decimal
// separator sep. It rounds in integers, so that the page's script, which
// does the same in doubles (exact below 2^53), writes the same digits.
func appendAgoNumber(buf []byte, n, unit int64, sep byte) []byte {
	prec, div := 2, unit/100
	switch {
	case n >= 100*unit:
		prec, div = 0, unit
	case n >= 10*unit:
		prec, div = 1, unit/10
	}
	q := (n + div/2) / div
	pow := int64(1)
	for range prec {
		pow *= 10
	}
	buf = strconv.AppendInt(buf, q/pow, 10)
	frac := q % pow
	for prec > 0 && frac%10 == 0 {
		frac /= 10
		prec--
	}
	if prec > 0 {
		buf = append(buf, sep)
		var tmp [2]byte
		for i := prec - 1; i >= 0; i-- {
			tmp[i] = byte('0' + frac%10)
			frac /= 10
		}
		buf = append(buf, tmp[:prec]...)
	}
	return buf
}

// appendAgo writes a year written n BCE as so many thousand, million or
// billion years ago.
func appendAgo(buf []byte, n int64, w *words) []byte {
	k := agoScale(n)
	var tmp [24]byte
	return appendPattern(buf, w.ago[k], 'N', appendAgoNumber(tmp[:0], n, agoScales[k], w.decimal))
}

// appendAgoRange writes the years written a BCE to b BCE (a > b, both at
// least DeepYears) as one phrase in the scale of b: "66–65 million years
// ago".
func appendAgoRange(buf []byte, a, b int64, w *words) []byte {
	k := agoScale(b)
	var tmp [56]byte
	num := appendAgoNumber(tmp[:0], a, agoScales[k], w.decimal)
	num = append(num, "–"...)
	num = appendAgoNumber(num, b, agoScales[k], w.decimal)
	return appendPattern(buf, w.ago[k], 'N', num)
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
	y := p.yearOf()
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
// "3 April 2017, 08:40". A year of deep time (see DeepYears) has no day
// worth writing: it is the year alone, "66 million years ago". It is for
// instants that are not written dates, such as the first and last moment
// of a dataset's span.
func FormatTime(t time.Time, lang string) string {
	t = t.UTC()
	w := wordsFor(lang)
	var arr [64]byte
	if y := int64(t.Year()); 1-y >= DeepYears {
		return string(appendYear(arr[:0], y, w))
	}
	p := point{month: int8(t.Month()), day: int8(t.Day()), prec: PrecisionDay}
	p.setYear(int64(t.Year()))
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		p.hour, p.minute, p.second, p.prec = int8(t.Hour()), int8(t.Minute()), int8(t.Second()), PrecisionMinute
		if t.Second() != 0 {
			p.prec = PrecisionSecond
		}
	}
	return string(appendHuman(arr[:0], p, w))
}

// FormatYear returns the astronomical year y as Format writes a year:
// "2017", "44 BCE", "300 thousand years ago", "66 million years ago".
func FormatYear(y int64, lang string) string {
	var arr [48]byte
	return string(appendYear(arr[:0], y, wordsFor(lang)))
}

// FormatYears returns the astronomical years a to b (a <= b) as a span of
// years, earliest first as time runs: "1900–1999", "199–100 BCE",
// "1 BCE–9", "66–65 million years ago" (both ends in the scale of the
// later).
func FormatYears(a, b int64, lang string) string {
	w := wordsFor(lang)
	var arr [96]byte
	buf := arr[:0]
	switch {
	case 1-b >= DeepYears:
		buf = appendAgoRange(buf, 1-a, 1-b, w)
	case b <= 0 && 1-a < DeepYears:
		buf = strconv.AppendInt(buf, 1-a, 10)
		buf = append(buf, "–"...)
		buf = appendYear(buf, b, w)
	default:
		buf = appendYear(buf, a, w)
		buf = append(buf, "–"...)
		buf = appendYear(buf, b, w)
	}
	return string(buf)
}

// DeepWords returns what the language lang writes for years of deep time,
// for a page's script to write them as FormatYear does: the patterns for
// so many thousand, million and billion years ago (N stands for the
// number) and the decimal separator.
func DeepWords(lang string) (ago [3]string, decimal string) {
	w := wordsFor(lang)
	return w.ago, string(w.decimal)
}
