package charts

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// mins is the day s (2006-01-02) in Unix minutes, as Event holds bounds.
func mins(s string) int64 {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Unix() / 60
}

// dayMins is a day in minutes.
const dayMins = 1440

// fixture covers a point, a range, a coarse date, uncertain, approximate and
// open dates, an era and an event in two lanes.
func fixture() (Meta, []Event) {
	meta := Meta{Title: "Fixture", Description: "Six events.", License: "CC-BY-4.0", LicenseURL: "https://creativecommons.org/licenses/by/4.0/",
		Citation: "Cite this.", Sources: []Link{{Title: "An article", URL: "https://example.org/a"}}, CSV: []byte("id,start,title\nbomb,2017-04-03,Metro bombing\n"), CSVName: "events.csv"}
	events := []Event{
		{ID: "appointment", Title: "Appointment", Lanes: []string{"appointment"}, Lower: mins("1995-01-01"), Upper: mins("1996-01-01"), Date: "1995", Written: "1995", Sources: []string{"https://example.org/a"}, Confidence: "high"},
		{ID: "focus", Title: "Focus on the North Caucasus", Era: true, Lower: mins("2005-01-01"), Upper: mins("2017-04-04"), LowerOpen: true, Date: "? – 3 April 2017", Written: "/2017-04-03"},
		{ID: "deportations", Title: "Deportations", Lanes: []string{"deportation", "security"}, Lower: mins("2011-01-01"), Upper: mins("2013-01-01"), Date: "2011–2012", Written: "2011/2012", Actors: []string{"FSB"}},
		{ID: "syria", Title: "Syria trip", Lanes: []string{"travel"}, Lower: mins("2014-01-01"), Upper: mins("2015-01-01"), Uncertain: true, Date: "2014?", Written: "2014?", Confidence: "low"},
		{ID: "bomb", Title: "Metro bombing", Description: "See https://example.org/b for more.", Lanes: []string{"attack"}, Lower: mins("2017-04-03"), Upper: mins("2017-04-04"), Point: true, Date: "3 April 2017", Written: "2017-04-03",
			Sources: []string{"https://example.org/a", "Galeotti 2017"}, Actors: []string{"Akbarzhon Jalilov"}, Location: "St Petersburg", Country: "Russia", Tags: []string{"metro"}, Confidence: "high"},
		{ID: "claim", Title: "Claim", Lanes: []string{"claim"}, Lower: mins("2017-04-24"), Upper: mins("2017-04-25"), Point: true, Approximate: true, Date: "c. 24 April 2017", Written: "bomb+P3W~", UpperOpen: false},
	}
	return meta, events
}

func hostileFixture() (Meta, []Event) {
	meta := Meta{Title: "</title><script>document.title='pwned'</script>", Description: "<img src=x onerror=\"window.pwned=1\">",
		Citation: "__f__function(){window.pwned=1}__f__", Sources: []Link{{Title: "javascript:window.pwned=1"}}}
	events := []Event{{ID: "x", Title: "</script><script>document.title='pwned'</script>", Description: "javascript:window.pwned=1 <img src=x onerror=\"window.pwned=1\"> __f__function(){window.pwned=1}__f__",
		Lanes: []string{"<b>lane</b>"}, Lower: mins("2017-04-03"), Upper: mins("2017-04-04"), Point: true, Date: "3 April 2017",
		Sources: []string{"javascript:window.pwned=1", "https://example.org/ok"}, Media: "javascript:window.pwned=1", Actors: []string{"\u2028</script>"}}}
	return meta, events
}

func render(t testing.TB, meta Meta, events []Event, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := RenderPage(&b, meta, events, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// stripAssets cuts the inlined ECharts build, page script and stylesheet out
// of a page, so that golden files hold what the page is made of (structure,
// data, CSP hashes) and are not a fourth copy of files reviewed on their own.
func stripAssets(page []byte) []byte {
	script, _ := pageFS.ReadFile("page.js")
	css, _ := pageFS.ReadFile("page.css")
	page = bytes.Replace(page, []byte(echartsJS), []byte("/* echarts.min.js */"), 1)
	page = bytes.Replace(page, script, []byte("/* page.js */"), 1)
	for _, lang := range Langs {
		if locale, _ := echartsLocale(lang); locale != "" {
			page = bytes.Replace(page, []byte(locale), []byte("/* ECharts locale "+lang+" */"), 1)
		}
	}
	return bytes.Replace(page, css, []byte("/* page.css */"), 1)
}

func TestGoldenPage(t *testing.T) {
	meta, events := fixture()
	for _, tt := range []struct {
		name string
		opt  Options
	}{{"fixture.html", Options{}}, {"fixture-embed-ru-dark.html", Options{Embed: true, Lang: "ru", Theme: "dark"}}} {
		got := stripAssets(render(t, meta, events, tt.opt))
		golden := filepath.Join("testdata", tt.name)
		if *update {
			os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./charts/ -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file; if the change is intended, run go test ./charts/ -update and review the diff", tt.name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	meta, events := fixture()
	a, b := render(t, meta, events, Options{}), render(t, meta, events, Options{})
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same input differ")
	}
}

func TestOfflineAndSafe(t *testing.T) {
	meta, events := hostileFixture()
	page := string(render(t, meta, events, Options{}))
	for _, bad := range []string{"go-echarts.github.io", "cdn.jsdelivr", "unpkg.com", "<script>document.title", "<img src=x", `href="javascript`, "__f__function(){window.pwned=1}__f__\n"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	// Every <script> but the data block is one of ours, and the data block
	// does not end early.
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("%d script elements, want 3 (data, ECharts, page script)", n)
	}
	if strings.Count(strings.ToLower(page), "</script") != 3 {
		t.Error("a </script inside the data ends a script element early")
	}
	if !strings.Contains(page, `Content-Security-Policy`) || !strings.Contains(page, "default-src &#39;none&#39;") {
		t.Error("no Content-Security-Policy denying by default")
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{Theme: "neon"}, {Lang: "it"}} {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	o := Options{}
	if err := o.Validate(); err != nil || o.Theme != "light" || o.Lang != "en" {
		t.Errorf("defaults: %+v %v", o, err)
	}
	if s := EmbedSnippet(`a"b.html`, `<Riots>`); !strings.Contains(s, `src="a&#34;b.html"`) || !strings.Contains(s, `title="Timeline: &lt;Riots&gt;"`) {
		t.Errorf("snippet %s", s)
	}
}

// TestCSVInPage checks that the CSV the download link offers is the dataset's
// file, byte for byte.
func TestCSVInPage(t *testing.T) {
	meta, events := fixture()
	page := string(render(t, meta, events, Options{}))
	start := strings.Index(page, `"csv":"`) + len(`"csv":"`)
	end := strings.Index(page[start:], `"`)
	gz, err := base64.StdEncoding.DecodeString(page[start : start+end])
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, meta.CSV) {
		t.Errorf("CSV in the page = %q, %v; want %q", got, err, meta.CSV)
	}
}
