package formats

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"timeline/timeline"
)

func TestTableCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text, accents é, emoji 🙂", "plain text, accents é, emoji 🙂"},
		{"a\tb", "a b"},
		{"line\nbreak\r", `line\nbreak\r`},
		{"\x1b]0;title\x07\x1b[2J", `\x1b]0;title\x07\x1b[2J`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"cat\u202egnp.exe", `cat\u202egnp.exe`},
		{"iso\u2066late\u2069 \u200f", `iso\u2066late\u2069 \u200f`},
		{"para\u2029", `para\u2029`},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"a real \uFFFD stays", "a real \uFFFD stays"},
		{"", ""},
	} {
		if got := TableCell(tc.in); got != tc.want {
			t.Errorf("TableCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

const sample = `id,start,end,title,category,actors,latitude,longitude,fatalities
b,2017-04-03,,"Metro, bombing",attack,FSB;MVD,59.93,30.33,15
a,1995,..,"Appointment` + "\x1b[2J" + `",appointment,,,,
`

func events(t *testing.T) ([]timeline.Event, []string) {
	ds, c, err := timeline.Read(strings.NewReader(sample), "t.csv", nil)
	if err != nil || c.Errors > 0 {
		t.Fatalf("%v, %d errors", err, c.Errors)
	}
	return ds.Events, ds.Extra
}

func TestWriters(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"csv", "id,start,end,title,description,category,actors,location,country,latitude,longitude,sources,confidence,tags,media,media_caption,media_credit,display_date,kind,fatalities\n" +
			"b,2017-04-03,,\"Metro, bombing\",,attack,FSB;MVD,,,59.93,30.33,,,,,,,,,15\n" +
			"a,1995,..,Appointment\x1b[2J,,appointment,,,,,,,,,,,,,,\n"},
		{"jsonl", `{"id":"b","start":"2017-04-03","end":"","title":"Metro, bombing","description":"","category":"attack","actors":["FSB","MVD"],"location":"","country":"","latitude":59.93,"longitude":30.33,"sources":[],"confidence":"","tags":[],"media":"","media_caption":"","media_credit":"","display_date":"","kind":"","fatalities":"15","lower":"2017-04-03T00:00:00Z","upper":"2017-04-04T00:00:00Z"}` + "\n" +
			`{"id":"a","start":"1995","end":"..","title":"Appointment\u001b[2J","description":"","category":"appointment","actors":[],"location":"","country":"","latitude":null,"longitude":null,"sources":[],"confidence":"","tags":[],"media":"","media_caption":"","media_credit":"","display_date":"","kind":"","fatalities":"","lower":"1995-01-01T00:00:00Z","upper":"1996-01-01T00:00:00Z"}` + "\n"},
		{"table", "DATE          ID  CATEGORY     TITLE\n" +
			"3 April 2017  b   attack       Metro, bombing\n" +
			"1995 –        a   appointment  Appointment\\x1b[2J\n"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			evs, extra := events(t)
			var b strings.Builder
			w, err := NewRecordWriter(tc.format, &b, "en")
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Begin(extra); err != nil {
				t.Fatal(err)
			}
			for i := range evs {
				if err := w.Write(&evs[i]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
			}
		})
	}
}

// Records formatted first and written later, in another order, make the
// same output as events written in that order.
func TestRecords(t *testing.T) {
	for _, format := range ListFormats {
		evs, extra := events(t)
		var direct, held strings.Builder
		w1, _ := NewRecordWriter(format, &direct, "en")
		w1.Begin(extra)
		w1.Write(&evs[1])
		w1.Write(&evs[0])
		w1.Close()
		w2, _ := NewRecordWriter(format, &held, "en")
		w2.Begin(extra)
		r0, _ := w2.AppendRecord(nil, &evs[0])
		r1, _ := w2.AppendRecord(nil, &evs[1])
		w2.WriteRecord(r1)
		w2.WriteRecord(r0)
		w2.Close()
		if direct.String() != held.String() {
			t.Errorf("%s: held records differ:\n%s\n%s", format, direct.String(), held.String())
		}
	}
	if _, err := NewRecordWriter("xml", os.Stdout, "en"); err == nil {
		t.Error("no error for an unknown format")
	}
}

func ExampleNewRecordWriter() {
	ds, _, _ := timeline.Read(strings.NewReader("id,start,title\nspb,2017-04-03,Metro bombing\n"), "events.csv", nil)
	w, err := NewRecordWriter("json", os.Stdout, "en")
	if err != nil {
		fmt.Println(err)
		return
	}
	w.Begin(ds.Extra)
	for i := range ds.Events {
		w.Write(&ds.Events[i])
	}
	w.Close()
	// Output:
	// [
	//   {"id":"spb","start":"2017-04-03","end":"","title":"Metro bombing","description":"","category":"","actors":[],"location":"","country":"","latitude":null,"longitude":null,"sources":[],"confidence":"","tags":[],"media":"","media_caption":"","media_credit":"","display_date":"","kind":"","lower":"2017-04-03T00:00:00Z","upper":"2017-04-04T00:00:00Z"}
	// ]
}
