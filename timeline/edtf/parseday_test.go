package edtf

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// dayInputs returns dates written YYYY-MM-DD of every month and day number
// around the ranges, in years that are and are not leap years, and texts
// that come close to that form without being it: signs, other lengths,
// qualifiers, times, other separators, unspecified digits, and every
// position of valid dates replaced by other bytes.
func dayInputs() []string {
	var out []string
	years := []int{0, 1, 4, 100, 400, 1582, 1600, 1700, 1899, 1900, 1970, 1999, 2000, 2001, 2004, 2020, 2021, 2023, 2024, 2100, 2400, 9999}
	for _, y := range years {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				out = append(out, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	// Every year, at the ends of its months and of February.
	for y := 0; y <= 9999; y++ {
		for _, md := range []string{"01-01", "02-28", "02-29", "03-01", "12-31"} {
			out = append(out, fmt.Sprintf("%04d-%s", y, md))
		}
	}
	out = append(out,
		"2021-02-29", "2020-02-29", "1900-02-29", "2000-02-29", "2021-13-01", "2021-00-10", "2021-04-31",
		"2021-12-32", "2021-21-01", "2021-24-01",
		"-2021-02-28", "+2021-02-28", "-0001-01-01", "Y2021-02-28", "Y12021-02-28",
		"2021-02-28~", "2021-02-28?", "2021-02-28%", "2021-02-28T10:00", "2021-02-28/2021-03-01",
		"2021-02-2", "2021-2-028", "202-02-028", "20210228", "2021/02/28", "2021-02-2X", "2021-XX-XX",
		"202X-02-28", " 2021-02-2", "2021-02-28 ", "2021-02-２", "２０２１-02-28", "2021–02–28", "", "..",
		"10000-01-01", "2021-02-28-", "2021--02-28", "2021-0a-28", "2021-02-a8",
	)
	// Every byte of a few valid dates replaced by bytes near the digits.
	for _, s := range []string{"2024-02-29", "1999-12-31", "0000-01-01", "2021-06-30"} {
		for i := range len(s) {
			for _, b := range []byte("/0123456789:-+X?~ a\\x00\\xff") {
				t := []byte(s)
				t[i] = b
				out = append(out, string(t))
			}
		}
	}
	// Random texts of ten bytes from the bytes dates are made of.
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789-0123456789-/X~?"
	for range 20000 {
		var t [10]byte
		for i := range t {
			t[i] = alphabet[r.IntN(len(alphabet))]
		}
		if r.IntN(2) == 0 {
			t[4], t[7] = '-', '-'
		}
		out = append(out, string(t[:]))
	}
	return out
}

// TestParseDayMatchesParse holds the short cut for YYYY-MM-DD to the full
// parser: what it accepts, the full parser reads as the same Date; what it
// leaves, the full parser rejects or reads as something other than a plain
// day of a year without a sign (a negative year is left to it). Parse itself gives what the full parser gives, errors included.
func TestParseDayMatchesParse(t *testing.T) {
	fast := 0
	for _, s := range dayInputs() {
		slow, slowErr := parse(s)
		d, ok := parseDay(s)
		switch {
		case ok && slowErr != nil:
			t.Errorf("parseDay(%q) accepts what parse rejects: %v", s, slowErr)
		case ok && d != slow:
			t.Errorf("parseDay(%q) = %#v, parse gives %#v", s, d, slow)
		case !ok && slowErr == nil && len(s) == 10 && slow.Precision() == PrecisionDay && !slow.Uncertain() && !slow.Approximate():
			t.Errorf("parseDay(%q) leaves a plain day to parse", s)
		}
		if ok {
			fast++
		}
		got, err := Parse(s)
		if got != slow || fmt.Sprint(err) != fmt.Sprint(slowErr) {
			t.Errorf("Parse(%q) = %v, %v; parse gives %v, %v", s, got, err, slow, slowErr)
		}
	}
	if fast < 5000 {
		t.Errorf("parseDay read only %d of the inputs", fast)
	}
}

// FuzzParseDay checks the short cut against the full parser on any text.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2021-02-29", "2021-13-01", "-2021-02-28", "0000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDay(s)
		slow, err := parse(s)
		if ok && (err != nil || d != slow) {
			t.Fatalf("parseDay(%q) = %v, parse gives %v, %v", s, d, slow, err)
		}
	})
}
