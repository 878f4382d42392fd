package edtf

import (
	"strings"
	"testing"
	"time"
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

func TestParse(t *testing.T) {
	tests := []struct {
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
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := d.String(); got != tt.canon {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.canon)
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

func TestParseErrors(t *testing.T) {
	tests := []struct {
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
		{"2016-25", "month 25 out of range", 5},
		{"hello", "want a four-digit year", 0},
		{"2017x", "want '-' after the year", 4},
		{"2017-04-03junk", "want 'T' before a time", 10},
		{"2017~~", "qualifier written twice", 4},
		{"2017?-04", "want '-' after the year", 4},
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
	}
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
		{"2017-04", "ru", "апрель 2017"},
		{"2017-04-03", "fr", "3 avril 2017"},
		{"2017-04-03", "de", "3. April 2017"},
		{"2017-04-03", "es", "3 de abril de 2017"},
		{"-0043", "fr", "44 av. J.-C."},
		{"2016~", "de", "ca. 2016"},
		{"201X", "de", "2010er"},
		{"2017-04-03", "xx", "3 April 2017"},
		{"2016-01~/2016-04~", "en", "c. January 2016 – c. April 2016"},
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

func TestParseHuman(t *testing.T) {
	tests := map[string]string{
		"3 April 2017":       "2017-04-03",
		"April 3, 2017":      "2017-04-03",
		"3 Apr 2017":         "2017-04-03",
		"3rd April 2017":     "2017-04-03",
		"April 2017":         "2017-04",
		"Apr. 2017":          "2017-04",
		"early 2016":         "2016-01~/2016-04~",
		"mid 2016":           "2016-05~/2016-08~",
		"mid-2016":           "2016-05~/2016-08~",
		"late 2016":          "2016-09~/2016-12~",
		"spring 2016":        "2016-21",
		"c. 1995":            "1995~",
		"ca. 1995":           "1995~",
		"circa 1995":         "1995~",
		"about April 2017":   "2017-04~",
		"1990s":              "199X",
		"44 BC":              "-0043",
		"44 BCE":             "-0043",
		"44 B.C.":            "-0043",
		"AD 33":              "0033",
		"33 CE":              "0033",
		"2011-12":            "2011/2012",
		"2011–12":            "2011/2012",
		"2011-2012":          "2011/2012",
		"2011 to 2012":       "2011/2012",
		"2011-15":            "2011/2015",
		"1999-00":            "1999/2000",
		"2017-04":            "2017-04",
		"2016-21":            "2016-21",
		"before 2017":        "../2017",
		"after 1995":         "1995/..",
		"since 1995":         "1995/..",
		"3 April 2017 08:40": "2017-04-03T08:40",
		"2014?":              "2014?",
		"April 2017?":        "2017-04?",
		"  2017-04-03  ":     "2017-04-03",
		"2017-04-24~":        "2017-04-24~",
	}
	for in, want := range tests {
		d, err := ParseHuman(in)
		if err != nil {
			t.Errorf("ParseHuman(%q): %v", in, err)
			continue
		}
		if d.String() != want {
			t.Errorf("ParseHuman(%q) = %q, want %q", in, d.String(), want)
		}
	}
	for _, bad := range []string{"", "sometime", "31 February 2017", "April", "3 April", "13/2017"} {
		if d, err := ParseHuman(bad); err == nil {
			t.Errorf("ParseHuman(%q) = %q, want an error", bad, d)
		}
	}
}

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
	for _, s := range []string{"2017-04-03", "2011/2012", "2004-06~/2004-08?"} {
		if n := testing.AllocsPerRun(100, func() { Parse(s) }); n != 0 {
			t.Errorf("Parse(%q) makes %v allocations", s, n)
		}
	}
}

func TestUnixDay(t *testing.T) {
	for y := int64(-2000); y <= 2400; y += 7 {
		for m := int64(1); m <= 14; m++ {
			want := time.Date(int(y), time.Month(m), 1, 0, 0, 0, 0, time.UTC).Unix()
			if got := unixDay(y, m, 1); got != want {
				t.Fatalf("unixDay(%d, %d, 1) = %d, want %d", y, m, got, want)
			}
		}
	}
	if got, want := unixDay(2016, 2, 29), time.Date(2016, 2, 29, 0, 0, 0, 0, time.UTC).Unix(); got != want {
		t.Errorf("unixDay(2016-02-29) = %d, want %d", got, want)
	}
}
