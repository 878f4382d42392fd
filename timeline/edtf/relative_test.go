package edtf

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in, canon string
		want      Duration
	}{
		{"P3W", "P3W", Duration{Weeks: 3}},
		{"P1Y2M10D", "P1Y2M10D", Duration{Years: 1, Months: 2, Days: 10}},
		{"PT8H", "PT8H", Duration{Hours: 8}},
		{"P1DT2H", "P1DT2H", Duration{Days: 1, Hours: 2}},
		{"PT1M", "PT1M", Duration{Minutes: 1}},
		{"P1M", "P1M", Duration{Months: 1}},
		{"P1Y2M3W4DT5H6M7S", "P1Y2M3W4DT5H6M7S", Duration{1, 2, 3, 4, 5, 6, 7}},
		{"P0D", "P0D", Duration{}},
		{"P00010D", "P10D", Duration{Days: 10}},
	}
	for _, tt := range tests {
		d, err := ParseDuration(tt.in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", tt.in, err)
			continue
		}
		if d != tt.want || d.String() != tt.canon {
			t.Errorf("ParseDuration(%q) = %+v %q, want %+v %q", tt.in, d, d, tt.want, tt.canon)
		}
	}
	errs := []struct {
		in, msg string
		off     int
	}{
		{"", "starts with 'P'", 0},
		{"3W", "starts with 'P'", 0},
		{"P", "at least one part", 1},
		{"PT", "want hours, minutes or seconds", 2},
		{"P1", "want a unit", 2},
		{"P1X", "unknown unit 'X'", 2},
		{"P1D2W", "units out of order", 4},
		{"P1H", "unknown unit 'H'", 2},
		{"PT1D", "unknown unit 'D'", 3},
		{"P1DT", "want hours", 4},
		{"P1DTT1H", "'T' written twice", 4},
		{"P-1D", "want a number", 1},
		{"P1000000D", "number too large", 1},
	}
	for _, tt := range errs {
		_, err := ParseDuration(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, tt.msg) || se.Offset != tt.off {
			t.Errorf("ParseDuration(%q) = %v, want %q at %d", tt.in, err, tt.msg, tt.off)
		}
	}
}

func TestShift(t *testing.T) {
	tests := []struct {
		in, dur string
		neg     bool
		want    string
	}{
		{"2017-04-03", "P3W", false, "2017-04-24"},
		{"2017-04-03", "P3W", true, "2017-03-13"},
		{"2017-01-31", "P1M", false, "2017-02-28"},
		{"2016-02-29", "P1Y", false, "2017-02-28"},
		{"2017-03-31", "P1M", true, "2017-02-28"},
		{"2017", "P3W", false, "2017"},
		{"2017", "P1Y", false, "2018"},
		{"2017?", "P1Y", false, "2018?"},
		{"2017-XX", "P1Y", false, "2018-XX"},
		{"2017-04-XX", "P1M", false, "2017-05-XX"},
		{"2017-04", "P1Y2M", true, "2016-02"},
		{"2016-24", "P3M", false, "2017-21"},
		{"2016-21", "P3M", true, "2015-24"},
		{"201X", "P10Y", false, "202X"},
		{"20XX", "P1Y", false, "20XX"},
		{"0005", "P10Y", true, "-0005"},
		{"000X", "P20Y", true, "000X"},             // a negative decade cannot be spelled
		{"9999-12-31", "P1D", false, "9999-12-31"}, // nor a day in year 10000
		{"9999", "P1Y", false, "Y10000"},
		{"Y10000", "P1Y", true, "9999"},
		{"2017-04-03T08:40", "PT30M", false, "2017-04-03T09:10"},
		{"2017-04-03T23:30+03:00", "PT1H", false, "2017-04-04T00:30+03:00"},
		{"2017-04-03T23:30:15Z", "P1DT30S", false, "2017-04-04T23:30:45Z"},
		{"2017-04-03", "PT30H", false, "2017-04-04"},
		{"2011/2012", "P1Y", false, "2012/2013"},
		{"2017-01-31/2017-02-01", "P1M", false, "2017-02-28/2017-03-01"},
		{"1995/..", "P1Y", false, "1996/.."},
		{"../2017", "P1Y", true, "../2016"},
		{"2004-06~/2004-08?", "P1M", false, "2004-07~/2004-09?"},
	}
	for _, tt := range tests {
		dur, err := ParseDuration(tt.dur)
		if err != nil {
			t.Fatal(err)
		}
		d := MustParse(tt.in)
		got := d.Shift(dur, tt.neg)
		if got.String() != tt.want {
			t.Errorf("%s shifted by %s (negative %v) = %q, want %q", tt.in, tt.dur, tt.neg, got, tt.want)
		}
		back, err := Parse(got.String())
		if err != nil || back != got {
			t.Errorf("%s shifted by %s: %q does not read back (%v)", tt.in, tt.dur, got, err)
		}
		if got.Precision() != d.Precision() || got.Uncertain() != d.Uncertain() || got.Approximate() != d.Approximate() {
			t.Errorf("%s shifted by %s lost precision or qualifiers: %q", tt.in, tt.dur, got)
		}
	}
	if !(Date{}).Shift(Duration{Days: 1}, false).IsZero() {
		t.Error("shifting the zero Date gave a date")
	}
}

func TestQualify(t *testing.T) {
	tests := []struct {
		in          string
		unc, approx bool
		want        string
	}{
		{"2017", false, true, "2017~"},
		{"2017?", false, true, "2017%"},
		{"2017~", false, true, "2017~"},
		{"2017-04-03", true, false, "2017-04-03?"},
		{"2011/2012", false, true, "2011~/2012~"},
		{"1995/..", true, false, "1995?/.."},
		{"2017", false, false, "2017"},
	}
	for _, tt := range tests {
		got := MustParse(tt.in).Qualify(tt.unc, tt.approx)
		if got.String() != tt.want || got.Uncertain() != (tt.unc || strings.ContainsAny(tt.want, "?%")) {
			t.Errorf("Qualify(%q, %v, %v) = %q, want %q", tt.in, tt.unc, tt.approx, got, tt.want)
		}
		if back, err := Parse(got.String()); err != nil || back != got {
			t.Errorf("Qualify(%q): %q does not read back", tt.in, got)
		}
	}
}

func TestParseRelativeErrors(t *testing.T) {
	tests := []struct {
		in, msg string
		off     int
	}{
		{"spb-metro-bombing", "want an EDTF date or ID+DURATION", 0},
		{"Spb+P1D", "not a valid id", 0},
		{"spb_x+P1D", "not a valid id", 3},
		{"spb+P", "duration: a duration needs at least one part", 5},
		{"spb+P3X", "duration: unknown unit 'X'", 6},
		{"spb+P3W~~", "duration: want a number", 7},
	}
	for _, tt := range tests {
		_, err := ParseRelative(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, tt.msg) || se.Offset != tt.off {
			t.Errorf("ParseRelative(%q) = %v, want %q at %d", tt.in, err, tt.msg, tt.off)
		}
	}
	r, err := ParseRelative("a-b-c-p1y-x+P2D%")
	if err != nil || r.ID != "a-b-c-p1y-x" || r.Negative || r.Dur != (Duration{Days: 2}) || !r.Uncertain || !r.Approximate {
		t.Errorf("ParseRelative split wrongly: %+v, %v", r, err)
	}
}
