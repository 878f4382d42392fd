package textdate

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"timeline/timeline"
)

// dct17 is the seed article's date, a Wednesday.
var dct17 = time.Date(2017, 5, 17, 0, 0, 0, 0, time.UTC)

// dct89 is a Thursday in a season of quarterly reports.
var dct89 = time.Date(1989, 10, 26, 0, 0, 0, 0, time.UTC)

// timexTests give a text, its document date and the expressions wanted, as
// "text|TYPE|value|edtf" (edtf may be left out when empty).
var timexTests = []struct {
	text string
	dct  time.Time
	want []string
}{
	// Absolute dates.
	{"The bomb went off on 3 April 2017.", dct17, []string{"3 April 2017|DATE|2017-04-03|2017-04-03"}},
	{"It opened on April 3, 2017, at last.", dct17, []string{"April 3, 2017|DATE|2017-04-03|2017-04-03"}},
	{"The 3 April bomb attack.", dct17, []string{"3 April|DATE|2017-04-03|2017-04-03"}},
	{"He was back in 2015.", dct17, []string{"2015|DATE|2015|2015"}},
	{"It closed in April 2016.", dct17, []string{"April 2016|DATE|2016-04|2016-04"}},
	{"They deported five people in 2011-12 alone.", dct17, []string{"2011-12|DATE|2011|2011/2012"}},
	{"Prices rose in the 1990s.", dct17, []string{"the 1990s|DATE|199|199X"}},
	{"It began in the 20th century.", dct17, []string{"the 20th century|DATE|19|19XX"}},
	{"Published 2017-04-03 in print.", dct17, []string{"2017-04-03|DATE|2017-04-03|2017-04-03"}},
	{"Work began in summer 2015.", dct17, []string{"summer 2015|DATE|2015-SU|2015-22"}},
	{"Sales fell in the third quarter of 2016.", dct17, []string{"the third quarter of 2016|DATE|2016-Q3|2016-07/2016-09"}},
	{"He has run it since 1995.", dct17, []string{"1995|DATE|1995|1995/.."}},
	{"It was built until 1999.", dct17, []string{"1999|DATE|1999|../1999"}},
	{"Pressure grew from early 2016.", dct17, []string{"early 2016|DATE|2016|2016-01~/2016-04~"}},
	{"It was finished in late November.", dct17, []string{"late November|DATE|2016-11|2016-11"}},
	{"It was built about 1995.", dct17, []string{"1995|DATE|1995|1995~"}},
	{"Caesar died in 44 BC.", dct17, []string{"44 BC|DATE|BC0044|-0043"}},
	// Relative to the document date.
	{"The victims of last month's attack.", dct17, []string{"last month|DATE|2017-04|2017-04"}},
	{"Ministers met on Friday.", dct17, []string{"Friday|DATE|2017-05-12|2017-05-12"}},
	{"Ministers will meet on Friday.", dct17, []string{"Friday|DATE|2017-05-19|2017-05-19"}},
	{"They met last Wednesday.", dct17, []string{"last Wednesday|DATE|2017-05-10|2017-05-10"}},
	{"He left two years ago.", dct17, []string{"two years ago|DATE|2015|2015"}},
	{"He left 10 days ago.", dct17, []string{"10 days ago|DATE|2017-05-07|2017-05-07"}},
	{"Talks resume this spring.", dct17, []string{"this spring|DATE|2017-SP|2017-21"}},
	{"They lost last fall.", dct17, []string{"last fall|DATE|2016-FA|2016-23"}},
	{"Yesterday the vote failed.", dct17, []string{"Yesterday|DATE|2017-05-16|2017-05-16"}},
	{"The results come tomorrow.", dct17, []string{"tomorrow|DATE|2017-05-18|2017-05-18"}},
	{"It is calm now.", dct17, []string{"now|DATE|PRESENT_REF"}},
	{"It happened recently.", dct17, []string{"recently|DATE|PAST_REF"}},
	{"Sales rose last week.", dct17, []string{"last week|DATE|2017-W19|2017-05-08/2017-05-14"}},
	{"Prices rose this year.", dct17, []string{"this year|DATE|2017|2017"}},
	{"Taxes go up next year.", dct17, []string{"next year|DATE|2018|2018"}},
	{"He arrived at 10:30 a.m. and left.", dct17, []string{"10:30 a.m.|TIME|2017-05-17T10:30|2017-05-17T10:30"}},
	{"It exploded at 2 p.m. Monday.", dct17, []string{"2 p.m. Monday|TIME|2017-05-15T14:00|2017-05-15T14:00"}},
	{"They spoke Tuesday night.", dct17, []string{"Tuesday night|DATE|2017-05-16TNI|2017-05-16"}},
	{"Earlier this year it rained.", dct17, []string{"Earlier this year|DATE|2017|2017"}},
	{"The ban ends in March.", dct17, []string{"March|DATE|2017-03|2017-03"}},
	{"The ban will end in March.", dct17, []string{"March|DATE|2018-03|2018-03"}},
	{"Shops close on Christmas Eve.", dct17, []string{"Christmas Eve|DATE|2016-12-24|2016-12-24"}},
	{"They met on Thanksgiving Day 2016.", dct17, []string{"Thanksgiving Day 2016|DATE|2016-11-24|2016-11-24"}},
	{"Parties on New Year's Eve were quiet.", dct17, []string{"New Year's Eve|DATE|2016-12-31|2016-12-31"}},
	// Anchored on other events and dates.
	{"Three weeks after the attack, a group claimed it.", dct17, []string{"Three weeks|DURATION|P3W"}},
	{"It opened in 2014. The following year it closed.", dct17, []string{"2014|DATE|2014|2014", "The following year|DATE|2015|2015"}},
	{"It opened on 3 April 2017. A year earlier it was a field.", dct17, []string{"3 April 2017|DATE|2017-04-03|2017-04-03", "A year earlier|DATE|2016|2016"}},
	// Durations and sets.
	{"He served for five years.", dct17, []string{"five years|DURATION|P5Y"}},
	{"It took nearly forty years.", dct17, []string{"nearly forty years|DURATION|P40Y"}},
	{"A two-year repair.", dct17, []string{"two-year|DURATION|P2Y"}},
	{"It lasted a few days.", dct17, []string{"a few days|DURATION|PXD"}},
	{"For years nobody knew.", dct17, []string{"years|DURATION|PXY"}},
	{"It took two and a half years.", dct17, []string{"two and a half years|DURATION|P2Y6M"}},
	{"The past three months were hard.", dct17, []string{"The past three months|DURATION|P3M"}},
	{"The paper appears daily.", dct17, []string{"daily|SET|P1D"}},
	{"They meet every Monday.", dct17, []string{"every Monday|SET|XXXX-WXX-1"}},
	{"Sales are reported every quarter.", dct17, []string{"every quarter|SET|P1Q"}},
	{"Prices rose after the recent cut.", dct17, []string{"recent|DATE|PAST_REF"}},
	{"Profit fell in the past two quarters.", dct17, []string{"the past two quarters|DURATION|P2Q"}},
	{"Net fell 5% in the year ended Sept. 30.", dct89, []string{"the year|DURATION|P1Y", "Sept. 30|DATE|1989-09-30|1989-09-30"}},
	// Years spelt out.
	{"He was born in nineteen seventy-nine.", dct17, []string{"nineteen seventy-nine|DATE|1979|1979"}},
	{"It was built in nineteen hundred.", dct17, []string{"nineteen hundred|DATE|1900|1900"}},
	{"It happened in January nineteen ninety-seven.", dct17, []string{"January nineteen ninety-seven|DATE|1997-01|1997-01"}},
	{"Plans for the year two thousand five.", dct17, []string{"the year two thousand five|DATE|2005|2005"}},
	{"It stood for two thousand years.", dct17, []string{"two thousand years|DURATION|P2000Y"}},
	// Where the document date's context decides.
	{"Traders rested over the weekend.", dct89, []string{"the weekend|DATE|1989-W42-WE|1989-10-21/1989-10-22"}},
	{"Traders will rest over the weekend.", dct89, []string{"the weekend|DATE|1989-W43-WE|1989-10-28/1989-10-29"}},
	{"The vote in January.", dct89, []string{"January|DATE|1990-01|1990-01"}},
	{"The vote in March.", dct89, []string{"March|DATE|1989-03|1989-03"}},
	{"He left two weeks ago.", dct17, []string{"two weeks ago|DATE|2017-W18|2017-05-01/2017-05-07"}},
	{"Profit rose in the third quarter from a year-earlier $5 million.", dct89, []string{"the third quarter|DATE|1989-Q3|1989-07/1989-09", "a year-earlier|DATE|1988-Q3|1988-07/1988-09"}},
	{"Losses may last into the third quarter of 1990. In the year-ago period, it earned more.", dct89, []string{"the third quarter of 1990|DATE|1990-Q3|1990-07/1990-09", "the year-ago period|DATE|1988-Q3|1988-07/1988-09"}},
	// Not expressions.
	{"He may go, she said.", dct17, nil},
	{"Now, the rules are clear.", dct17, nil},
	{"\"Now we see it,\" he said.", dct17, nil},
	{"The index fell to 2082.1 points.", dct17, nil},
	{"A 22-year-old man was held.", dct17, nil},
	{"A second phase will follow.", dct17, nil},
	{"It cost $1995 and 2,000 people came.", dct17, nil},
	{"Leaves fall and birds spring up; they march.", dct17, nil},
	// No document date: relative expressions keep their unknowns.
	{"Ministers met on Friday.", time.Time{}, []string{"Friday|DATE|XXXX-WXX-5"}},
	{"It closed in 2014.", time.Time{}, []string{"2014|DATE|2014|2014"}},
}

func TestTagTable(t *testing.T) {
	for _, tt := range timexTests {
		got := Tag(tt.text, Options{DCT: tt.dct})
		var gs []string
		for _, x := range got {
			s := x.Text + "|" + x.Type + "|" + x.Value
			if x.EDTF != "" {
				s += "|" + x.EDTF
			}
			gs = append(gs, s)
			if tt.text[x.Start:x.End] != x.Text {
				t.Errorf("%q: offsets [%d,%d) do not give %q", tt.text, x.Start, x.End, x.Text)
			}
		}
		if strings.Join(gs, "; ") != strings.Join(tt.want, "; ") {
			t.Errorf("Tag(%q, dct %s)\n got  %q\n want %q", tt.text, tt.dct.Format("2006-01-02"), gs, tt.want)
		}
	}
}

func TestAnchor(t *testing.T) {
	ts := Tag("Three weeks after the attack, the battalion claimed it.", Options{DCT: dct17})
	if len(ts) != 1 || ts[0].Anchor != 1 || ts[0].AnchorText != "the attack" {
		t.Fatalf("got %+v, want one duration anchored after \"the attack\"", ts)
	}
	ts = Tag("Two days before the vote they met.", Options{DCT: dct17})
	if len(ts) != 1 || ts[0].Anchor != -1 || ts[0].AnchorText != "the vote they met" {
		t.Fatalf("got %+v, want one duration anchored before \"the vote they met\"", ts)
	}
}

func TestTagDeterministic(t *testing.T) {
	text := "In the late 1980s, at the end of the year, and the end of November, early next year."
	first := Tag(text, Options{DCT: dct17})
	for i := 0; i < 20; i++ {
		again := Tag(text, Options{DCT: dct17})
		if len(again) != len(first) {
			t.Fatalf("run %d: %d expressions, first run %d", i, len(again), len(first))
		}
		for k := range again {
			if again[k] != first[k] {
				t.Fatalf("run %d: %+v, first run %+v", i, again[k], first[k])
			}
		}
	}
	if len(first) == 0 || first[0].Text != "the late 1980s" {
		t.Errorf("first expression %+v, want \"the late 1980s\"", first)
	}
}

func TestSentencesAndDateline(t *testing.T) {
	text := "Harbour bridge reopens\n\nBy a staff writer\n12 March 2019\n\nThe bridge reopened on Monday. Mr. Smith spoke. It was 3 p.m."
	x := Extract(text, Options{})
	var ss []string
	for _, s := range x.Sentences {
		ss = append(ss, text[s.Start:s.End])
	}
	want := []string{"Harbour bridge reopens", "By a staff writer", "12 March 2019", "The bridge reopened on Monday.", "Mr. Smith spoke.", "It was 3 p.m."}
	if strings.Join(ss, "|") != strings.Join(want, "|") {
		t.Errorf("sentences %q, want %q", ss, want)
	}
	d, from, ok := Dateline(text, English)
	if !ok || d.Format("2006-01-02") != "2019-03-12" || from != "12 March 2019" {
		t.Errorf("Dateline = %v %q %v, want 2019-03-12 from \"12 March 2019\"", d, from, ok)
	}
	if _, _, ok := Dateline("No date here. It rained on 3 April 2017 in Kessel.\n"+strings.Repeat("More text.\n", 20), English); !ok {
		t.Errorf("Dateline found no date in the first lines")
	}
	if _, _, ok := Dateline(strings.Repeat("Some line of text.\n", 20)+"3 April 2017", English); ok {
		t.Errorf("Dateline took a date from below the top of the text")
	}
}

func TestParseDCT(t *testing.T) {
	for in, want := range map[string]string{
		"2017-05-17": "2017-05-17", "1998-02-13T14:35:00": "1998-02-13", "2021-09-30T08:15:00+02:00": "2021-09-30",
		"20170517": "2017-05-17",
	} {
		d, err := ParseDCT(in)
		if err != nil || d.Format("2006-01-02") != want {
			t.Errorf("ParseDCT(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"", "May 2017", "2017-13-01", "2017-05-17x"} {
		if _, err := ParseDCT(in); err == nil {
			t.Errorf("ParseDCT(%q): no error", in)
		}
	}
}

func TestJSONLOffsetsAreCodePoints(t *testing.T) {
	text := "Российский «отчёт» — published on 3 April 2017."
	ts := Tag(text, Options{DCT: dct17})
	var b strings.Builder
	w := newBufWriter(&b)
	if err := WriteJSONL(w, "doc", text, ts); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	want := `{"doc":"doc","start":34,"end":46,"text":"3 April 2017","type":"DATE","value":"2017-04-03","edtf":"2017-04-03"}` + "\n"
	if b.String() != want {
		t.Errorf("got %s want %s", b.String(), want)
	}
}

func newBufWriter(w *strings.Builder) *bufio.Writer { return bufio.NewWriter(w) }

// FuzzTag checks that tagging and proposing candidates never panic, that
// expressions are in order without overlap, and that their offsets give
// their text.
func FuzzTag(f *testing.F) {
	for _, tt := range timexTests {
		f.Add(tt.text)
	}
	f.Add("Mark Galeotti\n17 May 2017\n\nThree weeks after the attack, it was claimed. Russia has ratified it.")
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range []*Lang{English, French, German} {
			x := Extract(s, Options{DCT: dct17, Lang: l})
			end := 0
			for _, tx := range x.Timexes {
				if tx.Start < end || tx.End <= tx.Start || s[tx.Start:tx.End] != tx.Text {
					t.Fatalf("%s: bad expression %+v after %d", l.Code, tx, end)
				}
				end = tx.End
			}
			x.Candidates(CandidateOptions{DCT: dct17, DocTitle: "T", Slug: timeline.Slug})
		}
	})
}
