package edtf

import (
	"fmt"
	"testing"
	"time"
)

// seeds returns the inputs of the test tables, valid and invalid.
func seeds() []string {
	var out []string
	for _, tt := range parseTests {
		out = append(out, tt.in)
	}
	for _, tt := range parseErrorTests {
		out = append(out, tt.in)
	}
	return out
}

var fuzzShifts = []Duration{{Days: 1}, {Weeks: 3}, {Months: 1}, {Years: 1, Months: 2}, {Hours: 30}}

// FuzzParse checks that every date Parse accepts is spelled canonically in a
// way Parse reads back as the same date, with ordered bounds.
func FuzzParse(f *testing.F) {
	for _, s := range seeds() {
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
		if Compare(d, d2) != 0 || d.IsZero() {
			t.Fatalf("Parse(%q): Compare with itself %d, zero %v", s, Compare(d, d2), d.IsZero())
		}
		for _, lang := range Languages() {
			if d.Format(lang) == "" {
				t.Fatalf("Format(%q, %s) is empty", s, lang)
			}
		}
		for _, dur := range fuzzShifts {
			for _, neg := range []bool{false, true} {
				sh := d.Shift(dur, neg)
				back, err := Parse(sh.String())
				if err != nil || back != sh {
					t.Fatalf("Parse(%q) shifted by %v (negative %v) = %q, which reads back as %q, %v", s, dur, neg, sh, back, err)
				}
			}
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
	d, err := Parse("2017-04-03")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Precision(), d.Lower().Format(time.RFC3339), d.Upper().Format(time.RFC3339))
	for _, lang := range Languages() {
		fmt.Println(lang, d.Format(lang))
	}
	i, _ := Parse("2011/2012")
	fmt.Println(i.Format("en"), i.Lower().Format("2006-01-02"), i.Upper().Format("2006-01-02"))
	c, _ := Parse("2016~")
	fmt.Println(c.Precision(), c.Approximate(), c.Format("fr"))
	_, err = Parse("2017-13")
	fmt.Println(err)
	// Output:
	// day 2017-04-03T00:00:00Z 2017-04-04T00:00:00Z
	// en 3 April 2017
	// ru 3 апреля 2017
	// fr 3 avril 2017
	// de 3. April 2017
	// es 3 de abril de 2017
	// 2011–2012 2011-01-01 2013-01-01
	// year true v. 2016
	// "2017-13": month 13 out of range
}

func ExampleRelative_Resolve() {
	r, _ := ParseRelative("spb-metro-bombing+P3W~")
	fmt.Println(r.ID, r.Dur, r.Resolve(MustParse("2017-04-03")))
	// Output:
	// spb-metro-bombing P3W 2017-04-24~
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

func BenchmarkParseDateTime(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Parse("2017-04-03T08:40:00+03:00")
	}
}

func BenchmarkString(b *testing.B) {
	d := MustParse("2004-06~/2004-08?")
	b.ReportAllocs()
	for b.Loop() {
		_ = d.String()
	}
}

func BenchmarkCompare(b *testing.B) {
	x, y := MustParse("2017-04-03"), MustParse("2017-04")
	b.ReportAllocs()
	for b.Loop() {
		Compare(x, y)
	}
}

func BenchmarkFormat(b *testing.B) {
	d := MustParse("2017-04-03")
	b.ReportAllocs()
	for b.Loop() {
		d.Format("en")
	}
}
