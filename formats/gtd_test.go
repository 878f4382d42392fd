package formats

import (
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestGTDSynthetic(t *testing.T) {
	s := importFile(t, GTD{}, "testdata/gtd-synthetic.csv")
	if len(s.records) != 5 {
		t.Fatalf("%d records, want 5", len(s.records))
	}
	if len(s.skips) != 2 || s.skips[0].Line != 6 || !strings.Contains(s.skips[0].Reason, "no such day") ||
		s.skips[1].Line != 8 || !strings.Contains(s.skips[1].Reason, "truncated") {
		t.Errorf("skips %+v, want line 6 (30 February) and line 8 (cut off)", s.skips)
	}
	if len(s.warns) != 2 || s.warns[0].Line != 5 || !strings.Contains(s.warns[0].Reason, "does not agree") ||
		s.warns[1].Line != 7 || !strings.Contains(s.warns[1].Reason, "not understood") {
		t.Errorf("warnings %+v, want line 5 (disagrees) and line 7 (not understood)", s.warns)
	}
	if prec := s.precisions(t); prec["interval"] != 2 || prec["month"] != 1 || prec["day"] != 2 {
		t.Errorf("precisions %v", prec)
	}
	// approxdate widens a coded day to the window it names.
	checkCells(t, s.bySource("197106150001"), map[string]string{
		"start": "1971-06-14/1971-06-16", "end": "", "title": "Bombing/Explosion in New York City, United States",
		"actors": "", "category": "Bombing/Explosion", "location": "New York City, New York",
		"country": "United States", "latitude": "40.712776", "longitude": "-74.005974",
		"sources": "Invented Times, 16 June 1971", "nkill": "", "nwound": "0",
		"approxdate": "June 14-16, 1971", "country_code": "217", "location_detail": "Outside an office building",
		"description": "Synthetic row: a pipe bomb is found outside an office; it does not go off.",
	})
	// Windows-1252 decoded; imonth with iday 0 is a month; extended with
	// a resolution ends then; Unknown is no actor.
	checkCells(t, s.bySource("197203000001"), map[string]string{
		"start": "1972-03-XX", "end": "1972-04-02", "actors": "Frente de Liberación Imaginaria",
		"description": "Synthetic row: hostages held at the Café Zenda.", "location": "Streslau",
		"sources": `Invented Gazette, "Siege ends", 3 April 1972.;Another Invented Paper, 4 April 1972.`,
		"nkill":   "2", "extended": "1",
	})
	// approxdate sharpens a year to early June.
	checkCells(t, s.bySource("197300000001"), map[string]string{
		"start": "1973-06-01/1973-06-10", "title": "Armed Assault in Ruritania", "actors": "Group A;Group B", "location": "", "nkill": "0",
	})
	checkCells(t, s.bySource("197401010001"), map[string]string{"start": "1974-01-01"})
	checkCells(t, s.bySource("197405050001"), map[string]string{"start": "1974-05-05", "approxdate": "the week after Easter"})
}

func TestGTDApprox(t *testing.T) {
	for _, c := range []struct {
		in, first, last string
		year            int
	}{
		{"June 14-16, 1971", "1971-06-14", "1971-06-16", 1971},
		{"June 30 - July 2, 1971", "1971-06-30", "1971-07-02", 1971},
		{"December 30, 1970 - January 2, 1971", "1970-12-30", "1971-01-02", 1970},
		{"Between April 1 and April 10, 2015", "2015-04-01", "2015-04-10", 2015},
		{"Sept. 3, 1980", "1980-09-03", "1980-09-03", 1980},
		{"mid-January 2016", "2016-01-11", "2016-01-20", 2016},
		{"late February 2016", "2016-02-21", "2016-02-29", 2016},
		{"March 2016", "2016-03-01", "2016-03-31", 2016},
		{"1999", "1999-01-01", "1999-12-31", 1999},
		{"June 31, 1971", "", "", 1971},
		{"June 16-14, 1971", "", "", 1971},
		{"June 14, 1871", "", "", 1971},
		{"unknown", "", "", 1971},
	} {
		f, l, ok := gtdApprox(c.in, c.year)
		got := ""
		if ok {
			got = f.Format(time.DateOnly) + " " + l.Format(time.DateOnly)
		}
		if want := strings.TrimSpace(c.first + " " + c.last); got != want {
			t.Errorf("gtdApprox(%q) = %q, want %q", c.in, got, want)
		}
	}
}

func TestCP1252OrUTF8(t *testing.T) {
	// Windows-1252 bytes, UTF-8 runes, and a UTF-8 rune split across
	// reads, one byte at a time.
	in := "caf\xe9 \x93q\x94 déjà €"
	r := &cp1252OrUTF8{r: &oneByteReader{s: in}}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), "café “q” déjà €"; got != want {
		t.Errorf("decoded %q, want %q", got, want)
	}
}

type oneByteReader struct{ s string }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if o.s == "" {
		return 0, io.EOF
	}
	p[0] = o.s[0]
	o.s = o.s[1:]
	return 1, nil
}

// FuzzCP1252OrUTF8 checks that the decoder always gives valid UTF-8, and
// gives valid UTF-8 input back unchanged, however the input is split.
func FuzzCP1252OrUTF8(f *testing.F) {
	f.Add([]byte("caf\xe9 déjà \x80"), 3)
	f.Add([]byte("\xe2\x82"), 1)
	f.Fuzz(func(t *testing.T, in []byte, chunk int) {
		chunk = 1 + int(uint(chunk)%7)
		b, err := io.ReadAll(&cp1252OrUTF8{r: &chunkReader{b: in, n: chunk}})
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			t.Fatalf("%q decoded to invalid UTF-8 %q", in, b)
		}
		if utf8.Valid(in) && string(b) != string(in) {
			t.Fatalf("valid UTF-8 %q changed to %q", in, b)
		}
	})
}

// FuzzGTDApprox checks that any window gtdApprox accepts is in order and
// near the year.
func FuzzGTDApprox(f *testing.F) {
	for _, s := range []string{"June 14-16, 1971", "December 30, 1970 - January 2, 1971", "early June 1971", "1971", "Feb 29, 1971"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, last, ok := gtdApprox(s, 1971)
		if ok && (last.Before(first) || first.Year() < 1970 || last.Year() > 1972) {
			t.Fatalf("%q gave %s to %s", s, first, last)
		}
	})
}

type chunkReader struct {
	b []byte
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.b)
	c.b = c.b[n:]
	return n, nil
}
