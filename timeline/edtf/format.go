package edtf

import "strconv"

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

func appendYear(buf []byte, y int64, w *words) []byte {
	if y <= 0 {
		return append(strconv.AppendInt(buf, 1-y, 10), w.bce...)
	}
	return strconv.AppendInt(buf, y, 10)
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
	if p.qual&qApproximate != 0 {
		buf = append(buf, w.circa...)
	}
	y := int64(p.year)
	var tmp [32]byte
	switch p.prec {
	case PrecisionCentury:
		buf = appendPattern(buf, w.century, 'C', appendOrdinal(tmp[:0], int(y/100)+1, w.ordinal))
	case PrecisionDecade:
		buf = appendPattern(buf, w.decade, 'D', strconv.AppendInt(tmp[:0], y, 10))
	case PrecisionYear:
		buf = appendYear(buf, y, w)
	case PrecisionSeason:
		buf = append(append(buf, w.seasons[p.month-21]...), ' ')
		buf = appendYear(buf, y, w)
	case PrecisionMonth:
		buf = append(append(buf, w.months[p.month-1]...), ' ')
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
