package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"timeline/data"
	"timeline/timeline"
	"timeline/timeline/agg"
	"timeline/timeline/edtf"
)

// builtinCSV is the built-in dataset's events table.
func builtinCSV(t *testing.T) []byte {
	t.Helper()
	raw, err := fs.ReadFile(data.FS, data.Default+"/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// chartFile builds chart q of csv as timeline chart does and writes its
// page; it returns the path.
func chartFile(t *testing.T, csv []byte, q Request) string {
	t.Helper()
	res, err := Build(bytes.NewReader(csv), "events.csv", q)
	if err != nil {
		t.Fatalf("%s: %v", q.Kind, err)
	}
	var b bytes.Buffer
	if err := RenderChart(&b, res.Title, res.Option, q.Options); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), q.Kind+".html")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pageFile renders csv as timeline render does and writes the page.
func pageFile(t *testing.T, csv []byte, opt Options) string {
	t.Helper()
	ds, _, err := timeline.Read(bytes.NewReader(csv), "events.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	meta, events, _, err := FromDataset(ds, csv, "events.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	return writePage(t, meta, events, opt)
}

// chartBox is an element's box on the page, in CSS pixels.
type chartBox struct {
	Name       string
	X, Y, W, H float64
}

func (a chartBox) String() string {
	return fmt.Sprintf("%s [%.0f,%.0f %.0f×%.0f]", a.Name, a.X, a.Y, a.W, a.H)
}

func (a chartBox) overlaps(b chartBox) bool {
	const slack = 1 // antialiasing
	return a.W > 0 && b.W > 0 && a.X+a.W > b.X+slack && b.X+b.W > a.X+slack && a.Y+a.H > b.Y+slack && b.Y+b.H > a.Y+slack
}

func (a chartBox) inside(w, h float64) bool {
	return a.X >= -1 && a.Y >= -1 && a.X+a.W <= w+1 && a.Y+a.H <= h+1
}

// boxesJS returns, for the ECharts instance on element id, the boxes of its
// title, subtitle, legend, toolbox, visual map, the plot (grid), each axis
// name and each axis label, read from ECharts' own drawn elements.
const boxesJS = `(function (id) {
  var chart = echarts.getInstanceByDom(document.getElementById(id));
  var out = [], model = chart.getModel();
  function rectOf(el) {
    var r = el.getBoundingRect().clone();
    var m = el.getComputedTransform ? el.getComputedTransform() : null;
    if (m) r.applyTransform(m);
    return r;
  }
  function add(name, r) { if (r && r.width > 0 && r.height > 0) out.push({Name: name, X: r.x, Y: r.y, W: r.width, H: r.height}); }
  // Every text drawn, with the component it belongs to.
  ['title', 'legend', 'toolbox', 'visualMap', 'xAxis', 'yAxis', 'calendar', 'geo', 'graphic'].forEach(function (type) {
    model.eachComponent(type, function (cm, i) {
      var view = chart.getViewOfComponentModel(cm);
      if (!view || !view.group) return;
      view.group.updateTransform();
      view.group.traverse(function (el) {
        if (el.ignore || el.invisible) return;
        if (el.type === 'text') {
          var part = type;
          if (type === 'title') part = el.style && el.style.text === cm.get('subtext') && cm.get('subtext') ? 'subtitle' : 'title';
          if (type === 'xAxis' || type === 'yAxis') part = (el.style && el.style.text === cm.get('name')) ? type + 'Name' : type + 'Label';
          if (type === 'calendar') part = 'calendarLabel';
          if (el.style && el.style.text) add(part + i + ':' + el.style.text, rectOf(el));
        }
      });
      if (type === 'legend' || type === 'visualMap') add(type + i, rectOf(view.group));
      if (type === 'toolbox') {
        // The icons, not the names each shows under it on hover.
        var u = null;
        view.group.traverse(function (el) {
          if (el.type === 'text' || el.isGroup || el.ignore || el.invisible || !el.getBoundingRect) return;
          var r = rectOf(el);
          if (u) u.union(r); else u = r;
        });
        add(type + i, u);
      }
    });
  });
  // A graph's nodes and their labels.
  model.eachSeries(function (sm) {
    if (sm.subType !== 'graph') return;
    var d = sm.getData();
    for (var i = 0; i < d.count(); i++) {
      var el = d.getItemGraphicEl(i);
      if (!el) continue;
      el.updateTransform();
      var sym = el.childAt ? el.childAt(0) : el;
      add('node:' + d.getName(i), rectOf(sym || el));
      var txt = (sym || el).getTextContent && (sym || el).getTextContent();
      if (txt && !txt.ignore && !txt.invisible) { txt.updateTransform(); add('nodeLabel:' + d.getName(i), rectOf(txt)); }
    }
  });
  model.eachComponent('grid', function (cm, i) { add('plot' + i, cm.coordinateSystem.getRect()); });
  model.eachComponent('calendar', function (cm, i) { add('calendarPlot' + i, cm.coordinateSystem.getRect()); });
  return JSON.stringify({W: chart.getWidth(), H: chart.getHeight(), Boxes: out});
})`

type chartBoxes struct {
	W, H  float64
	Boxes []chartBox
}

func (p *browserPage) chartBoxes(t *testing.T, id string) chartBoxes {
	t.Helper()
	var s string
	p.eval(t, boxesJS+"("+jsString(id)+")", &s)
	var b chartBoxes
	if err := json.Unmarshal([]byte(s), &b); err != nil {
		t.Fatalf("%v: %.300s", err, s)
	}
	return b
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// hoverAll moves the mouse over the whole element id on a grid of points,
// so that every chart element under it shows its tooltip.
func (p *browserPage) hoverAll(t *testing.T, id string, step float64) {
	t.Helper()
	var r struct{ X, Y, W, H float64 }
	var s string
	p.eval(t, `JSON.stringify((function(){var r=document.getElementById(`+jsString(id)+`).getBoundingClientRect();return {X:r.left,Y:r.top,W:r.width,H:Math.min(r.height,innerHeight-r.top)}})())`, &s)
	json.Unmarshal([]byte(s), &r)
	var actions []chromedp.Action
	for y := r.Y + 2; y < r.Y+r.H; y += step {
		for x := r.X + 2; x < r.X+r.W; x += step {
			actions = append(actions, chromedp.MouseEvent(input.MouseMoved, x, y))
		}
	}
	if err := chromedp.Run(p.ctx, actions...); err != nil {
		t.Fatal(err)
	}
	chromedp.Run(p.ctx, chromedp.Sleep(100*time.Millisecond))
}

// checkLayout asserts what a person sees of a chart: the title, subtitle,
// legend, colour scale and toolbox do not overlap one another or the plot;
// axis names and every label are inside the chart; the labels of the
// period axis do not overlap.
func checkLayout(t *testing.T, name string, b chartBoxes) {
	t.Helper()
	var heads, plots, labels []chartBox
	for _, x := range b.Boxes {
		kind := x.Name
		if i := strings.IndexAny(kind, "0123456789:"); i >= 0 {
			kind = kind[:i]
		}
		switch kind {
		case "title", "subtitle", "legend", "toolbox", "visualMap":
			heads = append(heads, x)
		case "plot", "calendarPlot":
			plots = append(plots, x)
		case "xAxisLabel", "yAxisName", "xAxisName", "calendarLabel", "calendarMonth":
			labels = append(labels, x)
		}
		if !x.inside(b.W, b.H) && kind != "geo" && kind != "graphic" {
			t.Errorf("%s: %s is outside the chart (%.0f×%.0f)", name, x, b.W, b.H)
		}
	}
	for i, a := range heads {
		// A title's own lines overlap its box; the legend holds its items.
		for _, c := range heads[i+1:] {
			if a.overlaps(c) && component(a) != component(c) {
				t.Errorf("%s: %s overlaps %s", name, a, c)
			}
		}
		for _, p := range plots {
			if a.overlaps(p) {
				t.Errorf("%s: %s overlaps the plot %s", name, a, p)
			}
		}
		for _, l := range labels {
			if a.overlaps(l) {
				t.Errorf("%s: %s overlaps %s", name, a, l)
			}
		}
	}
	// A graph's labels do not sit on other nodes.
	for _, l := range b.Boxes {
		if !strings.HasPrefix(l.Name, "nodeLabel:") {
			continue
		}
		for _, n := range b.Boxes {
			if strings.HasPrefix(n.Name, "node:") && n.Name[5:] != l.Name[10:] && l.overlaps(n) {
				t.Errorf("%s: the label %s sits on the node %s", name, l, n)
			}
		}
	}
	// Axis names do not sit on tick labels.
	for _, n := range labels {
		if !strings.Contains(n.Name, "AxisName") {
			continue
		}
		for _, l := range b.Boxes {
			if strings.Contains(l.Name, "AxisLabel") && n.overlaps(l) {
				t.Errorf("%s: the axis name %s overlaps the label %s", name, n, l)
			}
		}
	}
	var ticks []chartBox
	for _, l := range labels {
		if strings.HasPrefix(l.Name, "xAxisLabel") || strings.HasPrefix(l.Name, "calendarLabel") {
			ticks = append(ticks, l)
		}
	}
	for i, a := range ticks {
		for _, c := range ticks[i+1:] {
			if a.overlaps(c) {
				t.Errorf("%s: labels %s and %s overlap", name, a, c)
			}
		}
	}
}

// component names the component a box is part of: "legend0" for the
// legend and its items.
func component(a chartBox) string { return strings.SplitN(a.Name, ":", 2)[0] }

// TestBrowserChartLayout draws every kind of chart of the built-in dataset
// at phone and desktop widths in every language and checks the layout, the
// tooltips under the mouse everywhere (no Content-Security-Policy
// violation, no console error) and, with TIMELINE_SCREENSHOTS=dir, writes
// screenshots.
func TestBrowserChartLayout(t *testing.T) {
	findChromium(t)
	csv := builtinCSV(t)
	langs := []string{"en", "de", "es", "fr", "ru"}
	// One browser for each kind: starting one takes longer than loading a
	// page.
	defer func(d time.Duration) { browserTimeout = d }(browserTimeout)
	browserTimeout = 5 * time.Minute
	for _, kind := range []string{"frequency", "cumulative", "calendar", "actors", "network", "map"} {
		var p *browserPage
		for _, lang := range langs {
			q := Request{Kind: kind, Top: 20, MinShared: 1, Options: Options{Lang: lang}}
			file := chartFile(t, csv, q)
			for _, w := range []int64{360, 1280} {
				name := fmt.Sprintf("%s-%s-%d", kind, lang, w)
				if p == nil {
					p = openPage(t, file, "", w, 800)
				} else {
					p.load(t, file, w, 800)
				}
				checkLayout(t, name, p.chartBoxes(t, "tlChart"))
				if lang == "en" || lang == "ru" {
					p.screenshot(t, "chart-"+name)
				}
				if lang == "en" {
					p.hoverAll(t, "tlChart", 48)
				}
				if probs := p.problems(); len(probs) > 0 {
					t.Errorf("%s: %d console errors, first %.300s", name, len(probs), probs[0])
				}
			}
		}
	}
}

// load opens file in the browser of p at the given size, forgetting what
// the last page logged, and waits until its script has run.
func (p *browserPage) load(t *testing.T, file string, width, height int64) {
	t.Helper()
	p.mu.Lock()
	p.errors, p.requests = nil, nil
	p.mu.Unlock()
	err := chromedp.Run(p.ctx, chromedp.EmulateViewport(width, height), chromedp.Navigate("file://"+file), chromedp.WaitReady("body"))
	if err != nil {
		t.Fatalf("loading %s: %v", file, err)
	}
	var ready bool
	for i := 0; i < 100 && !ready; i++ {
		chromedp.Run(p.ctx, chromedp.Evaluate(`document.getElementById('tlChart').dataset.ready === '1'`, &ready))
		if !ready {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !ready {
		t.Errorf("the page script did not finish: %v", p.problems())
	}
	// The listener knows only the first page as its own.
	p.mu.Lock()
	p.requests = slices.DeleteFunc(p.requests, func(u string) bool { return u == "file://"+file })
	p.mu.Unlock()
}

// TestPageJSDates holds the page script's dates (dates.js) and tick keys
// (ticks.js) to Go's: years as timeline/edtf writes them, in every
// language, and the keys chart.go numbers periods with.
func TestPageJSDates(t *testing.T) {
	p := openModules(t)
	years := []int64{-270000, -9181, -43, -9, -1, 0, 1, 9, 44, 99, 100, 999, 1000, 1969, 2017, 9999, 10000, 270000}
	for _, lang := range []string{"en", "de", "es", "fr", "ru"} {
		var got []string
		p.call(t, `function (a) { return a.years.map(function (y) { return timelinePage.yearText(y, a.S); }); }`, map[string]any{"years": years, "S": translations[lang]}, &got)
		for i, y := range years {
			if want := edtf.FormatYear(y, lang); got[i] != want {
				t.Errorf("%s: yearText(%d) = %q, Go writes %q", lang, y, got[i], want)
			}
		}
	}
	for _, u := range []agg.Unit{agg.Day, agg.Week, agg.Month, agg.Quarter, agg.Year, agg.Decade} {
		var starts []time.Time
		var ms []int64
		for _, s := range instants() {
			f := u.Floor(s)
			starts = append(starts, f)
			ms = append(ms, f.UnixMilli())
		}
		want, kind := tickKeys(agg.Result{Unit: u, Starts: starts})
		var got struct {
			Keys []int64
			Kind string
		}
		p.call(t, `function (a) { var P = timelinePage.periods; return {Keys: a.ms.map(function (t) { return timelinePage.tickKey(a.u, P.index(t, a.u)); }), Kind: timelinePage.tickKind(a.u)}; }`, map[string]any{"ms": ms, "u": u.String()}, &got)
		if got.Kind != kind {
			t.Errorf("%s: tickKind %q, Go %q", u, got.Kind, kind)
		}
		for i := range want {
			if got.Keys[i] != want[i] {
				t.Errorf("%s at %v: tickKey %d, Go %d", u, starts[i], got.Keys[i], want[i])
				break
			}
		}
	}
	// The names ECharts cannot be given as they are.
	names := []string{"attack", "prototype", "__proto__ ", "Constructor"}
	for k := range objectKeys {
		names = append(names, k)
	}
	var drawn []string
	p.call(t, `function (a) { return a.map(timelinePage.drawable); }`, names, &drawn)
	for i, n := range names {
		if drawn[i] != drawable(n) {
			t.Errorf("drawable(%q): page %q, Go %q", n, drawn[i], drawable(n))
		}
	}
	// Round steps: a century of years at ten labels shows every 10 or 20
	// years, never 23.
	keys := make([]int64, 0, 125)
	for y := int64(596); y <= 720; y++ {
		keys = append(keys, y)
	}
	var step int64
	p.call(t, `function (a) { return timelinePage.tickStep(a.keys, 'year', 10); }`, map[string]any{"keys": keys}, &step)
	if step != 20 {
		t.Errorf("years 596–720 in 10 labels: step %d, want 20", step)
	}
}

// TestBrowserPagePanels draws each kind of the page's chart panel, for the
// built-in dataset and for lanes and actors named like the properties of
// every JavaScript object, at phone and desktop widths: the panel's title
// and plot do not overlap, hovering everything on the timeline and the
// panel logs no Content-Security-Policy violation and no error, and each
// lane has its own colour, the one Go gave it.
func TestBrowserPagePanels(t *testing.T) {
	findChromium(t)
	hostile := []byte("id,start,title,category,actors,latitude,longitude\n" +
		"a,2017-04-03,A,hasOwnProperty,constructor;__proto__,59.93,30.34\n" +
		"b,2017-05-03,B,constructor,hasOwnProperty;__proto__,42.87,74.57\n" +
		"c,2018-05-03,C,__proto__,toString;constructor,41.3,69.24\n" +
		"d,0044-03-15,D,toString,valueOf,,\n")
	for _, c := range []struct {
		name string
		csv  []byte
	}{{"builtin", builtinCSV(t)}, {"hostile", hostile}} {
		file := pageFile(t, c.csv, Options{})
		for _, w := range []int64{1280, 360} {
			p := openPage(t, file, "", w, 900)
			var colors struct{ Lanes, Drawn []string }
			var s string
			p.eval(t, `JSON.stringify({Lanes: JSON.parse(document.getElementById('tlData').textContent).lanes, Drawn: Array.from(document.querySelectorAll('#tlLanes i')).map(function (e) { return getComputedStyle(e).backgroundColor; })})`, &s)
			json.Unmarshal([]byte(s), &colors)
			seen := map[string]bool{}
			for _, d := range colors.Drawn {
				if seen[d] {
					t.Errorf("%s: two lanes drawn in %s", c.name, d)
				}
				seen[d] = true
			}
			if len(colors.Drawn) != len(colors.Lanes) {
				t.Errorf("%s: %d lanes, %d colour swatches", c.name, len(colors.Lanes), len(colors.Drawn))
			}
			p.hoverAll(t, "tlChart", 60)
			for _, kind := range []string{"freq", "cum", "actors", "network", "calendar", "map"} {
				var ok bool
				p.eval(t, `(function(){var s=document.getElementById('tlPanel');if(!Array.from(s.options).some(function(o){return o.value===`+jsString(kind)+`}))return false;s.value=`+jsString(kind)+`;s.dispatchEvent(new Event('change'));return true})()`, &ok)
				if !ok {
					continue
				}
				name := fmt.Sprintf("%s-panel-%s-%d", c.name, kind, w)
				checkLayout(t, name, p.chartBoxes(t, "tlFreq"))
				if c.name == "builtin" {
					var done bool
					p.eval(t, `(document.getElementById('tlFreq').scrollIntoView(), true)`, &done)
					p.screenshot(t, name)
				}
				p.hoverAll(t, "tlFreq", 60)
			}
			// Checked once every view has drawn, before the next page: a
			// browser lives for browserTimeout.
			var polluted string
			p.eval(t, `(function(){for (var k in {}) return k; return ''})()`, &polluted)
			if polluted != "" {
				t.Errorf("%s: the page wrote %q into Object.prototype", c.name, polluted)
			}
			if probs := p.problems(); len(probs) > 0 {
				t.Errorf("%s at %d px: %d console errors, first %.400s", c.name, w, len(probs), probs[0])
			}
		}
	}
}

// TestBrowserChartHostileNames draws charts whose series and actors are
// named like the properties every JavaScript object has: each draws, lists
// its series and logs nothing.
func TestBrowserChartHostileNames(t *testing.T) {
	findChromium(t)
	csv := []byte("id,start,title,category,actors\n" +
		"a,2017-04-03,A,hasOwnProperty,constructor;__proto__\n" +
		"b,2017-05-03,B,constructor,hasOwnProperty;__proto__\n" +
		"c,2018-05-03,C,__proto__,toString;constructor\n" +
		"d,2018-06-03,D,toString,valueOf;prototype\n")
	var p *browserPage
	for _, kind := range []string{"frequency", "cumulative", "actors", "network"} {
		file := chartFile(t, csv, Request{Kind: kind, Top: 20, MinShared: 1})
		if p == nil {
			p = openPage(t, file, "", 800, 600)
		} else {
			p.load(t, file, 800, 600)
		}
		var names []string
		p.eval(t, `(function(){var c=echarts.getInstanceByDom(document.getElementById('tlChart'));var o=c.getOption();return o.series.length>1||o.series[0].type!=='graph'?o.series.map(function(s){return s.name}):o.series[0].data.map(function(d){return d.name})})()`, &names)
		want := []string{"__proto__", "constructor", "hasOwnProperty", "toString"}
		if kind == "network" {
			want = []string{"__proto__", "constructor", "hasOwnProperty", "prototype", "toString", "valueOf"}
		}
		// They read as written (chart.go's drawable adds only an
		// invisible word joiner).
		for i, n := range names {
			names[i] = strings.TrimSuffix(n, "\u2060")
		}
		slices.Sort(names)
		if !slices.Equal(names, want) {
			t.Errorf("%s: series %q, want %q", kind, names, want)
		}
		var drawn bool
		p.eval(t, `(function(){var c=document.querySelector('#tlChart canvas');if(!c)return false;var d=c.getContext('2d').getImageData(0,0,c.width,c.height).data;for(var i=3;i<d.length;i+=4)if(d[i])return true;return false})()`, &drawn)
		if !drawn {
			t.Errorf("%s: nothing drawn", kind)
		}
		p.hoverAll(t, "tlChart", 50)
		var polluted string
		p.eval(t, `(function(){for (var k in {}) return k; return ''})()`, &polluted)
		if polluted != "" {
			t.Errorf("%s: drawing wrote %q into Object.prototype", kind, polluted)
		}
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%s: %v", kind, probs[0])
		}
	}
}

// TestBrowserAncientAxis checks the timeline's axis for years 1–99 (which
// JavaScript's Date.UTC would put in the 1900s) and years before 1 CE
// (which ECharts writes as "-43").
func TestBrowserAncientAxis(t *testing.T) {
	findChromium(t)
	for _, c := range []struct {
		name, csv string
		bad       func(string) bool
	}{
		{"years 1-99", "id,start,title,category\na,0044-03-15,Ides,rome\nb,0090,Ninety,rome\n", func(l string) bool { return strings.HasPrefix(l, "19") || strings.HasPrefix(l, "20") }},
		{"BCE", "id,start,title,category\na,-0043-03-15,Ides,rome\nb,-0009,Varus,rome\n", func(l string) bool { return strings.HasPrefix(l, "-") }},
	} {
		p := openPage(t, pageFile(t, []byte(c.csv), Options{}), "", 1280, 800)
		b := p.chartBoxes(t, "tlChart")
		var labels []string
		for _, x := range b.Boxes {
			if l, ok := strings.CutPrefix(x.Name, "xAxisLabel0:"); ok {
				labels = append(labels, l)
				if c.bad(l) {
					t.Errorf("%s: the axis reads %q", c.name, l)
				}
			}
		}
		if len(labels) < 2 {
			t.Errorf("%s: axis labels %q", c.name, labels)
		}
		if c.name == "BCE" && !slices.ContainsFunc(labels, func(l string) bool { return strings.HasSuffix(l, " BCE") }) {
			t.Errorf("BCE: no label says BCE: %q", labels)
		}
		p.screenshot(t, "axis-"+strings.ReplaceAll(c.name, " ", "-"))
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%s: %v", c.name, probs[0])
		}
	}
}
