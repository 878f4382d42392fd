package charts

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

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
	obj["toolbox"] = map[string]any{"show": true, "right": 8, "feature": map[string]any{
		"saveAsImage": map[string]any{"type": "png"},
		"dataView":    map[string]any{"readOnly": true},
	}}
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
	obj["toolbox"] = map[string]any{"show": true, "right": 8, "feature": map[string]any{"saveAsImage": map[string]any{"type": "png"}, "dataView": map[string]any{"readOnly": true}}}
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
	locale := ""
	if opt.Lang != "en" {
		b, err := localeFS.ReadFile("assets/echarts/lang" + strings.ToUpper(opt.Lang) + ".js")
		if err != nil {
			return err
		}
		locale = string(b)
	}
	var data bytes.Buffer
	if err := json.NewEncoder(&data).Encode(map[string]any{"lang": opt.Lang, "option": option}); err != nil {
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
	_, err := w.Write(out.Bytes())
	return err
}

const chartCSS = `:root{--bg:#fff;--fg:#1d1d1f;--muted:#5f6368}
[data-theme=dark]{--bg:#15171a;--fg:#e8eaed;--muted:#a8adb4}
[data-theme=contrast]{--bg:#000;--fg:#fff;--muted:#fff}
@media (prefers-color-scheme:dark){[data-theme=auto]{--bg:#15171a;--fg:#e8eaed;--muted:#a8adb4}}
html,body{margin:0;height:100%;background:var(--bg);color:var(--fg);font:15px system-ui,sans-serif}
#tlChart{width:100%;height:100vh;min-height:320px}`
