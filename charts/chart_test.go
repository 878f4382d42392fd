package charts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"timeline/timeline/agg"
)

func chartPage(t *testing.T, opt Options) string {
	t.Helper()
	d := func(s string) time.Time { tm, _ := time.Parse("2006-01-02", s); return tm }
	items := []agg.Item{
		agg.NewItem(d("2017-01-15"), d("2017-01-16"), 0, 1),
		agg.NewItem(d("2017-03-02"), d("2017-03-03"), 1, 1),
		agg.NewItem(d("2017-01-01"), d("2018-01-01"), 0, 1),
	}
	r := agg.Bin(items, []string{"attack", "</script><script>window.pwned=1</script>"}, agg.Month, agg.Show)
	option, err := PeriodOption(r, ChartText{Title: "Events per month", XName: "month", YName: "events"}, false, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := RenderChart(&b, "Events per month", option, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestChartPage(t *testing.T) {
	page := chartPage(t, Options{})
	if strings.Count(strings.ToLower(page), "</script") != 3 {
		t.Error("a series name ends a script element early")
	}
	for _, want := range []string{`"name":"date not precise to a month"`, `"decal"`, `"useUTC":true`, "default-src &#39;none&#39;"} {
		if !strings.Contains(page, want) {
			t.Errorf("chart page lacks %s", want)
		}
	}
	if page != chartPage(t, Options{}) {
		t.Error("two renders differ")
	}
}

func TestBrowserChart(t *testing.T) {
	findChromium(t)
	for _, theme := range []string{"light", "dark"} {
		path := filepath.Join(t.TempDir(), "chart.html")
		if err := os.WriteFile(path, []byte(chartPage(t, Options{Theme: theme})), 0o644); err != nil {
			t.Fatal(err)
		}
		p := openPage(t, path, "", 1000, 600)
		var pwned bool
		p.eval(t, `!!window.pwned`, &pwned)
		if pwned {
			t.Error("a series name ran as script")
		}
		p.screenshot(t, "chart-frequency-"+theme)
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("console errors or network requests: %v", probs)
		}
	}
}
