package edtf

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"
)

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t, err = time.Parse("2006-01-02", s)
	}
	if err != nil {
		panic(err)
	}
	return t
}

// parseTests are valid EDTF values; lo and hi are Lower and Upper, empty for
// the years time.Parse cannot read.
var parseTests = []struct {
	in, canon, lo, hi string
	prec              Precision
	unc, approx       bool
	loOpen, hiOpen    bool
}{
	{"2017", "2017", "2017-01-01", "2018-01-01", PrecisionYear, false, false, false, false},
	{"2017-04", "2017-04", "2017-04-01", "2017-05-01", PrecisionMonth, false, false, false, false},
	{"2017-04-03", "2017-04-03", "2017-04-03", "2017-04-04", PrecisionDay, false, false, false, false},
	{"2016-02-29", "2016-02-29", "2016-02-29", "2016-03-01", PrecisionDay, false, false, false, false},
	{"2017-04-03T08:40", "2017-04-03T08:40", "2017-04-03T08:40:00Z", "2017-04-03T08:41:00Z", PrecisionMinute, false, false, false, false},
	{"2017-04-03T08:40:05", "2017-04-03T08:40:05", "2017-04-03T08:40:05Z", "2017-04-03T08:40:06Z", PrecisionSecond, false, false, false, false},
	{"2017-04-03T14:40:00+03:00", "2017-04-03T14:40:00+03:00", "2017-04-03T11:40:00Z", "2017-04-03T11:40:01Z", PrecisionSecond, false, false, false, false},
	{"2017-04-03T08:40:00Z", "2017-04-03T08:40:00Z", "2017-04-03T08:40:00Z", "2017-04-03T08:40:01Z", PrecisionSecond, false, false, false, false},
	{"2014?", "2014?", "2014-01-01", "2015-01-01", PrecisionYear, true, false, false, false},
	{"2017-04-24~", "2017-04-24~", "2017-04-24", "2017-04-25", PrecisionDay, false, true, false, false},
	{"2004-06%", "2004-06%", "2004-06-01", "2004-07-01", PrecisionMonth, true, true, false, false},
	{"2004-06?~", "2004-06%", "2004-06-01", "2004-07-01", PrecisionMonth, true, true, false, false},
	{"201X", "201X", "2010-01-01", "2020-01-01", PrecisionDecade, false, false, false, false},
	{"201x", "201X", "2010-01-01", "2020-01-01", PrecisionDecade, false, false, false, false},
	{"20XX", "20XX", "2000-01-01", "2100-01-01", PrecisionCentury, false, false, false, false},
	{"2017-XX", "2017-XX", "2017-01-01", "2018-01-01", PrecisionYear, false, false, false, false},
	{"2017-04-XX", "2017-04-XX", "2017-04-01", "2017-05-01", PrecisionMonth, false, false, false, false},
	{"2017-XX-XX", "2017-XX-XX", "2017-01-01", "2018-01-01", PrecisionYear, false, false, false, false},
	{"2016-21", "2016-21", "2016-03-01", "2016-06-01", PrecisionSeason, false, false, false, false},
	{"2016-24", "2016-24", "2016-12-01", "2017-03-01", PrecisionSeason, false, false, false, false},
	{"2011/2012", "2011/2012", "2011-01-01", "2013-01-01", PrecisionInterval, false, false, false, false},
	{"2004-02-01/2005-02-08", "2004-02-01/2005-02-08", "2004-02-01", "2005-02-09", PrecisionInterval, false, false, false, false},
	{"1995/..", "1995/..", "1995-01-01", "1996-01-01", PrecisionInterval, false, false, false, true},
	{"1995/", "1995/", "1995-01-01", "1996-01-01", PrecisionInterval, false, false, false, true},
	{"../2017", "../2017", "2017-01-01", "2018-01-01", PrecisionInterval, false, false, true, false},
	{"/2017", "/2017", "2017-01-01", "2018-01-01", PrecisionInterval, false, false, true, false},
	{"2004-06~/2004-08?", "2004-06~/2004-08?", "2004-06-01", "2004-09-01", PrecisionInterval, true, true, false, false},
	{"2016-01~/2016-04~", "2016-01~/2016-04~", "2016-01-01", "2016-05-01", PrecisionInterval, false, true, false, false},
	{"-0043", "-0043", "-0043-01-01T00:00:00Z", "-0042-01-01T00:00:00Z", PrecisionYear, false, false, false, false},
	{"0000", "0000", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", PrecisionYear, false, false, false, false},
	{"Y170002", "Y170002", "", "", PrecisionYear, false, false, false, false},
	{"Y-17000", "Y-17000", "", "", PrecisionYear, false, false, false, false},
	{"Y170000002", "Y170000002", "", "", PrecisionYear, false, false, false, false},
	{"Y-17000002", "Y-17000002", "", "", PrecisionYear, false, false, false, false},
	{"2017-04-03T08:40Z", "2017-04-03T08:40Z", "2017-04-03T08:40:00Z", "2017-04-03T08:41:00Z", PrecisionMinute, false, false, false, false},
	{"2017-04-03T23:30-05:00", "2017-04-03T23:30-05:00", "2017-04-04T04:30:00Z", "2017-04-04T04:31:00Z", PrecisionMinute, false, false, false, false},
	{"2017-04-03T08:40-00:00", "2017-04-03T08:40+00:00", "2017-04-03T08:40:00Z", "2017-04-03T08:41:00Z", PrecisionMinute, false, false, false, false},
	{"2017-04-03T08:40Z?", "2017-04-03T08:40Z?", "2017-04-03T08:40:00Z", "2017-04-03T08:41:00Z", PrecisionMinute, true, false, false, false},
	{"2017-04-xx", "2017-04-XX", "2017-04-01", "2017-05-01", PrecisionMonth, false, false, false, false},
	{"2016-22", "2016-22", "2016-06-01", "2016-09-01", PrecisionSeason, false, false, false, false},
	{"2016-23~", "2016-23~", "2016-09-01", "2016-12-01", PrecisionSeason, false, true, false, false},
	{"2017~?", "2017%", "2017-01-01", "2018-01-01", PrecisionYear, true, true, false, false},
	{"2000-02-29", "2000-02-29", "2000-02-29", "2000-03-01", PrecisionDay, false, false, false, false},
	{"2017-05-02/2017-05", "2017-05-02/2017-05", "2017-05-02", "2017-06-01", PrecisionInterval, false, false, false, false},
	{"2011/2011", "2011/2011", "2011-01-01", "2012-01-01", PrecisionInterval, false, false, false, false},
	{"../2017-04-03~", "../2017-04-03~", "2017-04-03", "2017-04-04", PrecisionInterval, false, true, true, false},
	{"2017-04-03T08:40/2017-04-03T09:00Z", "2017-04-03T08:40/2017-04-03T09:00Z", "2017-04-03T08:40:00Z", "2017-04-03T09:01:00Z", PrecisionInterval, false, false, false, false},
	{"-0000", "0000", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", PrecisionYear, false, false, false, false},
	{"-9999-12-31", "-9999-12-31", "", "", PrecisionDay, false, false, false, false},
}

func TestParse(t *testing.T) {
	tests := parseTests
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := d.String(); got != tt.canon {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.canon)
		}
		if d.IsZero() || d.IsInterval() != (tt.prec == PrecisionInterval) {
			t.Errorf("Parse(%q): IsZero %v IsInterval %v", tt.in, d.IsZero(), d.IsInterval())
		}
		if tt.lo != "" {
			if !d.Lower().Equal(bound(tt.lo)) || !d.Upper().Equal(bound(tt.hi)) {
				t.Errorf("Parse(%q) bounds = %v, %v; want %s, %s", tt.in, d.Lower(), d.Upper(), tt.lo, tt.hi)
			}
		}
		if !d.Lower().Before(d.Upper()) {
			t.Errorf("Parse(%q): lower %v not before upper %v", tt.in, d.Lower(), d.Upper())
		}
		if d.Precision() != tt.prec || d.Uncertain() != tt.unc || d.Approximate() != tt.approx || d.LowerOpen() != tt.loOpen || d.UpperOpen() != tt.hiOpen {
			t.Errorf("Parse(%q): precision %v uncertain %v approximate %v open %v %v", tt.in, d.Precision(), d.Uncertain(), d.Approximate(), d.LowerOpen(), d.UpperOpen())
		}
	}
	if d := MustParse("1995/.."); !d.Ongoing() || MustParse("1995/").Ongoing() {
		t.Error("Ongoing is wrong")
	}
}

func TestParseLongYears(t *testing.T) {
	for _, tt := range []struct {
		in   string
		year int
	}{{"Y170002", 170002}, {"Y-17000", -17000}, {"Y170000002", 170000002}, {"Y-17000002", -17000002}, {"Y1000000000", 1000000000}} {
		d := MustParse(tt.in)
		lo, hi := time.Date(tt.year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(tt.year+1, 1, 1, 0, 0, 0, 0, time.UTC)
		if !d.Lower().Equal(lo) || !d.Upper().Equal(hi) {
			t.Errorf("Parse(%q) bounds = %v, %v; want %v, %v", tt.in, d.Lower(), d.Upper(), lo, hi)
		}
	}
}

func bound(s string) time.Time {
	if strings.HasPrefix(s, "-") {
		t, err := time.Parse("-2006-01-02T15:04:05Z", s)
		if err != nil {
			panic(err)
		}
		return time.Date(-t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return day(s)
}

// parseErrorTests are invalid EDTF: msg is part of the message, off the
// offset.
var parseErrorTests = []struct {
	in, msg string
	off     int
}{
	{"", "empty date", 0},
	{"2017-13", "month 13 out of range", 5},
	{"2017-00", "month 00 out of range", 5},
	{"2017-02-30", "day 30 out of range for 2017-02", 8},
	{"2019-02-29", "day 29 out of range", 8},
	{"2017-04-32", "day 32 out of range", 8},
	{"2017-4-3", "want a two-digit month", 5},
	{"17", "want a four-digit year", 0},
	{"2017/2016", "interval ends before it starts", 5},
	{"2017-04-03T25:00", "hour 25 out of range", 11},
	{"2017-04-03T08:61", "minute 61 out of range", 14},
	{"2016-25", "season 25 out of range", 5},
	{"2016-20", "month 20 out of range", 5},
	{"hello", "want a four-digit year", 0},
	{"2017x", "want '-' after the year", 4},
	{"2017-04-03junk", "want 'T' before a time", 10},
	{"2017~~", "qualifier written twice", 4},
	{"2017?-04", "a qualifier goes at the end", 4},
	{"2017%?", "qualifier written twice", 4},
	{"2017?~?", "qualifier written twice", 4},
	{"..", "belongs in an interval", 0},
	{"../..", "needs at least one date", 0},
	{"/", "needs at least one date", 0},
	{"2017/2018/2019", "more than one '/'", 9},
	{"X017", "only the last two digits", 0},
	{"2X17", "only the last two digits", 1},
	{"20X7", "unspecified digits must come last", 3},
	{"201X-04", "stands alone", 4},
	{"2017-XX-04", "cannot follow an unspecified month", 8},
	{"2016-21-03", "a season has no day", 7},
	{"Y1700", "more than four digits", 1},
	{"20170", "use the Y prefix", 4},
	{"2017-04-03T08:40+3", "want a zone", 17},
	{"2017-04-03T08:40+15:00", "zone out of range", 17},
	{"2017-04-03T08:40:60", "second 60 out of range", 17},
	{"2017-04-03T08:40:00.5", "unexpected '.' after the time", 19},
	{"2017-04-03Z", "want 'T' before a time", 10},
	{"2100-02-29", "day 29 out of range for 2100-02", 8},
	{"Y100000000001", "year out of range", 1},
	{"Y-100000000001", "year out of range", 2},
	{"-001X", "negative year cannot have unspecified digits", 1},
	{" 2017", "want a four-digit year", 0},
	{"2017 ", "want '-' after the year", 4},
	{"2017-05/2017-04", "interval ends before it starts", 8},
	{"2017/2016-12-31", "interval ends before it starts", 5},
	{"2017/..?", "want a four-digit year", 5},
	{"2017-04-03T08", "want ':' and minutes", 13},
	{"2017-04-03T", "want a two-digit hour", 11},
	{"1995/2000/", "more than one '/'", 9},
	{"?", "missing date", 0},
}

func TestParseErrors(t *testing.T) {
	tests := parseErrorTests
	for _, tt := range tests {
		_, err := Parse(tt.in)
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("Parse(%q) error = %v, want a *SyntaxError", tt.in, err)
			continue
		}
		if !strings.Contains(se.Msg, tt.msg) || se.Offset != tt.off {
			t.Errorf("Parse(%q) = %q at %d, want %q at %d", tt.in, se.Msg, se.Offset, tt.msg, tt.off)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ in, lang, want string }{
		{"2017-04-03", "en", "3 April 2017"},
		{"2017-04", "en", "April 2017"},
		{"2017", "en", "2017"},
		{"2016~", "en", "c. 2016"},
		{"2014?", "en", "2014?"},
		{"2016-21", "en", "spring 2016"},
		{"201X", "en", "2010s"},
		{"20XX", "en", "21st century"},
		{"19XX", "en", "20th century"},
		{"2011/2012", "en", "2011–2012"},
		{"1995/..", "en", "1995 – ongoing"},
		{"../2017", "en", "? – 2017"},
		{"-0043", "en", "44 BCE"},
		{"2017-04-03T08:40", "en", "3 April 2017, 08:40"},
		{"2017-04-03T08:40:00+03:00", "en", "3 April 2017, 08:40:00 UTC+03:00"},
		{"2017-04-03", "ru", "3 апреля 2017"},
		{"2016-01~", "ru", "ок. января 2016"},
		{"2016-21~", "ru", "ок. весны 2016"},
		{"201X~", "ru", "ок. 2010-х"},
		{"2016~", "ru", "ок. 2016"},
		{"2016-01-05~", "ru", "ок. 5 января 2016"},
		{"2016-01~/2016-04~", "ru", "ок. января 2016 – ок. апреля 2016"},
		{"2016-01~", "de", "ca. Januar 2016"},
		{"-0043~", "ru", "ок. 44 до н. э."},
		{"Y-66000000", "en", "66 million years ago"},
		{"Y-999999999", "en", "1 billion years ago"},
		{"Y-252170000", "de", "vor 252 Millionen Jahren"},
		{"Y-2580000", "fr", "il y a 2,58 millions d’années"},
		{"Y-999999", "en", "1 million years ago"},
		{"Y-99998", "en", "99999 BCE"},
		{"Y-99999", "en", "100 thousand years ago"},
		{"Y-299999", "ru", "300 тыс. лет назад"},
		{"Y-123456", "de", "vor 123 Tausend Jahren"},
		{"Y-999498", "es", "hace 999 mil años"},
		{"Y-13798000000", "en", "13.8 billion years ago"},
		{"Y-13798000000", "es", "hace 13,8 miles de millones de años"},
		{"Y-100000000000", "en", "100 billion years ago"},
		{"Y-2124999", "en", "2.13 million years ago"}, // halves round up
		{"Y-4540000000~", "fr", "v. il y a 4,54 milliards d’années"},
		{"Y170000002", "en", "170000002"},
		{"2017-04", "ru", "апрель 2017"},
		{"2017-04-03", "fr", "3 avril 2017"},
		{"2017-04-03", "de", "3. April 2017"},
		{"2017-04-03", "es", "3 de abril de 2017"},
		{"-0043", "fr", "44 av. J.-C."},
		{"2016~", "de", "ca. 2016"},
		{"201X", "de", "2010er"},
		{"2017-04-03", "xx", "3 April 2017"},
		{"2016-01~/2016-04~", "en", "c. January 2016 – c. April 2016"},
		{"2004-06%", "en", "c. June 2004?"},
		{"1995/", "en", "1995 – ?"},
		{"/2017", "en", "? – 2017"},
		{"2017-XX", "en", "2017"},
		{"2017-04-XX", "en", "April 2017"},
		{"2017-04-03T08:40Z", "en", "3 April 2017, 08:40 UTC"},
		{"2017-04-03T08:40:05", "en", "3 April 2017, 08:40:05"},
		{"2016-24", "en", "winter 2016"},
		{"0000", "en", "1 BCE"},
		{"Y-17000", "en", "17001 BCE"},
		{"Y170002", "en", "170002"},
		{"-0043-03-15", "en", "15 March 44 BCE"},
		{"2004-02-01/2005-02-08", "en", "1 February 2004 – 8 February 2005"},
		{"11XX", "en", "12th century"},
		{"01XX", "en", "2nd century"},
		{"00XX", "en", "1st century"},
		{"22XX", "en", "23rd century"},
		{"2017-04", "xx", "April 2017"},
		// Russian
		{"2016~", "ru", "ок. 2016"},
		{"2016-21", "ru", "весна 2016"},
		{"201X", "ru", "2010-е"},
		{"20XX", "ru", "XXI век"},
		{"-0043", "ru", "44 до н. э."},
		{"1995/..", "ru", "1995 – по настоящее время"},
		{"2017-04-03T08:40", "ru", "3 апреля 2017, 08:40"},
		// French
		{"2017-04", "fr", "avril 2017"},
		{"2016-22", "fr", "été 2016"},
		{"201X", "fr", "années 2010"},
		{"20XX", "fr", "XXIᵉ siècle"},
		{"1995/..", "fr", "1995 – en cours"},
		{"2014?", "fr", "2014?"},
		// German
		{"2017-04", "de", "April 2017"},
		{"2017-03-01", "de", "1. März 2017"},
		{"20XX", "de", "21. Jahrhundert"},
		{"-0043", "de", "44 v. Chr."},
		{"2011/2012", "de", "2011–2012"},
		// Spanish
		{"2017-04", "es", "abril 2017"},
		{"2016~", "es", "c. 2016"},
		{"2016-24", "es", "invierno 2016"},
		{"201X", "es", "años 2010"},
		{"20XX", "es", "siglo XXI"},
		{"-0043", "es", "44 a. C."},
		{"1995/..", "es", "1995 – en curso"},
	}
	for _, tt := range tests {
		if got := MustParse(tt.in).Format(tt.lang); got != tt.want {
			t.Errorf("Format(%q, %s) = %q, want %q", tt.in, tt.lang, got, tt.want)
		}
	}
}

func TestRelative(t *testing.T) {
	tests := []struct{ in, base, canon, resolved string }{
		{"spb-metro-bombing+P3W~", "2017-04-03", "spb-metro-bombing+P3W~", "2017-04-24~"},
		{"a-P1D", "2017-03-01", "a-P1D", "2017-02-28"},
		{"event-2-P1Y2M", "2017-04", "event-2-P1Y2M", "2016-02"},
		{"x+PT2H", "2017-04-03T08:40", "x+PT2H", "2017-04-03T10:40"},
		{"2017-bomb+P1D?", "2017-04-03", "2017-bomb+P1D?", "2017-04-04?"},
	}
	for _, tt := range tests {
		if !IsRelative(tt.in) {
			t.Errorf("IsRelative(%q) = false", tt.in)
		}
		r, err := ParseRelative(tt.in)
		if err != nil {
			t.Errorf("ParseRelative(%q): %v", tt.in, err)
			continue
		}
		if r.String() != tt.canon {
			t.Errorf("ParseRelative(%q).String() = %q", tt.in, r.String())
		}
		if got := r.Resolve(MustParse(tt.base)).String(); got != tt.resolved {
			t.Errorf("%q resolved on %s = %q, want %q", tt.in, tt.base, got, tt.resolved)
		}
	}
	d := MustParse("2017-04-03")
	r, _ := ParseRelative("b+P3W~")
	res := r.Resolve(d)
	if !res.Lower().Equal(day("2017-04-24")) || !res.Upper().Equal(day("2017-04-25")) || !res.Approximate() {
		t.Errorf("resolved bounds %v %v", res.Lower(), res.Upper())
	}
	for _, bad := range []string{"a+3W", "a+P", "a+PT", "A+P1D", "a+P1X", "a+P1D2W", "+P1D"} {
		if _, err := ParseRelative(bad); err == nil {
			t.Errorf("ParseRelative(%q) accepted", bad)
		}
	}
	for _, not := range []string{"2017", "-0043", "2017-04-03T08:40+03:00", "../2017", "Y17000"} {
		if IsRelative(not) {
			t.Errorf("IsRelative(%q) = true", not)
		}
	}
}

// humanTests map what a person types to its EDTF.
func TestCompare(t *testing.T) {
	in := []string{"2017", "2017-04-03", "2016/2018", "../2017", "2017-04", "2017-01-01"}
	want := "2016/2018 2017-01-01 ../2017 2017 2017-04 2017-04-03"
	ds := make([]Date, len(in))
	for i, s := range in {
		ds[i] = MustParse(s)
	}
	for i := range ds {
		for j := i + 1; j < len(ds); j++ {
			if Compare(ds[j], ds[i]) < 0 {
				ds[i], ds[j] = ds[j], ds[i]
			}
		}
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	if strings.Join(got, " ") != want {
		t.Errorf("order = %s\nwant    %s", strings.Join(got, " "), want)
	}
}

func TestParseAllocs(t *testing.T) {
	for _, s := range []string{"2017", "2017-04-03", "2017-04-03T08:40:00+03:00", "Y-17000002", "201X", "2011/2012", "2004-06~/2004-08?", "1995/..", "/2017"} {
		if n := testing.AllocsPerRun(100, func() { Parse(s) }); n != 0 {
			t.Errorf("Parse(%q) makes %v allocations", s, n)
		}
	}
}

func TestUnixDays(t *testing.T) {
	for y := int64(-2000); y <= 2400; y += 7 {
		for m := int64(1); m <= 14; m++ {
			want := time.Date(int(y), time.Month(m), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
			if got := unixDays(y, m, 1); got != want {
				t.Fatalf("unixDays(%d, %d, 1) = %d, want %d", y, m, got, want)
			}
		}
	}
	for days := int64(-1_000_000); days <= 1_000_000; days += 13 {
		y, m, d := civil(days)
		if back := unixDays(y, m, d); back != days || d < 1 || d > int64(daysIn(y, int(m))) {
			t.Fatalf("civil(%d) = %d-%d-%d, back %d", days, y, m, d, back)
		}
	}
	if got, want := unixDays(2016, 2, 29)*86400, time.Date(2016, 2, 29, 0, 0, 0, 0, time.UTC).Unix(); got != want {
		t.Errorf("unixDays(2016-02-29) = %d, want %d", got, want)
	}
}

func TestSyntaxError(t *testing.T) {
	_, err := Parse("2017-13")
	if got, want := err.Error(), `"2017-13": month 13 out of range`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestCompareTotal(t *testing.T) {
	var ds []Date
	for _, tt := range parseTests {
		ds = append(ds, MustParse(tt.in))
	}
	ds = append(ds, Date{})
	if Compare(Date{}, MustParse("-9999")) != -1 || Compare(MustParse("-9999"), Date{}) != 1 {
		t.Error("the zero Date does not sort first")
	}
	for _, a := range ds {
		if Compare(a, a) != 0 {
			t.Errorf("Compare(%q, itself) != 0", a)
		}
		for _, b := range ds {
			ab, ba := Compare(a, b), Compare(b, a)
			if ab != -ba || (ab == 0) != (a == b) {
				t.Errorf("Compare(%q, %q) = %d, reversed %d", a, b, ab, ba)
			}
			for _, c := range ds {
				if ab < 0 && Compare(b, c) < 0 && Compare(a, c) >= 0 {
					t.Errorf("Compare not transitive on %q < %q < %q", a, b, c)
				}
			}
		}
	}
}

func TestZero(t *testing.T) {
	var d Date
	if !d.IsZero() || d.IsInterval() || d.String() != "" || d.Format("en") != "" || d.Precision() != PrecisionNone ||
		!d.Lower().IsZero() || !d.Upper().IsZero() || d.Uncertain() || d.Approximate() || d.Ongoing() {
		t.Errorf("zero Date misbehaves: %q %v", d, d.Precision())
	}
	if PrecisionNone.String() != "none" || PrecisionInterval.String() != "interval" || PrecisionSeason.String() != "season" {
		t.Error("Precision.String is wrong")
	}
}

func TestAppendText(t *testing.T) {
	for _, tt := range parseTests {
		d := MustParse(tt.in)
		b, err := d.AppendText([]byte("x"))
		if err != nil || string(b) != "x"+d.String() {
			t.Errorf("AppendText(%q) = %q, %v", tt.in, b, err)
		}
	}
}

func TestSize(t *testing.T) {
	if n := unsafe.Sizeof(Date{}); n > 56 {
		t.Errorf("Date is %d bytes, want at most 56", n)
	}
}

// MustParse is Parse for dates the tests know to be valid.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestFormatTime(t *testing.T) {
	for _, tt := range []struct {
		t          time.Time
		lang, want string
	}{
		{time.Date(-43, 3, 15, 0, 0, 0, 0, time.UTC), "en", "15 March 44 BCE"},
		{time.Date(-11343, 1, 1, 0, 0, 0, 0, time.UTC), "en", "1 January 11344 BCE"},
		{time.Date(44, 3, 15, 0, 0, 0, 0, time.UTC), "en", "15 March 44"},
		{time.Date(2017, 4, 3, 8, 40, 0, 0, time.UTC), "ru", "3 апреля 2017, 08:40"},
		{time.Date(2017, 4, 3, 8, 40, 5, 0, time.FixedZone("", 3600)), "en", "3 April 2017, 07:40:05"},
	} {
		if got := FormatTime(tt.t, tt.lang); got != tt.want {
			t.Errorf("FormatTime(%v, %s) = %q, want %q", tt.t, tt.lang, got, tt.want)
		}
	}
	for y, want := range map[int64]string{2017: "2017", 0: "1 BCE", -43: "44 BCE", -13_798_000_000: "13.8 billion years ago", -4_540_000_000: "4.54 billion years ago"} {
		if got := FormatYear(y, "en"); got != want {
			t.Errorf("FormatYear(%d) = %q, want %q", y, got, want)
		}
	}
	if got := FormatYear(-13_798_000_000, "ru"); got != "13,8 млрд лет назад" {
		t.Errorf("FormatYear in Russian = %q", got)
	}
}

func TestDeepTime(t *testing.T) {
	for _, s := range []string{"Y-13798000000", "Y-100000000000", "Y100000000000", "Y-4294967296", "Y4294967297", "Y-2147483649"} {
		d := MustParse(s)
		if d.String() != s {
			t.Errorf("Parse(%q).String() = %q", s, d.String())
		}
		var y int64
		if _, err := fmt.Sscanf(s, "Y%d", &y); err != nil {
			t.Fatal(err)
		}
		if got := int64(d.Lower().Year()); got != y {
			t.Errorf("%s: lower bound in year %d", s, got)
		}
		if got := d.Upper().Sub(d.Lower()); got < 365*24*time.Hour || got > 366*24*time.Hour {
			t.Errorf("%s: spans %v", s, got)
		}
	}
	if Compare(MustParse("Y-13798000000"), MustParse("Y-4540000000")) >= 0 || Compare(MustParse("Y-4294967296"), MustParse("Y-4294967295")) >= 0 {
		t.Error("deep years out of order")
	}
	for _, c := range []struct {
		a, b       int64
		lang, want string
	}{
		{1900, 1999, "en", "1900–1999"},
		{-198, -99, "en", "199–100 BCE"},
		{0, 9, "en", "1 BCE–9"},
		{-198, -99, "ru", "199–100 до н. э."},
		{-65_999_998, -64_999_999, "en", "66–65 million years ago"},
		{-999_999_998, -899_999_999, "en", "1000–900 million years ago"},
		{-1_399_999_998, -1_299_999_999, "de", "vor 1,4–1,3 Milliarden Jahren"},
		{-199_998, -99_999, "fr", "il y a 200–100 mille ans"},
		{-999_998, 0, "en", "1 million years ago–1 BCE"},
	} {
		if got := FormatYears(c.a, c.b, c.lang); got != c.want {
			t.Errorf("FormatYears(%d, %d, %s) = %q, want %q", c.a, c.b, c.lang, got, c.want)
		}
	}
	if got := FormatTime(MustParse("Y-66000000").Lower(), "en"); got != "66 million years ago" {
		t.Errorf("FormatTime of a deep year = %q", got)
	}
	if ago, dec := DeepWords("ru"); ago[2] != "N млрд лет назад" || dec != "," {
		t.Errorf("DeepWords(ru) = %q, %q", ago, dec)
	}
}
