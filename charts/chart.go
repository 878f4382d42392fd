package charts

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"timeline/timeline/agg"
)

//go:embed chart.tmpl chart.js
var chartFS embed.FS

var chartTemplate = template.Must(template.New("chart.tmpl").ParseFS(chartFS, "chart.tmpl"))

// ChartText is what a chart says about itself: its title, the names of its
// axes (with units) and a note such as how many events it left out.
type ChartText struct {
	Title, XName, YName, Note string
}

// PeriodOption builds the ECharts option of a chart of r: stacked bars
// (frequency, sum) or lines (cumulative). The series of events not precise
// to a period is drawn hatched and pale, so it never reads as a count of
// the periods' own events.
func PeriodOption(r agg.Result, text ChartText, lines bool, opt Options) (json.RawMessage, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c := gecharts.NewBar()
	c.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: "timeline-chart"}),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "30"}),
		gecharts.WithXAxisOpts(opts.XAxis{Name: text.XName, Type: "category", Data: r.Labels}),
		gecharts.WithYAxisOpts(opts.YAxis{Name: text.YName, Type: "value"}),
		gecharts.WithDataZoomOpts(opts.DataZoom{Type: "inside", XAxisIndex: []int{0}}, opts.DataZoom{Type: "slider", XAxisIndex: []int{0}}),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	c.Validate()
	obj := c.JSON()
	obj["useUTC"] = true
	obj["animation"] = false
	title := map[string]any{"text": text.Title, "left": "center"}
	if text.Note != "" {
		title["subtext"] = text.Note
	}
	obj["title"] = title
	obj["grid"] = map[string]any{"left": 16, "right": 24, "top": 80, "bottom": 84, "containLabel": true}
	obj["toolbox"] = toolbox(true)
	colors := seriesColors(r.Series, opt.Theme)
	series := []map[string]any{}
	for i, s := range r.Series {
		// The legend lists only series with something to show.
		if !hasData(s.Values) {
			continue
		}
		m := map[string]any{"name": drawable(s.Name), "data": s.Values, "itemStyle": map[string]any{"color": colors[i]}}
		if lines {
			m["type"] = "line"
			m["showSymbol"] = false
			m["lineStyle"] = map[string]any{"color": colors[i], "width": 2}
		} else {
			m["type"] = "bar"
			m["stack"] = "events"
		}
		if s.Imprecise {
			m["itemStyle"] = map[string]any{"color": ImpreciseColor, "opacity": 0.55,
				"decal": map[string]any{"symbol": "rect", "dashArrayX": []int{1, 0}, "dashArrayY": []int{2, 5}, "rotation": 0.785}}
			m["lineStyle"] = map[string]any{"type": "dashed", "color": ImpreciseColor}
		}
		series = append(series, m)
	}
	obj["series"] = series
	keys, kind := tickKeys(r)
	obj["timeline"] = map[string]any{"tickKeys": keys, "tickUnit": kind}
	// go-echarts' Bar takes its category data from SetXAxis and puts the
	// axis names at the ends, where they are cut; the axes are set here.
	obj["xAxis"] = []any{map[string]any{"type": "category", "data": r.Labels, "name": text.XName, "nameLocation": "middle", "nameGap": 28}}
	obj["yAxis"] = []any{map[string]any{"type": "value", "name": text.YName}}
	return json.Marshal(obj)
}

// CountOption builds the option of a chart of counts by name, stacked by
// series (the actors chart): names on the vertical axis, most first.
func CountOption(names []string, series []agg.Series, text ChartText, opt Options) (json.RawMessage, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c := gecharts.NewBar()
	c.SetGlobalOptions(
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "30"}),
		gecharts.WithXAxisOpts(opts.XAxis{Name: text.XName, Type: "value"}),
		gecharts.WithYAxisOpts(opts.YAxis{Name: text.YName, Type: "category", Data: names}),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	c.Validate()
	obj := c.JSON()
	obj["animation"] = false
	obj["title"] = map[string]any{"text": text.Title, "left": "center", "subtext": text.Note}
	obj["toolbox"] = toolbox(true)
	// The axis runs downwards: its start, where its name goes, is at the
	// top, above the plot, not under it among the count's labels.
	obj["yAxis"] = []any{map[string]any{"type": "category", "data": drawables(names), "name": text.YName, "inverse": true, "nameLocation": "start"}}
	// The count's name goes under the axis, where it is not cut at the
	// chart's right edge.
	obj["xAxis"] = []any{map[string]any{"type": "value", "name": text.XName, "nameLocation": "middle", "nameGap": 28}}
	obj["grid"] = map[string]any{"left": 16, "right": 32, "top": 80, "bottom": 44, "containLabel": true}
	colors := seriesColors(series, opt.Theme)
	out := []map[string]any{}
	for i, s := range series {
		if hasData(s.Values) {
			out = append(out, map[string]any{"name": drawable(s.Name), "type": "bar", "stack": "events", "data": s.Values, "itemStyle": map[string]any{"color": colors[i]}})
		}
	}
	obj["series"] = out
	return json.Marshal(obj)
}

// RenderChart writes a page with one chart, under the same rules as the
// timeline page: offline, data as JSON, scripts and style allowed by hash.
func RenderChart(w io.Writer, title string, option json.RawMessage, opt Options) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	main, _ := chartFS.ReadFile("chart.js")
	ticks, _ := pageEmbed.ReadFile("page/ticks.js") // shared with the page's panel
	script := append(append(ticks, '\n'), main...)
	locale, err := echartsLocale(opt.Lang)
	if err != nil {
		return err
	}
	payload := map[string]any{"lang": opt.Lang, "option": option, "image": opt.Image}
	if bytes.Contains(option, []byte(`"map":"world"`)) {
		geo, err := worldGeoJSON()
		if err != nil {
			return err
		}
		payload["world"] = geo
	}
	var data bytes.Buffer
	if err := json.NewEncoder(&data).Encode(payload); err != nil {
		return err
	}
	css := chartCSS
	csp := "default-src 'none'; script-src " + hash(echartsJS) + " " + hash(string(script))
	if locale != "" {
		csp += " " + hash(locale)
	}
	csp += "; style-src " + hash(css) + "; img-src data:; base-uri 'none'; form-action 'none'"
	view := map[string]any{
		"Lang": opt.Lang, "Theme": opt.Theme, "Title": title, "CSP": csp, "Embed": opt.Embed,
		"CSS": template.CSS(css), "ECharts": template.JS(echartsJS), "Locale": template.JS(locale),
		"Script": template.JS(script), "Data": template.JS(data.String()),
	}
	var out bytes.Buffer
	if err := chartTemplate.Execute(&out, view); err != nil {
		return fmt.Errorf("chart page: %w", err)
	}
	_, err = w.Write(out.Bytes())
	return err
}

const chartCSS = `:root{--bg:#fff;--fg:#1d1d1f;--muted:#5f6368}
[data-theme=dark]{--bg:#15171a;--fg:#e8eaed;--muted:#a8adb4}
[data-theme=contrast]{--bg:#000;--fg:#fff;--muted:#fff}
@media (prefers-color-scheme:dark){[data-theme=auto]{--bg:#15171a;--fg:#e8eaed;--muted:#a8adb4}}
html,body{margin:0;height:100%;background:var(--bg);color:var(--fg);font:15px system-ui,sans-serif}
#tlChart{width:100%;height:100vh;min-height:320px}`

// calendarFirstYear is the first year ECharts' calendar draws: it reads a
// year below 100 as one of the 1900s, and a day in it throws.
const calendarFirstYear = 100

// CalendarOption builds a day-by-day heatmap, one row per year, of a daily
// aggregate (one series, unit agg.Day). Years before calendarFirstYear cannot be drawn on
// ECharts' calendar and are left out, as are all but the last maxYears.
func CalendarOption(r agg.Result, text ChartText, maxYears int, opt Options) (json.RawMessage, int, error) {
	if err := opt.Validate(); err != nil {
		return nil, 0, err
	}
	byYear := map[int][][2]any{}
	var years []int
	maxV := 0.0
	left := 0
	for i, start := range r.Starts {
		v := 0.0
		for _, s := range r.Series {
			v += s.Values[i]
		}
		if v == 0 {
			continue
		}
		y := start.Year()
		if y < calendarFirstYear {
			left++
			continue
		}
		if _, ok := byYear[y]; !ok {
			years = append(years, y)
		}
		byYear[y] = append(byYear[y], [2]any{start.Format("2006-01-02"), v})
		maxV = max(maxV, v)
	}
	if len(years) > maxYears {
		for _, y := range years[:len(years)-maxYears] {
			left += len(byYear[y])
		}
		years = years[len(years)-maxYears:]
	}
	c := gecharts.NewHeatMap()
	c.SetGlobalOptions(
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	obj := axisFree(c, text)
	obj["visualMap"] = map[string]any{"min": 0, "max": max(maxV, 1), "calculable": true, "orient": "horizontal", "left": "center", "top": 52, "text": []string{text.YName, ""}}
	var cals, series []map[string]any
	for i, y := range years {
		cals = append(cals, map[string]any{"range": fmt.Sprint(y), "top": 120 + i*150, "left": 48, "right": 24, "cellSize": []any{"auto", 14}, "yearLabel": map[string]any{"show": true}})
		series = append(series, map[string]any{"type": "heatmap", "coordinateSystem": "calendar", "calendarIndex": i, "name": fmt.Sprint(y), "data": byYear[y]})
	}
	obj["calendar"] = cals
	obj["series"] = series
	obj["height"] = 140 + len(years)*150
	b, err := json.Marshal(obj)
	return b, left, err
}

// NetworkOption builds the actor network: names sized by how many events
// they are in, linked by the events they share.
func NetworkOption(nodes []agg.Node, links []agg.Link, text ChartText, opt Options) (json.RawMessage, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c := gecharts.NewGraph()
	c.SetGlobalOptions(
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	c.Validate()
	obj := c.JSON()
	obj["animation"] = false
	obj["title"] = map[string]any{"text": text.Title, "left": "center", "subtext": text.Note}
	obj["toolbox"] = toolbox(false)
	maxC := 1
	for _, n := range nodes {
		maxC = max(maxC, n.Count)
	}
	ns := make([]map[string]any, len(nodes))
	for i, n := range nodes {
		ns[i] = map[string]any{"name": drawable(n.Name), "value": n.Count, "symbolSize": 8 + 40*math.Sqrt(float64(n.Count)/float64(maxC))}
	}
	ls := make([]map[string]any, len(links))
	maxS := 1
	for _, l := range links {
		maxS = max(maxS, l.Shared)
	}
	for i, l := range links {
		ls[i] = map[string]any{"source": drawable(l.A), "target": drawable(l.B), "value": l.Shared, "lineStyle": map[string]any{"width": 1 + 5*float64(l.Shared)/float64(maxS)}}
	}
	obj["series"] = []any{map[string]any{
		// The actors on a circle, most first, each label pointing away
		// from the centre: inside the chart at any width, never on
		// another node (a force layout spreads nodes past the edges of a
		// phone's screen and puts labels on its neighbours). chart.js
		// leaves room around the circle for the longest label.
		"type": "graph", "layout": "circular", "circular": map[string]any{"rotateLabel": true}, "roam": true,
		"itemStyle":   map[string]any{"color": Palette(opt.Theme, 1)[0]},
		"label":       map[string]any{"show": true, "position": "right"},
		"labelLayout": map[string]any{"hideOverlap": true},
		"lineStyle":   map[string]any{"opacity": 0.5, "curveness": 0.2},
		"data":        ns, "links": ls, "top": 70,
	}}
	return json.Marshal(obj)
}

// toolbox is a chart's toolbox: save as an image (PNG; chart.js switches it
// to SVG for --image svg) and, where the chart has a table of numbers, read
// its data.
func toolbox(dataView bool) map[string]any {
	feature := map[string]any{"saveAsImage": map[string]any{"type": "png"}}
	if dataView {
		feature["dataView"] = map[string]any{"readOnly": true}
	}
	return map[string]any{"show": true, "right": 8, "feature": feature}
}

// axisFree returns the option of a chart without axes (calendar, map): its
// title and note, a toolbox to save it or read its data, no legend.
func axisFree(c interface {
	Validate()
	JSON() map[string]any
}, text ChartText) map[string]any {
	c.Validate()
	obj := c.JSON()
	delete(obj, "xAxis")
	delete(obj, "yAxis")
	obj["legend"] = map[string]any{"show": false}
	obj["animation"] = false
	obj["title"] = map[string]any{"text": text.Title, "left": "center", "subtext": text.Note}
	obj["toolbox"] = toolbox(true)
	return obj
}

// MapPoint is a place on the map with the events there: their count, or the
// sum of a value.
type MapPoint struct {
	Name     string
	Lat, Lon float64
	Value    float64
}

// MapOption builds a map of places sized by their value, on the world map
// embedded in the page (Natural Earth countries, no tiles, no network).
func MapOption(points []MapPoint, text ChartText, opt Options) (json.RawMessage, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c := gecharts.NewScatter()
	c.SetGlobalOptions(
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	obj := axisFree(c, text)
	geo := map[string]any{"map": "world", "roam": true, "top": 70, "bottom": 16,
		"itemStyle": map[string]any{"areaColor": "#dfe3e8", "borderColor": "#9aa0a6"},
		"emphasis":  map[string]any{"disabled": true}}
	if len(points) > 0 {
		// The map opens on the events' region, with a margin, rather than
		// on the whole world: chart.js zooms to it once it knows the
		// chart's size.
		lonlats := make([][2]float64, len(points))
		for i, p := range points {
			lonlats[i] = [2]float64{p.Lon, p.Lat}
		}
		r := mapRegion(lonlats)
		obj["timeline"] = map[string]any{"region": r[:]}
		geo["center"] = []float64{(r[0] + r[2]) / 2, (r[1] + r[3]) / 2}
	}
	obj["geo"] = geo
	maxV := 0.0
	for _, p := range points {
		maxV = max(maxV, p.Value)
	}
	size := func(v float64) float64 { return markSize(v, maxV) }
	data := make([]map[string]any, len(points))
	for i, p := range points {
		data[i] = map[string]any{"name": drawable(p.Name), "value": []float64{p.Lon, p.Lat, p.Value}, "symbolSize": size(p.Value)}
	}
	color := Palette(opt.Theme, 1)[0]
	obj["series"] = []any{map[string]any{"type": "scatter", "coordinateSystem": "geo", "name": text.YName, "data": data,
		"itemStyle": map[string]any{"color": color, "opacity": 0.75}, "encode": map[string]any{"tooltip": 2}}}
	if maxV > 0 {
		obj["graphic"] = sizeLegend(text.YName, maxV, size, color)
	}
	return json.Marshal(obj)
}

// sizeLegend draws what the sizes of the map's marks mean: circles of a
// few round values up to the largest, labelled, in the chart's lower left
// corner. chart.js colours its text for the theme.
func sizeLegend(name string, maxV float64, size func(float64) float64, color string) []any {
	values := legendValues(maxV)
	maxR := size(maxV) / 2
	children := []any{map[string]any{"type": "text", "x": 0, "y": 0, "style": map[string]any{"text": name, "fontSize": 12}}}
	x := 0.0
	for _, v := range values {
		r := size(v) / 2
		children = append(children,
			map[string]any{"type": "circle", "shape": map[string]any{"cx": x + maxR, "cy": 18 + maxR, "r": r}, "style": map[string]any{"fill": color, "opacity": 0.75}},
			map[string]any{"type": "text", "x": x + maxR, "y": 22 + 2*maxR, "style": map[string]any{"text": strconv.FormatFloat(v, 'f', -1, 64), "fontSize": 11, "align": "center"}})
		x += 2*maxR + 12
	}
	// A backing the page's colour (chart.js sets it) keeps it readable
	// over the map.
	back := map[string]any{"type": "rect", "shape": map[string]any{"x": -6, "y": -6, "width": x, "height": 40 + 2*maxR}, "style": map[string]any{"fill": "#ffffff", "opacity": 0.85}}
	children = append([]any{back}, children...)
	for _, c := range children {
		c.(map[string]any)["z"] = 50 // above the map
	}
	return []any{map[string]any{"type": "group", "id": "sizeLegend", "left": 16, "bottom": 16, "children": children}}
}

// The map's rules, which the page's panel shares (page/geo.js, tested
// against these in TestPageJSRules).

// mapRegion is the region a map of the places lonlats ([lon, lat]) opens
// on, as west, south, east, north: their extent with a margin of 15 % and
// at least 5° of longitude and 3° of latitude, within the map's ±180° and
// ±85°.
func mapRegion(lonlats [][2]float64) [4]float64 {
	w, e, s, n := lonlats[0][0], lonlats[0][0], lonlats[0][1], lonlats[0][1]
	for _, p := range lonlats {
		w, e, s, n = min(w, p[0]), max(e, p[0]), min(s, p[1]), max(n, p[1])
	}
	padLon, padLat := max((e-w)*0.15, 5), max((n-s)*0.15, 3)
	return [4]float64{max(w-padLon, -180), max(s-padLat, -85), min(e+padLon, 180), min(n+padLat, 85)}
}

// markSize is the diameter in pixels of a map mark of value v, of marks up
// to maxV: its area follows the value.
func markSize(v, maxV float64) float64 { return 6 + 30*math.Sqrt(v/max(maxV, 1)) }

// legendValues are the values the size legend shows, smallest first: round
// values of about a tenth and a half of maxV, and maxV.
func legendValues(maxV float64) []float64 {
	values := []float64{maxV}
	for _, f := range []float64{0.5, 0.1} {
		if v := roundDown(maxV * f); v > 0 && v < values[len(values)-1] {
			values = append(values, v)
		}
	}
	slices.Reverse(values)
	return values
}

// roundDown is the largest of 1, 2 and 5 times a power of ten at most v.
func roundDown(v float64) float64 {
	if v < 1 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, k := range []float64{5, 2, 1} {
		if k*p <= v {
			return k * p
		}
	}
	return p
}

// seriesColors gives each series its lane colour (LaneColors: by name, as
// on the timeline page) and the imprecise one its grey.
func seriesColors(series []agg.Series, theme string) []string {
	var names []string
	for _, s := range series {
		if !s.Imprecise {
			names = append(names, s.Name)
		}
	}
	lane := LaneColors(theme, names)
	out := make([]string, len(series))
	k := 0
	for i, s := range series {
		if s.Imprecise {
			out[i] = ImpreciseColor
			continue
		}
		out[i] = lane[k]
		k++
	}
	return out
}

func hasData(v []float64) bool {
	for _, x := range v {
		if x != 0 {
			return true
		}
	}
	return false
}

// tickKeys numbers the periods of r so that a label every k periods falls
// on a round date when its key is a multiple of k (chart.js picks k from
// round steps: years 1, 2, 5, 10 …; months 1, 2, 3, 6, 12 …): the month or
// quarter counted from year 0 (from 1 BCE back, from the year as written:
// January of n BCE is -12n), the day counted from a Monday, and a period
// of years by its first year as written (50 BCE is 50), rounded to the
// nearest multiple of the unit's years. The first years of the periods
// before 1 CE are a year off the round ones, since there is no year 0:
// the decade 11–2 BCE (the astronomical years -10 to -1) holds 10 BCE and
// is keyed 10, the century 199–100 BCE is keyed 200, the one of 99–1 BCE
// 100 and the one of 1–99 0; neighbours never share a key. It is
// ticks.js's tickKey, for the page's panel. kind names what the keys
// count: day, week, month, quarter or year.
func tickKeys(r agg.Result) (keys []int64, kind string) {
	keys = make([]int64, len(r.Starts))
	kind = "year"
	switch r.Unit {
	case agg.Day, agg.Week, agg.Month, agg.Quarter:
		kind = r.Unit.String()
	}
	n := r.Unit.Years()
	for i, s := range r.Starts {
		y := int64(s.Year())
		switch r.Unit {
		case agg.Day:
			keys[i] = s.Unix()/86400 - 4 // 1970-01-05 was a Monday
		case agg.Week:
			// Weeks since the one of 1970-01-01, as periods.js numbers them.
			d := s.Unix()/86400 + 3
			keys[i] = d / 7
			if d%7 < 0 {
				keys[i]--
			}
		case agg.Month, agg.Quarter:
			// Before 1 CE counted from the year as written, so that
			// January of 50 BCE is a multiple of 12, 24, 60 and 120.
			if y <= 0 {
				y--
			}
			if r.Unit == agg.Month {
				keys[i] = y*12 + int64(s.Month()) - 1
			} else {
				keys[i] = y*4 + (int64(s.Month())-1)/3
			}
		default:
			if y <= 0 {
				y = 1 - y
			}
			keys[i] = (y + n/2) / n * n
		}
	}
	return keys, kind
}

// objectKeys are the properties every JavaScript object has. ECharts
// caches the widths of texts in plain objects keyed by the text, so a
// label that is one of these names reads the cache's own property: a lane
// named hasOwnProperty made ECharts throw, and __proto__ wrote into
// Object.prototype, breaking every later for-in loop on the page.
var objectKeys = map[string]bool{
	"__proto__": true, "constructor": true, "hasOwnProperty": true, "isPrototypeOf": true,
	"propertyIsEnumerable": true, "toLocaleString": true, "toString": true, "valueOf": true,
	"__defineGetter__": true, "__defineSetter__": true, "__lookupGetter__": true, "__lookupSetter__": true,
}

// drawable returns a name ECharts draws as text: the name itself, or for
// one of objectKeys the name followed by an invisible word joiner (U+2060),
// which reads the same and is no object's property. page/ticks.js has the
// same rule for the names the page's script draws.
func drawable(s string) string {
	if objectKeys[s] {
		return s + "\u2060"
	}
	return s
}

func drawables(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = drawable(n)
	}
	return out
}
