package edtf

import (
	"fmt"
	"testing"
)

var seeds = []string{"2017", "2017-04", "2017-04-03", "2017-04-03T08:40", "2017-04-03T08:40:00+03:00",
	"2014?", "2017-04-24~", "2004-06%", "201X", "20XX", "2017-XX", "2017-04-XX", "2016-21", "2016-24",
	"2011/2012", "1995/..", "../2017", "/2017", "1995/", "2004-06~/2004-08?", "-0043", "Y170002", "Y-17000",
	"2017-02-30", "2017-13", ""}

// FuzzParse checks that every date Parse accepts is spelled canonically in a
// way Parse reads back as the same date, with ordered bounds.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		canon := d.String()
		d2, err := Parse(canon)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", s, canon, err)
		}
		if d2 != d || d2.String() != canon {
			t.Fatalf("Parse(%q) = %q, read back as %q", s, canon, d2.String())
		}
		if !d.Lower().Before(d.Upper()) {
			t.Fatalf("Parse(%q): lower %v not before upper %v", s, d.Lower(), d.Upper())
		}
		for _, lang := range Languages() {
			if d.Format(lang) == "" {
				t.Fatalf("Format(%q, %s) is empty", s, lang)
			}
		}
	})
}

// FuzzParseHuman checks that ParseHuman never panics and that what it
// returns is a date Parse reads back.
func FuzzParseHuman(f *testing.F) {
	for _, s := range append(seeds, "3 April 2017", "early 2016", "c. 1995", "1990s", "44 BC", "2011-12", "before 2017") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseHuman(s)
		if err != nil {
			return
		}
		if _, err := Parse(d.String()); err != nil {
			t.Fatalf("ParseHuman(%q) = %q, which Parse rejects: %v", s, d.String(), err)
		}
	})
}

// FuzzRelative checks the relative-date parser's round trip.
func FuzzRelative(f *testing.F) {
	for _, s := range []string{"spb-metro-bombing+P3W~", "a-P1Y2M10DT2H30M5S", "x+PT8H?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRelative(s)
		if err != nil {
			return
		}
		r2, err := ParseRelative(r.String())
		if err != nil || r2 != r {
			t.Fatalf("ParseRelative(%q) = %q, read back as %+v, %v", s, r.String(), r2, err)
		}
	})
}

func ExampleParse() {
	d, _ := Parse("2011/2012")
	fmt.Println(d.Lower().Format("2006-01-02"), d.Upper().Format("2006-01-02"), d.Format("en"))
	c, _ := Parse("2016~")
	fmt.Println(c.Precision(), c.Approximate(), c.Format("fr"))
	r, _ := ParseRelative("spb-metro-bombing+P3W~")
	fmt.Println(r.Resolve(MustParse("2017-04-03")))
	// Output:
	// 2011-01-01 2013-01-01 2011–2012
	// year true v. 2016
	// 2017-04-24~
}

func BenchmarkParseDay(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Parse("2017-04-03")
	}
}

func BenchmarkParseInterval(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Parse("2004-06~/2004-08?")
	}
}

func BenchmarkParseHuman(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseHuman("3 April 2017")
	}
}

func BenchmarkFormat(b *testing.B) {
	d := MustParse("2017-04-03")
	b.ReportAllocs()
	for b.Loop() {
		d.Format("en")
	}
}
