package textdate

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"timeline/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// seedArticle is the article the built-in dataset was made from; it is
// not copied into the repository.
const seedArticle = "../../../shared/sources/galeotti-2017-on-shaky-ground.txt"

func candidatesOf(t *testing.T, path string, dct time.Time) []Candidate {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := ReadArticle(f)
	if err != nil {
		t.Fatal(err)
	}
	if dct.IsZero() && a.Published != "" {
		dct, err = ParseDCT(a.Published)
		if err != nil {
			t.Fatal(err)
		}
	}
	if dct.IsZero() {
		var ok bool
		if dct, _, ok = Dateline(a.Text, English); !ok {
			t.Fatalf("%s: no document date", path)
		}
	}
	title := a.Title
	if title == "" {
		title = strings.TrimSpace(strings.SplitN(strings.TrimSpace(a.Text), "\n", 2)[0])
	}
	source := a.URL
	if source == "" {
		source = filepath.Base(path)
	}
	x := Extract(a.Text, Options{DCT: dct})
	return x.Candidates(CandidateOptions{DCT: dct, DocTitle: title, Source: source, Slug: timeline.Slug})
}

func TestCandidatesGolden(t *testing.T) {
	cases := []struct {
		in, golden string
		dct        time.Time
	}{
		{"testdata/articles/harbour-bridge.txt", "testdata/articles/harbour-bridge.golden.csv", time.Time{}},
		{"testdata/articles/water-board.html", "testdata/articles/water-board.golden.csv", time.Time{}},
		{seedArticle, "testdata/articles/galeotti-2017-on-shaky-ground.golden.csv", dct17},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.in), func(t *testing.T) {
			if _, err := os.Stat(c.in); err != nil {
				t.Skipf("%s is not here: %v", c.in, err)
			}
			var b bytes.Buffer
			cands := candidatesOf(t, c.in, c.dct)
			if c.in == seedArticle {
				// Its text stays out of the repository beyond short
				// quotations: the golden file keeps the start of each quote.
				for k := range cands {
					if r := []rune(cands[k].Quote); len(r) > 40 {
						cands[k].Quote = string(r[:40]) + "…"
					}
				}
			}
			if err := WriteCandidates(&b, cands); err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(c.golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(c.golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("candidates of %s differ from %s (go test -run Golden -update, then review the diff):\n%s", c.in, c.golden, b.String())
			}
			// What the dataset reader makes of them: no errors.
			var problems []string
			_, _, err = timeline.Read(bytes.NewReader(b.Bytes()), "candidates.csv", func(d timeline.Diagnostic) {
				problems = append(problems, d.String())
			})
			if err != nil || len(problems) > 0 {
				t.Errorf("the candidates do not validate: %v %q", err, problems)
			}
		})
	}
}

// TestSeedArticleDates checks that every date the built-in dataset takes
// from the seed article comes out of it with its value.
func TestSeedArticleDates(t *testing.T) {
	if _, err := os.Stat(seedArticle); err != nil {
		t.Skipf("%s is not here: %v", seedArticle, err)
	}
	cands := candidatesOf(t, seedArticle, dct17)
	byStart := map[string]Candidate{}
	for _, c := range cands {
		byStart[c.Start] = c
	}
	for _, want := range []struct{ start, quote string }{
		{"2017-05-17", ""}, // the article itself
		{"1995/..", "since 1995"},
		{"2011/2012", "2011-12"},
		{"2013", "Lublino"},
		{"2014", "back in 2014"},
		{"2014?", "Syria"},
		{"2015", "sushi bar"},
		{"2016-01~/2016-04~", "early 2016"},
		{"2017-04-03", "3 April"},
	} {
		c, ok := byStart[want.start]
		if !ok {
			t.Errorf("no candidate starts %s", want.start)
			continue
		}
		if !strings.Contains(c.Quote, want.quote) {
			t.Errorf("candidate %s: quote %q, want one with %q", want.start, c.Quote, want.quote)
		}
	}
	var bombing string
	for _, c := range cands {
		if c.Start == "2017-04-03" {
			bombing = c.ID
		}
	}
	found := false
	for _, c := range cands {
		if strings.Contains(c.Quote, "Three weeks after the attack") {
			found = true
			if c.Start != bombing+"+P3W~" {
				t.Errorf("the claim starts %q, want %s+P3W~", c.Start, bombing)
			}
		}
	}
	if !found {
		t.Errorf("no candidate for the claim of responsibility")
	}
}

func TestReadArticleHTML(t *testing.T) {
	in := `<!DOCTYPE html><html lang="fr-FR"><head><title>T</title>
<meta property="article:published_time" content="2021-09-30T08:15:00Z">
<link rel="canonical" href="https://example.org/a"><script>var x = "<p>3 April 2017</p>";</script></head>
<body><h1>Head&amp;line</h1><p>First
  paragraph<br>next line</p><ul><li>one</li><li>two</li></ul><time datetime="2020-01-01">then</time></body></html>`
	a, err := ReadArticle(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "Head&line\n\nFirst paragraph\nnext line\n\none\n\ntwo\n\nthen\n"
	if a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
	if a.Published != "2021-09-30T08:15:00Z" || a.PublishedFrom != "meta article:published_time" {
		t.Errorf("published %q from %q", a.Published, a.PublishedFrom)
	}
	if a.URL != "https://example.org/a" || a.Lang != "fr" || a.Title != "T" || !a.HTML {
		t.Errorf("got %+v", a)
	}
	// Without metadata, the first <time datetime>.
	a, _ = ReadArticle(strings.NewReader(`<html><body><p>x <time datetime="2019-05-02T10:00">2 May</time></p></body></html>`))
	if a.Published != "2019-05-02T10:00" || a.PublishedFrom != "<time datetime>" {
		t.Errorf("published %q from %q", a.Published, a.PublishedFrom)
	}
	// Plain text stays as it is (CRLF folded).
	a, _ = ReadArticle(strings.NewReader("\xef\xbb\xbfOn 3 April <b> was bold.\r\n"))
	if a.HTML || a.Text != "On 3 April <b> was bold.\n" {
		t.Errorf("plain text read as %+v", a)
	}
}

func TestReadArticleCharset(t *testing.T) {
	for _, c := range []struct{ name, in, text, charset string }{
		{"meta charset", "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 \x93open\x94 since 1995</p></body></html>", "Café “open” since 1995\n", "windows-1252"},
		{"http-equiv", "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>M\xfcnchen, 3. M\xe4rz</p></body></html>", "München, 3. März\n", "windows-1252"},
		{"latin-2", "<html><head><meta charset=\"iso-8859-2\"></head><body><p>\xa3\xf3d\xbc</p></body></html>", "Łódź\n", "iso-8859-2"},
		{"undeclared, not UTF-8", "<html><body><p>Caf\xe9</p></body></html>", "Café\n", "windows-1252"},
		{"undeclared UTF-8", "<html><body><p>Café</p></body></html>", "Café\n", ""},
		{"declared UTF-8, one bad byte", "<html><head><meta charset=\"utf-8\"></head><body><p>Café \xff</p></body></html>", "Café \uFFFD\n", ""},
		{"UTF-16 declared in ASCII", "<html><head><meta charset=\"utf-16\"></head><body><p>Café</p></body></html>", "Café\n", ""},
	} {
		a, err := ReadArticle(strings.NewReader(c.in))
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != c.text || a.Charset != c.charset {
			t.Errorf("%s: text %q charset %q (%s), want %q %q", c.name, a.Text, a.Charset, a.CharsetFrom, c.text, c.charset)
		}
	}
}

func TestCandidateNamesAndTitles(t *testing.T) {
	text := "The deal was signed in Tashkent with Russia in 2016. Russia has ratified a defence cooperation deal with Uzbekistan on terms more favourable to Tashkent. Officials have welcomed it."
	x := Extract(text, Options{DCT: dct17})
	cands := x.Candidates(CandidateOptions{DCT: dct17, Slug: timeline.Slug})
	var got []string
	for _, c := range cands {
		got = append(got, c.Title+"|"+c.Actors)
	}
	want := []string{
		"The deal was signed in Tashkent with Russia|Russia",
		// "Russia" starts the sentence but is a name elsewhere in the text;
		// "Officials" is not; the title stops before a phrase, not inside one.
		"Russia has ratified a defence cooperation deal with Uzbekistan|Russia;Uzbekistan",
	}
	if len(got) < 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %q\nwant %q", got, want)
	}
	for _, g := range got {
		if strings.Contains(g, "Officials") {
			t.Errorf("%q: a capital that starts a sentence taken for a name", g)
		}
	}
}

func TestCandidatesCSVQuoting(t *testing.T) {
	text := "On 3 April 2017, \"Acme, Inc.\" said it had closed the Kessel plant."
	x := Extract(text, Options{DCT: dct17})
	var b bytes.Buffer
	if err := WriteCandidates(&b, x.Candidates(CandidateOptions{DCT: dct17, Slug: timeline.Slug})); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1][1] != "2017-04-03" || recs[1][8] != text || recs[1][9] != "0" {
		t.Errorf("got %q", recs)
	}
}

// BenchmarkTag is the tagger and the candidate events, as --format csv runs
// them, over about 1 MB of text.
func BenchmarkTag(b *testing.B) {
	raw, err := os.ReadFile(seedArticle)
	if err != nil {
		raw, err = os.ReadFile("testdata/articles/harbour-bridge.txt")
		if err != nil {
			b.Fatal(err)
		}
	}
	// About 1 MB of text.
	text := strings.Repeat(string(raw)+"\n\n", 1<<20/len(raw)+1)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := Extract(text, Options{DCT: dct17})
		_ = x.Candidates(CandidateOptions{DCT: dct17, Slug: timeline.Slug})
	}
}

// BenchmarkTagOnly is the tagger alone, as --format jsonl runs it.
func BenchmarkTagOnly(b *testing.B) {
	raw, err := os.ReadFile(seedArticle)
	if err != nil {
		raw, err = os.ReadFile("testdata/articles/harbour-bridge.txt")
		if err != nil {
			b.Fatal(err)
		}
	}
	text := strings.Repeat(string(raw)+"\n\n", 1<<20/len(raw)+1)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Tag(text, Options{DCT: dct17})
	}
}
