package charts

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// mapPanel is what panelMapJS reads of the map panel as drawn: the
// panel's size, the pixel positions of its marks and the place names
// they carry, and the boxes of its title and of the size legend.
type mapPanel struct {
	W, H          float64
	X, Y          []float64
	Names         []string
	Title, Legend *chartBox
	GeoZ, LegendZ float64
}

const panelMapJS = `(function () {
  var chart = echarts.getInstanceByDom(document.getElementById('tlFreq')), tl = timelinePage;
  var data = chart.getModel().getSeriesByIndex(0).getData(), out = {W: chart.getWidth(), H: chart.getHeight(), X: [], Y: [], Names: []};
  for (var i = 0; i < data.count(); i++) {
    var p = data.getItemLayout(i);
    out.X.push(p[0]); out.Y.push(p[1]); out.Names.push(data.getName(i));
  }
  function box(r) { return r && {X: r.x, Y: r.y, W: r.width, H: r.height}; }
  out.Title = box(tl.componentBox(chart, 'title'));
  out.Legend = box(tl.componentBox(chart, 'graphic'));
  // The highest z of what the map and the legend draw.
  function top(type) {
    var cm = chart.getModel().getComponent(type), view = cm && chart.getViewOfComponentModel(cm), z = -Infinity;
    if (view) view.group.traverse(function (el) { if (!el.isGroup) z = Math.max(z, el.zlevel * 1e6 + el.z); });
    return z;
  }
  out.GeoZ = top('geo');
  out.LegendZ = top('graphic');
  return JSON.stringify(out);
})()`

// TestBrowserPanelMap draws the map panel of events all in one country:
// the map zooms to their region, so their marks spread over a good share
// of the panel rather than a few pixels of a world map; the marks carry
// their places' names (read from the data, not the table); the size
// legend lies inside the panel, clear of the title; and hovering the map
// shows tooltips without breaking the page's Content-Security-Policy or
// logging errors. Events all over the world keep the whole world.
func TestBrowserPanelMap(t *testing.T) {
	findChromium(t)
	// Places in France, from Brest to Nice, with 1 to 12 events each.
	france := []struct {
		name     string
		lat, lon float64
		n        int
	}{{"Brest", 48.39, -4.49, 1}, {"Paris", 48.86, 2.35, 12}, {"Lyon", 45.76, 4.84, 5}, {"Nice", 43.70, 7.27, 3}, {"Bordeaux", 44.84, -0.58, 2}, {"Lille", 50.63, 3.06, 4}}
	world := []struct {
		name     string
		lat, lon float64
		n        int
	}{{"Lima", -12.05, -77.04, 1}, {"Tokyo", 35.68, 139.69, 2}, {"Oslo", 59.91, 10.75, 1}, {"Sydney", -33.87, 151.21, 1}}
	build := func(places []struct {
		name     string
		lat, lon float64
		n        int
	}) []byte {
		var b strings.Builder
		b.WriteString("id,start,title,category,location,latitude,longitude\n")
		i := 0
		for _, p := range places {
			for range p.n {
				fmt.Fprintf(&b, "e%d,2017-%02d-%02d,Event %d,x,%s,%.2f,%.2f\n", i, 1+i%12, 1+i%28, i, p.name, p.lat, p.lon)
				i++
			}
		}
		return []byte(b.String())
	}
	read := func(p *browserPage) mapPanel {
		t.Helper()
		var ok bool
		p.eval(t, `(function(){var s=document.getElementById('tlPanel');if(!Array.from(s.options).some(function(o){return o.value==='map'}))return false;s.value='map';s.dispatchEvent(new Event('change'));return true})()`, &ok)
		if !ok {
			t.Fatal("the page offers no map panel")
		}
		var s string
		p.eval(t, panelMapJS, &s)
		var m mapPanel
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatalf("%v: %.300s", err, s)
		}
		return m
	}
	spread := func(v []float64) float64 {
		lo, hi := v[0], v[0]
		for _, x := range v {
			lo, hi = min(lo, x), max(hi, x)
		}
		return hi - lo
	}
	for _, w := range []int64{1280, 360} {
		p := openPage(t, pageFile(t, build(france), Options{}), "", w, 900)
		m := read(p)
		if len(m.X) != len(france) {
			t.Fatalf("%d px: %d marks on the map, want one for each of %d places", w, len(m.X), len(france))
		}
		// Unzoomed, France spans some 3% of a world map's width.
		if fx, fy := spread(m.X)/m.W, spread(m.Y)/m.H; fx < 0.35 && fy < 0.35 {
			t.Errorf("%d px: the marks span %.0f%% of the panel's width and %.0f%% of its height, want at least 35%% of one", w, fx*100, fy*100)
		}
		for i := range m.X {
			if m.X[i] < 0 || m.X[i] > m.W || m.Y[i] < 0 || m.Y[i] > m.H {
				t.Errorf("%d px: the mark of %s at (%.0f, %.0f) is outside the panel (%.0f×%.0f)", w, m.Names[i], m.X[i], m.Y[i], m.W, m.H)
			}
		}
		names := strings.Join(m.Names, ",")
		for _, pl := range france {
			if !strings.Contains(names, pl.name) {
				t.Errorf("%d px: no mark is named %s: %v", w, pl.name, m.Names)
			}
		}
		if m.Legend == nil || m.Title == nil {
			t.Fatalf("%d px: the map has no size legend (%v) or no title (%v)", w, m.Legend, m.Title)
		}
		legend, title := chartBox{Name: "legend", X: m.Legend.X, Y: m.Legend.Y, W: m.Legend.W, H: m.Legend.H}, chartBox{Name: "title", X: m.Title.X, Y: m.Title.Y, W: m.Title.W, H: m.Title.H}
		if !legend.inside(m.W, m.H) {
			t.Errorf("%d px: the size legend %s is outside the panel (%.0f×%.0f)", w, legend, m.W, m.H)
		}
		if legend.overlaps(title) {
			t.Errorf("%d px: the size legend %s overlaps the title %s", w, legend, title)
		}
		if m.LegendZ <= m.GeoZ {
			t.Errorf("%d px: the size legend is drawn at z %v, under the map (%v), which may cover it", w, m.LegendZ, m.GeoZ)
		}
		if legend.H < 20 || legend.W < 40 {
			t.Errorf("%d px: the size legend %s is too small to show its circles", w, legend)
		}
		p.eval(t, `(document.getElementById('tlFreq').scrollIntoView(), true)`, nil)
		p.screenshot(t, fmt.Sprintf("panel-map-france-%d", w))
		p.hoverAll(t, "tlFreq", 30)
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%d px: %d console errors, first %.400s", w, len(probs), probs[0])
		}
	}

	// Places all over the world keep the map's whole width: the marks
	// from Lima to Sydney span most of it.
	p := openPage(t, pageFile(t, build(world), Options{}), "", 1280, 900)
	m := read(p)
	if len(m.X) != len(world) {
		t.Fatalf("%d marks on the world's map, want %d", len(m.X), len(world))
	}
	if fx := spread(m.X) / m.W; fx < 0.5 {
		t.Errorf("the marks from Lima to Sydney span %.0f%% of the panel's width, want at least 50%%", fx*100)
	}
	for i := range m.X {
		if m.X[i] < 0 || m.X[i] > m.W || m.Y[i] < 0 || m.Y[i] > m.H {
			t.Errorf("the mark of %s at (%.0f, %.0f) is outside the panel (%.0f×%.0f)", m.Names[i], m.X[i], m.Y[i], m.W, m.H)
		}
	}
	p.hoverAll(t, "tlFreq", 30)
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("world: %d console errors, first %.400s", len(probs), probs[0])
	}
}
