package charts

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"

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
	series := make([]map[string]any, len(r.Series))
	for i, s := range r.Series {
		m := map[string]any{"name": s.Name, "data": s.Values}
		if lines {
			m["type"] = "line"
			m["showSymbol"] = false
		} else {
			m["type"] = "bar"
			m["stack"] = "events"
		}
		if s.Imprecise {
			m["itemStyle"] = map[string]any{"color": "#9aa0a6", "opacity": 0.55,
				"decal": map[string]any{"symbol": "rect", "dashArrayX": []int{1, 0}, "dashArrayY": []int{2, 5}, "rotation": 0.785}}
			m["lineStyle"] = map[string]any{"type": "dashed"}
		}
		series[i] = m
	}
	obj["series"] = series
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
	obj["grid"] = map[string]any{"left": 16, "right": 32, "top": 80, "bottom": 24, "containLabel": true}
	obj["toolbox"] = toolbox(true)
	obj["yAxis"] = []any{map[string]any{"type": "category", "data": names, "name": text.YName, "inverse": true}}
	out := make([]map[string]any, len(series))
	for i, s := range series {
		out[i] = map[string]any{"name": s.Name, "type": "bar", "stack": "events", "data": s.Values}
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
	script, _ := chartFS.ReadFile("chart.js")
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

// CalendarOption builds a day-by-day heatmap, one row per year, of a daily
// aggregate (one series, unit agg.Day). Years before 1 CE cannot be drawn on
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
		if y < 1 {
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
		ns[i] = map[string]any{"name": n.Name, "value": n.Count, "symbolSize": 8 + 40*math.Sqrt(float64(n.Count)/float64(maxC))}
	}
	ls := make([]map[string]any, len(links))
	maxS := 1
	for _, l := range links {
		maxS = max(maxS, l.Shared)
	}
	for i, l := range links {
		ls[i] = map[string]any{"source": l.A, "target": l.B, "value": l.Shared, "lineStyle": map[string]any{"width": 1 + 5*float64(l.Shared)/float64(maxS)}}
	}
	obj["series"] = []any{map[string]any{
		"type": "graph", "layout": "force", "roam": true, "draggable": true,
		"force":       map[string]any{"repulsion": 180, "edgeLength": []int{40, 160}, "layoutAnimation": false},
		"label":       map[string]any{"show": true, "position": "right"},
		"labelLayout": map[string]any{"hideOverlap": true},
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
	obj["geo"] = map[string]any{"map": "world", "roam": true, "top": 70, "bottom": 16,
		"itemStyle": map[string]any{"areaColor": "#dfe3e8", "borderColor": "#9aa0a6"},
		"emphasis":  map[string]any{"disabled": true}}
	maxV := 1.0
	for _, p := range points {
		maxV = max(maxV, p.Value)
	}
	data := make([]map[string]any, len(points))
	for i, p := range points {
		data[i] = map[string]any{"name": p.Name, "value": []float64{p.Lon, p.Lat, p.Value}, "symbolSize": 6 + 30*math.Sqrt(p.Value/maxV)}
	}
	obj["series"] = []any{map[string]any{"type": "scatter", "coordinateSystem": "geo", "name": text.YName, "data": data,
		"itemStyle": map[string]any{"color": "#d62728", "opacity": 0.75}, "encode": map[string]any{"tooltip": 2}}}
	return json.Marshal(obj)
}
