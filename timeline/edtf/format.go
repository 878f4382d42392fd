package edtf

import (
	"strconv"
	"strings"
)

// words holds what Format needs for one language.
type words struct {
	months    [12]string // standalone: "April"
	monthsDay [12]string // inside a day date, where the language declines it
	seasons   [4]string  // spring, summer, autumn, winter
	dayFmt    string     // D, M (month in day form), Y
	circa     string     // before an approximate date
	bce       string     // after a year before 1 CE
	ongoing   string     // after "start – " of an open interval
	unknown   string     // for an unknown end
	decade    string     // "%ds" pattern: D is replaced by the decade's first year
	century   string     // C is replaced by the century number
	ordinal   func(int) string
}

var languages = map[string]*words{
	"en": {
		months:  [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		seasons: [4]string{"spring", "summer", "autumn", "winter"},
		dayFmt:  "D M Y",
		circa:   "c. ",
		bce:     " BCE",
		ongoing: "ongoing",
		unknown: "?",
		decade:  "Ds",
		century: "C century",
		ordinal: enOrdinal,
	},
	"ru": {
		months:    [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
		monthsDay: [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		seasons:   [4]string{"весна", "лето", "осень", "зима"},
		dayFmt:    "D M Y",
		circa:     "ок. ",
		bce:       " до н. э.",
		ongoing:   "по наст. время",
		unknown:   "?",
		decade:    "D-е",
		century:   "C век",
		ordinal:   roman,
	},
	"fr": {
		months:  [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		seasons: [4]string{"printemps", "été", "automne", "hiver"},
		dayFmt:  "D M Y",
		circa:   "v. ",
		bce:     " av. J.-C.",
		ongoing: "en cours",
		unknown: "?",
		decade:  "années D",
		century: "C siècle",
		ordinal: func(n int) string { return roman(n) + "ᵉ" },
	},
	"de": {
		months:  [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		seasons: [4]string{"Frühling", "Sommer", "Herbst", "Winter"},
		dayFmt:  "D. M Y",
		circa:   "ca. ",
		bce:     " v. Chr.",
		ongoing: "andauernd",
		unknown: "?",
		decade:  "Der",
		century: "C Jahrhundert",
		ordinal: func(n int) string { return strconv.Itoa(n) + "." },
	},
	"es": {
		months:  [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		seasons: [4]string{"primavera", "verano", "otoño", "invierno"},
		dayFmt:  "D de M de Y",
		circa:   "c. ",
		bce:     " a. C.",
		ongoing: "en curso",
		unknown: "?",
		decade:  "años D",
		century: "siglo C",
		ordinal: roman,
	},
}

// Languages lists the languages Format knows.
func Languages() []string { return []string{"en", "ru", "fr", "de", "es"} }

func enOrdinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Format returns d as a person reads it, in the language lang ("en", "ru",
// "fr", "de" or "es"; others fall back to English): "3 April 2017",
// "April 2017", "c. 2016", "2014?", "spring 2016", "2010s", "21st century",
// "2011–2012", "1995 – ongoing", "? – 2017", "44 BCE".
func (d Date) Format(lang string) string {
	w := languages[lang]
	if w == nil {
		w = languages["en"]
	}
	if d.IsZero() {
		return ""
	}
	if !d.interval {
		return formatPoint(d.a, d.extraQual, w)
	}
	a := formatEnd(d.aKind, d.a, w, true)
	b := formatEnd(d.bKind, d.b, w, false)
	if d.aKind == endDate && d.bKind == endDate && !strings.Contains(a, " ") && !strings.Contains(b, " ") {
		return a + "–" + b
	}
	return a + " – " + b
}

func formatEnd(kind uint8, p point, w *words, start bool) string {
	switch {
	case kind == endOpen && !start:
		return w.ongoing
	case kind != endDate:
		return w.unknown
	}
	return formatPoint(p, 0, w)
}

func formatPoint(p point, extra uint8, w *words) string {
	var s string
	year := func(y int64) string {
		if y <= 0 {
			return strconv.FormatInt(1-y, 10) + w.bce
		}
		return strconv.FormatInt(y, 10)
	}
	switch p.prec {
	case PrecisionCentury:
		c := int(p.year/100) + 1
		if p.year < 0 {
			s = year(p.year)
			break
		}
		s = strings.Replace(w.century, "C", w.ordinal(c), 1)
	case PrecisionDecade:
		s = strings.Replace(w.decade, "D", strconv.FormatInt(p.year, 10), 1)
	case PrecisionYear:
		s = year(p.year)
	case PrecisionSeason:
		s = w.seasons[p.month-21] + " " + year(p.year)
	case PrecisionMonth:
		s = w.months[p.month-1] + " " + year(p.year)
	default:
		m := w.months[p.month-1]
		if w.monthsDay[0] != "" {
			m = w.monthsDay[p.month-1]
		}
		var b strings.Builder
		for i := 0; i < len(w.dayFmt); i++ {
			switch c := w.dayFmt[i]; c {
			case 'D':
				b.WriteString(strconv.Itoa(int(p.day)))
			case 'M':
				b.WriteString(m)
			case 'Y':
				b.WriteString(year(p.year))
			default:
				b.WriteByte(c)
			}
		}
		s = b.String()
		if p.prec >= PrecisionMinute {
			t := append2(nil, int(p.hour))
			t = append2(append(t, ':'), int(p.minute))
			if p.prec == PrecisionSecond {
				t = append2(append(t, ':'), int(p.second))
			}
			if p.zone {
				m := int(p.zoneMin)
				t = append(t, " UTC"...)
				if m != 0 {
					sign := byte('+')
					if m < 0 {
						sign, m = '-', -m
					}
					t = append2(append(t, sign), m/60)
					t = append2(append(t, ':'), m%60)
				}
			}
			s += ", " + string(t)
		}
	}
	q := p.qual | extra
	if q&qApproximate != 0 {
		s = w.circa + s
	}
	if q&qUncertain != 0 {
		s += "?"
	}
	return s
}
