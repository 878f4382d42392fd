package textdate

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"timeline/timeline/edtf"
)

var humanTests = map[string]string{
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
	"33 AD":              "0033",
	"about 1995":         "1995~",
	"around 1995":        "1995~",
	"c.1995":             "1995~",
	"CIRCA 1995":         "1995~",
	"2011–2012":          "2011/2012",
	"2011 – 2012":        "2011/2012",
	"2011-12?":           "2011?/2012?",
	"2020-21":            "2020/2021",
	"April 3rd, 2017":    "2017-04-03",
	"3 april 2017, 8:40": "2017-04-03T08:40",
	"early 2016?":        "2016-01%/2016-04%",
	"1 BC":               "0000",
	"before c. 2017":     "../2017~",
	"Sept. 2016":         "2016-09",
	"fall 2016":          "2016-23",
	"winter 2016":        "2016-24",
	"1900s":              "190X",
	"2011/2012":          "2011/2012",
	"1995/..":            "1995/..",
	"201x":               "201X",
}

func TestParseHuman(t *testing.T) {
	tests := humanTests
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
	for _, tt := range []struct{ in, msg string }{
		{"", "empty date"},
		{"sometime", "cannot read this date: want an EDTF date"},
		{"31 February 2017", "cannot read this date"},
		{"April", "cannot read this date"},
		{"3 April", "cannot read this date"},
		{"13/2017", "want a four-digit year"},
		{"0 BC", "cannot read this date"},
		{"2017-13", "month 13 out of range"},
		{"2017-02-30", "day 30 out of range"},
		{"2011-05", ""}, // May 2011, not an error
	} {
		d, err := ParseHuman(tt.in)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("ParseHuman(%q): %v", tt.in, err)
			}
			continue
		}
		var se *edtf.SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, tt.msg) {
			t.Errorf("ParseHuman(%q) = %q, %v; want an error with %q", tt.in, d, err, tt.msg)
		}
	}
}

// FuzzParseHuman checks that ParseHuman never panics and that what it
// returns is a date Parse reads back.
func FuzzParseHuman(f *testing.F) {
	for _, s := range append([]string{"2017", "2017-04-03", "1995/..", "-0043"}, "3 April 2017", "early 2016", "c. 1995", "1990s", "44 BC", "2011-12", "before 2017") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseHuman(s)
		if err != nil {
			return
		}
		back, err := edtf.Parse(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseHuman(%q) = %q, which Parse reads as %q, %v", s, d.String(), back, err)
		}
	})
}

func ExampleParseHuman() {
	for _, s := range []string{"3 April 2017", "early 2016", "2011-12", "c. 1995", "44 BC", "before 2017"} {
		d, _ := ParseHuman(s)
		fmt.Printf("%s → %s → %s\n", s, d, d.Format("en"))
	}
	// Output:
	// 3 April 2017 → 2017-04-03 → 3 April 2017
	// early 2016 → 2016-01~/2016-04~ → c. January 2016 – c. April 2016
	// 2011-12 → 2011/2012 → 2011–2012
	// c. 1995 → 1995~ → c. 1995
	// 44 BC → -0043 → 44 BCE
	// before 2017 → ../2017 → ? – 2017
}

func BenchmarkParseHuman(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ParseHuman("3 April 2017")
	}
}
