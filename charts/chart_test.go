package charts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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
		image := map[string]string{"light": "png", "dark": "svg"}[theme]
		if err := os.WriteFile(path, []byte(chartPage(t, Options{Theme: theme, Image: image})), 0o644); err != nil {
			t.Fatal(err)
		}
		p := openPage(t, path, "", 1000, 600)
		var pwned bool
		p.eval(t, `!!window.pwned`, &pwned)
		var svgs int
		p.eval(t, `document.querySelectorAll('#tlChart svg').length`, &svgs)
		if (image == "svg") != (svgs > 0) {
			t.Errorf("image %s: %d svg elements", image, svgs)
		}
		if pwned {
			t.Error("a series name ran as script")
		}
		p.screenshot(t, "chart-frequency-"+theme)
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("console errors or network requests: %v", probs)
		}
	}
}

// TestBrowserEveryChart draws each kind of chart page and checks that it
// draws without console errors.
func TestBrowserEveryChart(t *testing.T) {
	findChromium(t)
	d := func(s string) time.Time { tm, _ := time.Parse("2006-01-02", s); return tm }
	items := []agg.Item{agg.NewItem(d("2016-04-03"), d("2016-04-04"), 0, 1), agg.NewItem(d("2017-04-03"), d("2017-04-04"), 0, 2)}
	daily := agg.Bin(items, []string{"events"}, agg.Day, agg.Drop)
	cal, _, err := CalendarOption(daily, ChartText{Title: "Events per day", YName: "events"}, 50, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n agg.Network
	n.Add([]string{"FSB", "Jalilov"})
	n.Add([]string{"FSB", "GKNB"})
	nodes, links := n.Graph(10, 1)
	net, err := NetworkOption(nodes, links, ChartText{Title: "Actors"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	count, err := CountOption([]string{"FSB", "GKNB"}, []agg.Series{{Name: "attack", Values: []float64{2, 1}}}, ChartText{Title: "Actors"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	yearly := agg.Bin(items, []string{"events"}, agg.Year, agg.Show)
	cum, err := PeriodOption(yearly.Cumulative(), ChartText{Title: "So far"}, true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	world, err := MapOption([]MapPoint{{Name: "Bishkek", Lat: 42.87, Lon: 74.57, Value: 3}, {Name: "<b>St Petersburg</b>", Lat: 59.93, Lon: 30.34, Value: 1}}, ChartText{Title: "Where"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, option := range map[string][]byte{"calendar": cal, "network": net, "actors": count, "cumulative": cum, "map": world} {
		var b strings.Builder
		if err := RenderChart(&b, name, option, Options{}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), name+".html")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		p := openPage(t, path, "", 1000, 700)
		var drawn bool
		p.eval(t, `(function(){var c=document.querySelector('#tlChart canvas');if(!c)return false;var d=c.getContext('2d').getImageData(0,0,c.width,c.height).data;for(var i=3;i<d.length;i+=4)if(d[i])return true;return false})()`, &drawn)
		if !drawn {
			t.Errorf("%s: nothing drawn", name)
		}
		p.screenshot(t, "chart-"+name)
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%s: console errors or network requests: %v", name, probs)
		}
	}
}

// TestChartColors checks that a category has the same colour on a chart
// page as on the timeline page (LaneColors over the page's lanes), and
// that the legend lists only series with data.
func TestChartColors(t *testing.T) {
	csv := []byte("id,start,title,category\n" +
		"a,2017-04-03,A,raid\nb,2016-05-03,B,attack\nc,2015-05-03,C,claim\nd,2015,D,claim\n")
	res, err := Build(strings.NewReader(string(csv)), "events.csv", Request{Kind: "frequency", Bin: "month"})
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Series []struct {
			Name      string
			Data      []float64
			ItemStyle struct{ Color string }
		}
	}
	if err := json.Unmarshal(res.Option, &opt); err != nil {
		t.Fatal(err)
	}
	// The page's lanes come in date order; colours follow the names.
	pageLanes := []string{"claim", "attack", "raid"}
	pageColors := LaneColors("light", pageLanes)
	got := map[string]string{}
	for _, s := range opt.Series {
		got[s.Name] = s.ItemStyle.Color
		nonzero := false
		for _, v := range s.Data {
			nonzero = nonzero || v != 0
		}
		if !nonzero {
			t.Errorf("series %q has no data but is in the legend", s.Name)
		}
	}
	for i, l := range pageLanes {
		if got[l] != pageColors[i] {
			t.Errorf("%s: chart colour %s, page colour %s", l, got[l], pageColors[i])
		}
	}
	if c := got["date not precise to a month"]; c != ImpreciseColor {
		t.Errorf("the imprecise series is %q, want %s", c, ImpreciseColor)
	}
	// A series with nothing in it (every event of "raid" left out) is not
	// listed.
	d := func(s string) time.Time { tm, _ := time.Parse("2006-01-02", s); return tm }
	r := agg.Bin([]agg.Item{agg.NewItem(d("2017-01-15"), d("2017-01-16"), 0, 1)}, []string{"attack", "raid"}, agg.Month, agg.Show)
	o, err := PeriodOption(r, ChartText{Title: "t"}, false, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(o), `"name":"raid"`) {
		t.Error("a series without data is in the option")
	}
}

func TestTickKeys(t *testing.T) {
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		unit   agg.Unit
		starts []time.Time
		want   []int64
		kind   string
	}{
		{agg.Year, []time.Time{d(-44, 1), d(0, 1), d(1, 1), d(2017, 1)}, []int64{45, 1, 1, 2017}, "year"},
		{agg.Decade, []time.Time{d(2010, 1), d(2020, 1)}, []int64{2010, 2020}, "year"},
		{agg.Month, []time.Time{d(2017, 1), d(2017, 12)}, []int64{2017 * 12, 2017*12 + 11}, "month"},
		{agg.Quarter, []time.Time{d(2017, 4)}, []int64{2017*4 + 1}, "quarter"},
		{agg.Day, []time.Time{time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)}, []int64{0}, "day"}, // a Monday
	} {
		keys, kind := tickKeys(agg.Result{Unit: c.unit, Starts: c.starts})
		if kind != c.kind || !slices.Equal(keys, c.want) {
			t.Errorf("%s: keys %v %s, want %v %s", c.unit, keys, kind, c.want, c.kind)
		}
	}
}

// TestBCEPeriodLabels checks that a decade before 1 CE reads earliest
// first, on the axis of a chart (agg) and of the page's panel
// (periods.js, held to agg by TestPageJSRules).
func TestBCEPeriodLabels(t *testing.T) {
	for y, want := range map[int]string{-3000: "3001–2992 BCE", 0: "1 BCE–9", -10: "11–2 BCE"} {
		if got := agg.Decade.Label(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)); got != want {
			t.Errorf("decade of %d: %q, want %q", y, got, want)
		}
	}
}
