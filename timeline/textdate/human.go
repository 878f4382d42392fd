package textdate

import (
	"strconv"
	"strings"
	"unicode"

	"timeline/timeline/edtf"
)

// humanHelp lists the spellings ParseHuman takes, for its errors.
const humanHelp = "want an EDTF date (2017-04-03, 2017?, 2011/2012) or e.g. '3 April 2017', 'April 2017', 'early 2016', '2011-12', 'c. 1995', '1990s', '44 BC', 'before 2017'"

// ParseHuman parses a date as a person types it (case-insensitive, spaces
// around it trimmed) and returns it as EDTF. It takes strict EDTF, and:
//
//	3 April 2017, April 3, 2017, 3rd Apr 2017  2017-04-03
//	3 April 2017 08:40                         2017-04-03T08:40
//	April 2017, Apr. 2017                      2017-04
//	spring 2016 (summer, autumn/fall, winter)  2016-21
//	early 2016, mid 2016, mid-2016, late 2016  2016-01~/2016-04~, 2016-05~/2016-08~, 2016-09~/2016-12~
//	c. 1995, ca. 1995, circa, about, around    1995~
//	1990s                                      199X
//	44 BC, 44 BCE, 44 B.C.                     -0043
//	AD 33, 33 AD, 33 CE                        0033
//	2011-12, 2011–12, 2011-2012, 2011 to 2012  2011/2012
//	before 2017 (until, by)                    ../2017
//	after 1995, since 1995 (from)              1995/..
//
// and a final "?" for an uncertain date (on a range, both ends).
//
// YYYY-NN is a year range when NN is the next year's last two digits (2011-12)
// or when NN is neither a month nor a season and later than YYYY's last two
// digits (2011-15); otherwise it is EDTF (2017-04 is April 2017, 2016-21 spring
// 2016). Input written only with EDTF's characters that is not a date gets
// Parse's error ("2017-02-30": day 30 out of range for 2017-02); anything else
// gets an error listing the spellings accepted.
func ParseHuman(s string) (edtf.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return edtf.Date{}, &edtf.SyntaxError{Input: s, Msg: "empty date"}
	}
	if d, ok := yearRange(s); ok {
		return d, nil
	}
	if rest, ok := strings.CutSuffix(s, "?"); ok {
		if d, ok := yearRange(strings.TrimSpace(rest)); ok {
			return d.Qualify(true, false), nil
		}
	}
	d, err := edtf.Parse(s)
	if err == nil {
		return d, nil
	}
	if d, ok := human(s); ok {
		if _, err := edtf.Parse(d.String()); err == nil {
			return d, nil
		}
	}
	if looksEDTF(s) {
		// "2017-02-30" is better told what is wrong than what else to write.
		return edtf.Date{}, err
	}
	return edtf.Date{}, &edtf.SyntaxError{Input: s, Msg: "cannot read this date: " + humanHelp}
}

// looksEDTF reports whether s is written only with the bytes EDTF uses.
func looksEDTF(s string) bool {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case isDigit(b), strings.IndexByte("XxYTZ:+-/.?~%", b) >= 0:
		default:
			return false
		}
	}
	return true
}

// yearRange reads "2011-12", "2011–12", "2011-2012", "2011 to 2012",
// "2011 – 2012".
func yearRange(s string) (edtf.Date, bool) {
	if len(s) < 7 || !allDigits(s[:4]) {
		return edtf.Date{}, false
	}
	rest := strings.TrimLeft(s[4:], " ")
	switch {
	case strings.HasPrefix(rest, "-"):
		rest = rest[1:]
	case strings.HasPrefix(rest, "–"), strings.HasPrefix(rest, "—"):
		rest = rest[len("–"):]
	case len(rest) > 3 && (rest[0] == 't' || rest[0] == 'T') && (rest[1] == 'o' || rest[1] == 'O') && rest[2] == ' ':
		rest = rest[3:]
	default:
		return edtf.Date{}, false
	}
	b := strings.TrimLeft(rest, " ")
	if !allDigits(b) {
		return edtf.Date{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	var end int
	switch len(b) {
	case 2:
		if len(rest) != 2 {
			return edtf.Date{}, false // "2011 - 12" is too odd to guess at
		}
		nn, _ := strconv.Atoi(b)
		last := y % 100
		isCode := nn >= 1 && nn <= 12 || nn >= 21 && nn <= 24
		switch {
		case nn == (last+1)%100:
			end = y - last + nn
			if nn < last {
				end += 100
			}
		case !isCode && nn > last:
			end = y - last + nn
		default:
			return edtf.Date{}, false
		}
	case 4:
		end, _ = strconv.Atoi(b)
		if end <= y {
			return edtf.Date{}, false
		}
	default:
		return edtf.Date{}, false
	}
	d, err := edtf.Parse(pad4(y) + "/" + pad4(end))
	return d, err == nil
}

func pad4(y int) string {
	s := strconv.Itoa(y)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// human reads the spellings that are not EDTF, in English and then in
// every other language known (sorted by code): "3 avril 2017" is read
// wherever French is.
func human(s string) (edtf.Date, bool) {
	low := strings.ToLower(s)
	uncertain := false
	if strings.HasSuffix(low, "?") {
		uncertain = true
		low = strings.TrimSpace(strings.TrimSuffix(low, "?"))
	}
	for _, l := range humanLangs() {
		if d, ok := humanBody(low, l); ok {
			return d.Qualify(uncertain, false), true
		}
	}
	return edtf.Date{}, false
}

// humanLangs is English, then the other languages by code.
func humanLangs() []*Lang {
	out := []*Lang{English}
	for _, c := range LangCodes() {
		if l := languages[c]; l != English {
			out = append(out, l)
		}
	}
	return out
}

func humanBody(low string, l *Lang) (edtf.Date, bool) {
	for _, p := range l.HumanApprox {
		if rest, ok := strings.CutPrefix(low, p); ok {
			d, ok := humanBody(strings.TrimSpace(rest), l)
			return d.Qualify(false, true), ok
		}
	}
	for _, w := range l.HumanBefore {
		if rest, ok := strings.CutPrefix(low, w); ok {
			d, ok := humanBody(strings.TrimSpace(rest), l)
			if !ok || d.IsInterval() {
				return edtf.Date{}, false
			}
			out, err := edtf.Parse("../" + d.String())
			return out, err == nil
		}
	}
	for _, w := range l.HumanAfter {
		if rest, ok := strings.CutPrefix(low, w); ok {
			d, ok := humanBody(strings.TrimSpace(rest), l)
			if !ok || d.IsInterval() {
				return edtf.Date{}, false
			}
			out, err := edtf.Parse(d.String() + "/..")
			return out, err == nil
		}
	}
	for _, p := range l.HumanParts {
		if rest, ok := strings.CutPrefix(low, p.Word); ok {
			y, ok := humanYear(strings.TrimSpace(rest))
			if !ok {
				return edtf.Date{}, false
			}
			out, err := edtf.Parse(y + "-" + p.From + "~/" + y + "-" + p.To + "~")
			return out, err == nil
		}
	}
	if rest, ok := strings.CutSuffix(low, "s"); ok && len(rest) == 4 && allDigits(rest) && rest[3] == '0' {
		out, err := edtf.Parse(rest[:3] + "X")
		return out, err == nil
	}
	if y, ok := humanYear(low); ok {
		out, err := edtf.Parse(y)
		return out, err == nil
	}
	fields := strings.FieldsFunc(low, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	// A time at the end: "3 april 2017 08:40".
	clock := ""
	if n := len(fields); n > 1 && strings.Contains(fields[n-1], ":") {
		clock, fields = fields[n-1], fields[:n-1]
		if len(clock) == 4 {
			clock = "0" + clock
		}
	}
	var day, month, season int
	var year string
	suffixes := strings.Join(l.OrdinalSuffixes, "")
	for i := 0; i < len(fields); i++ {
		f := strings.TrimSuffix(fields[i], ".")
		if contains(l.HumanFillers, f) {
			continue
		}
		switch {
		case l.Months[f] != 0 && month == 0:
			month = l.Months[f]
		case l.Seasons[f] != 0 && season == 0:
			season = l.Seasons[f]
		case allDigits(strings.TrimRight(f, suffixes)) && len(f) <= 4 && day == 0 && year == "" && len(strings.TrimRight(f, suffixes)) <= 2 && i+1 < len(fields):
			day, _ = strconv.Atoi(strings.TrimRight(f, suffixes))
		case year == "":
			rest := strings.Join(fields[i:], " ")
			y, ok := humanYear(rest)
			if !ok {
				// "april 3 2017": the day after the month.
				if n, err := strconv.Atoi(f); err == nil && day == 0 && month != 0 && n <= 31 && i+1 < len(fields) {
					day = n
					continue
				}
				return edtf.Date{}, false
			}
			year = y
			i = len(fields)
		default:
			return edtf.Date{}, false
		}
	}
	if year == "" {
		return edtf.Date{}, false
	}
	var s string
	switch {
	case season != 0 && month == 0 && day == 0:
		s = year + "-" + strconv.Itoa(season)
	case season != 0:
		return edtf.Date{}, false
	case month != 0 && day != 0:
		s = year + "-" + two2(month) + "-" + two2(day)
	case month != 0:
		s = year + "-" + two2(month)
	case day != 0:
		return edtf.Date{}, false
	default:
		s = year
	}
	if clock != "" {
		if month == 0 || day == 0 {
			return edtf.Date{}, false
		}
		s += "T" + clock
	}
	out, err := edtf.Parse(s)
	return out, err == nil
}

func two2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// humanYear reads "2017", "44 bc", "44 bce", "44 b.c.", "ad 33", "33 ce" as
// an EDTF year.
func humanYear(s string) (string, bool) {
	s = strings.TrimSpace(s)
	bc := false
	for _, suf := range []string{" bce", " bc", " b.c.e.", " b.c.", "bc", "bce"} {
		if rest, ok := strings.CutSuffix(s, suf); ok {
			s, bc = strings.TrimSpace(rest), true
			break
		}
	}
	if !bc {
		for _, suf := range []string{" ce", " ad", " a.d.", " c.e."} {
			if rest, ok := strings.CutSuffix(s, suf); ok {
				s = strings.TrimSpace(rest)
				break
			}
		}
		for _, pre := range []string{"ad ", "a.d. "} {
			if rest, ok := strings.CutPrefix(s, pre); ok {
				s = strings.TrimSpace(rest)
				break
			}
		}
	}
	if !allDigits(s) || len(s) > 9 {
		return "", false
	}
	y, _ := strconv.Atoi(s)
	if bc {
		if y == 0 {
			return "", false
		}
		y = 1 - y
	}
	if y > 9999 || y < -9999 {
		if y < 0 {
			return "Y-" + strconv.Itoa(-y), true
		}
		return "Y" + strconv.Itoa(y), true
	}
	if y < 0 {
		return "-" + pad4(-y), true
	}
	return pad4(y), true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
