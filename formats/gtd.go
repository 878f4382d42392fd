package formats

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// GTD reads the Global Terrorism Database's CSV export (START, University
// of Maryland): one incident a row, in Windows-1252 unless told otherwise.
// The date is iyear, imonth and iday, where 0 means unknown; approxdate
// says in words what is known when the date is not exact; an incident
// that lasted more than a day has extended 1 and ends on resolution.
type GTD struct{}

// Name returns "gtd".
func (GTD) Name() string { return "gtd" }

// Detect recognises a CSV whose header has GTD's id and date columns.
func (GTD) Detect(name string, head []byte) bool {
	return headerHas(sniffCSVHeader(head, ','), "eventid", "iyear", "imonth", "iday")
}

// gtdMapped are the columns that go into canonical columns; the others are
// kept as extra columns, approxdate included (the importer reads it, but it
// is free text).
var gtdMapped = map[string]bool{
	"eventid": true, "iyear": true, "imonth": true, "iday": true, "resolution": true,
	"country_txt": true, "city": true, "latitude": true, "longitude": true,
	"summary": true, "gname": true, "gname2": true, "gname3": true,
	"attacktype1_txt": true, "scite1": true, "scite2": true, "scite3": true,
}

// gtdRenamed are GTD columns named like canonical ones that hold something
// else: country is a numeric code, location a free-text note on the place.
var gtdRenamed = map[string]string{"country": "country_code", "location": "location_detail"}

// Import reads the rows of r one at a time. A row cut short (the last row
// of a damaged download) is skipped and reported.
func (GTD) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	switch strings.ToLower(strings.ReplaceAll(opt.Encoding, "_", "-")) {
	case "", "windows-1252", "cp1252":
		r = &cp1252OrUTF8{r: r}
	case "utf-8", "utf8":
	case "iso-8859-1", "latin1", "latin-1":
		r = charmap.ISO8859_1.NewDecoder().Reader(r)
	default:
		return fmt.Errorf("encoding %q: GTD files are windows-1252 or utf-8", opt.Encoding)
	}
	t, err := newHeadedCSV(r, ',')
	if err != nil {
		return err
	}
	if missing := t.has("eventid", "iyear", "imonth", "iday"); len(missing) > 0 {
		return fmt.Errorf("not a GTD export: no column %s", strings.Join(missing, ", "))
	}
	extra, source := extraColumns(t.header, gtdMapped, gtdRenamed)
	for {
		row, line, err := t.next(sink.Skip)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		get := func(c string) string { return t.get(row, c) }
		rec, reason := gtdRecord(line, get, sink)
		if reason != "" {
			sink.Skip(Skip{Line: line, Reason: reason})
			continue
		}
		rec.Extra = extra
		for i, c := range extra {
			set(rec, c, get(source[i]))
		}
		if err := sink.Record(rec); err != nil {
			return err
		}
	}
}

// gtdRecord maps one row, given its cells by column name.
func gtdRecord(line int, get func(string) string, sink ImportSink) (*Record, string) {
	id := get("eventid")
	if id == "" {
		return nil, "no eventid"
	}
	first, last, reason := gtdWindow(get("iyear"), get("imonth"), get("iday"))
	if reason != "" {
		return nil, reason
	}
	if approx := get("approxdate"); approx != "" {
		af, al, ok := gtdApprox(approx, first.Year())
		switch {
		case !ok:
			sink.Warn(line, fmt.Sprintf("approxdate %q not understood: the date is iyear, imonth, iday", approx))
		case !af.Before(first) && !al.After(last), !first.Before(af) && !last.After(al):
			// Within the date (sharper) or around it (iday was a pick
			// inside a wider window): approxdate says it better.
			first, last = af, al
		default:
			sink.Warn(line, fmt.Sprintf("approxdate %q does not agree with iyear, imonth, iday: they are kept", approx))
		}
	}
	start, _ := oneDayIn(first, last)
	rec := newRecord(line, id, nil)
	rec.Cells["start"] = start
	if get("extended") == "1" {
		if res := get("resolution"); res != "" {
			end, err := time.Parse("1/2/2006", res)
			switch {
			case err != nil:
				sink.Warn(line, fmt.Sprintf("resolution %q is not a date (M/D/YYYY): no end", res))
			case end.Before(first):
				sink.Warn(line, fmt.Sprintf("resolution %s is before the start: no end", res))
			default:
				rec.Cells["end"] = end.Format(dayLayout)
			}
		}
	}
	known := func(s string) string {
		if strings.EqualFold(s, "Unknown") {
			return ""
		}
		return s
	}
	city, prov, country := known(get("city")), known(get("provstate")), get("country_txt")
	place := city
	if prov != "" && !strings.EqualFold(prov, city) {
		place = strings.TrimPrefix(place+", "+prov, ", ")
	}
	what := get("attacktype1_txt")
	if what == "" || strings.EqualFold(what, "Unknown") {
		what = "Incident"
	}
	if where := strings.TrimPrefix(strings.TrimSuffix(city+", "+country, ", "), ", "); where != "" {
		what += " in " + where
	}
	rec.Cells["title"] = what
	set(rec, "description", get("summary"))
	set(rec, "category", get("attacktype1_txt"))
	set(rec, "actors", strings.Join(listOf(get("gname")+"\x00"+get("gname2")+"\x00"+get("gname3"), "\x00", "Unknown"), ";"))
	set(rec, "location", place)
	set(rec, "country", country)
	set(rec, "latitude", get("latitude"))
	set(rec, "longitude", get("longitude"))
	set(rec, "sources", strings.Join(listOf(get("scite1")+"\x00"+get("scite2")+"\x00"+get("scite3"), "\x00"), ";"))
	return rec, ""
}

// gtdWindow returns the days iyear, imonth and iday allow: the day, or the
// whole month when iday is 0, or the whole year when imonth is 0.
func gtdWindow(ys, ms, ds string) (first, last time.Time, reason string) {
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(orZero(ms))
	d, err3 := strconv.Atoi(orZero(ds))
	if err1 != nil || err2 != nil || err3 != nil || y < 1 || m < 0 || m > 12 || d < 0 || d > 31 {
		return first, last, fmt.Sprintf("iyear %q, imonth %q, iday %q is not a date", ys, ms, ds)
	}
	switch {
	case m == 0:
		first = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(1, 0, -1), ""
	case d == 0:
		first = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 1, -1), ""
	}
	first = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if first.Day() != d {
		return first, last, fmt.Sprintf("iyear %s, imonth %s, iday %s is not a date (no such day)", ys, ms, ds)
	}
	return first, first, ""
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

const gtdMonth = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

var (
	gtdSameMonth  = regexp.MustCompile(`^` + gtdMonth + `\s+(\d{1,2})\s*(?:-|–|to|and)\s*(\d{1,2}),?\s+(\d{4})$`)
	gtdTwoMonths  = regexp.MustCompile(`^` + gtdMonth + `\s+(\d{1,2})\s*(?:-|–|to|and)\s*` + gtdMonth + `\s+(\d{1,2}),?\s+(\d{4})$`)
	gtdTwoYears   = regexp.MustCompile(`^` + gtdMonth + `\s+(\d{1,2}),?\s+(\d{4})\s*(?:-|–|to|and)\s*` + gtdMonth + `\s+(\d{1,2}),?\s+(\d{4})$`)
	gtdOneDay     = regexp.MustCompile(`^` + gtdMonth + `\s+(\d{1,2}),?\s+(\d{4})$`)
	gtdOneMonth   = regexp.MustCompile(`^(early|mid|late)?[\s-]*` + gtdMonth + `,?\s+(\d{4})$`)
	gtdOneYear    = regexp.MustCompile(`^(\d{4})$`)
	gtdApproxHead = regexp.MustCompile(`^(?:between|from|around|approximately|about|circa|c\.|on or about|sometime(?: in| between)?)\s+`)
)

func monthOf(s string) time.Month {
	s = strings.ToLower(s)
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), s[:3]) {
			return m
		}
	}
	return 0
}

// gtdApprox reads the window of days an approxdate gives: "June 14-16,
// 1971", "June 30 - July 2, 1971", "December 30, 1970 - January 2, 1971",
// "June 14, 1971", "June 1971", "early June 1971" (days 1–10; mid 11–20,
// late 21 to the end), "1971"; a leading "between", "around" or
// "approximately" is ignored. year is the incident's iyear, for checks.
func gtdApprox(s string, year int) (first, last time.Time, ok bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = gtdApproxHead.ReplaceAllString(s, "")
	day := func(y, m, d string) (time.Time, bool) {
		yi, _ := strconv.Atoi(y)
		di, _ := strconv.Atoi(d)
		mo := monthOf(m)
		t := time.Date(yi, mo, di, 0, 0, 0, 0, time.UTC)
		return t, mo != 0 && t.Day() == di && t.Month() == mo
	}
	var ok1, ok2 bool
	switch {
	case gtdTwoYears.MatchString(s):
		m := gtdTwoYears.FindStringSubmatch(s)
		first, ok1 = day(m[3], m[1], m[2])
		last, ok2 = day(m[6], m[4], m[5])
	case gtdTwoMonths.MatchString(s):
		m := gtdTwoMonths.FindStringSubmatch(s)
		first, ok1 = day(m[5], m[1], m[2])
		last, ok2 = day(m[5], m[3], m[4])
	case gtdSameMonth.MatchString(s):
		m := gtdSameMonth.FindStringSubmatch(s)
		first, ok1 = day(m[4], m[1], m[2])
		last, ok2 = day(m[4], m[1], m[3])
	case gtdOneDay.MatchString(s):
		m := gtdOneDay.FindStringSubmatch(s)
		first, ok1 = day(m[3], m[1], m[2])
		last, ok2 = first, ok1
	case gtdOneMonth.MatchString(s):
		m := gtdOneMonth.FindStringSubmatch(s)
		first, ok1 = day(m[3], m[2], "1")
		last, ok2 = first.AddDate(0, 1, -1), ok1
		switch m[1] {
		case "early":
			last = first.AddDate(0, 0, 9)
		case "mid":
			first, last = first.AddDate(0, 0, 10), first.AddDate(0, 0, 19)
		case "late":
			first = first.AddDate(0, 0, 20)
		}
	case gtdOneYear.MatchString(s):
		y, _ := strconv.Atoi(s)
		first = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		last, ok1, ok2 = first.AddDate(1, 0, -1), true, true
	}
	if !ok1 || !ok2 || last.Before(first) || first.Year() < year-1 || last.Year() > year+1 {
		return time.Time{}, time.Time{}, false
	}
	return first, last, true
}

// cp1252OrUTF8 decodes Windows-1252 into UTF-8, passing through what is
// already valid UTF-8 (a re-saved GTD export), rune by rune.
type cp1252OrUTF8 struct {
	r    io.Reader
	buf  []byte // what is read
	in   []byte // undecoded input
	out  []byte // decoded, not yet returned
	eof  bool
	rerr error
}

func (c *cp1252OrUTF8) Read(p []byte) (int, error) {
	for len(c.out) == 0 {
		if c.eof && len(c.in) == 0 {
			return 0, c.rerr
		}
		if !c.eof {
			if c.buf == nil {
				c.buf = make([]byte, 32<<10)
			}
			n, err := c.r.Read(c.buf)
			c.in = append(c.in, c.buf[:n]...)
			if err != nil {
				c.eof, c.rerr = true, err
			}
		}
		i := 0
		for i < len(c.in) {
			b := c.in[i]
			if b < utf8.RuneSelf {
				c.out = append(c.out, b)
				i++
				continue
			}
			if !c.eof && !utf8.FullRune(c.in[i:]) {
				break // wait for the rest of the rune
			}
			if r, n := utf8.DecodeRune(c.in[i:]); r != utf8.RuneError || n > 1 {
				c.out = append(c.out, c.in[i:i+n]...)
				i += n
				continue
			}
			c.out = utf8.AppendRune(c.out, charmap.Windows1252.DecodeByte(b))
			i++
		}
		c.in = append(c.in[:0], c.in[i:]...)
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}
