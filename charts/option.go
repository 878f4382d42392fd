package charts

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"timeline/timeline/edtf"
)

// chartOption builds the timeline's ECharts option with go-echarts and
// returns it as JSON. The option is pure data: the page script attaches the
// functions (renderItem, formatters) by series id after parsing it.
func chartOption(meta Meta, events []Event, lanes []string, first, last int64, opt Options, tr map[string]string) (json.RawMessage, error) {
	c := gecharts.NewCustom()
	c.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: "timeline-chart"}),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		gecharts.WithDataZoomOpts(
			opts.DataZoom{Type: "inside", XAxisIndex: []int{0}, Start: 0, End: 100},
			opts.DataZoom{Type: "slider", XAxisIndex: []int{0}, Start: 0, End: 100},
		),
		// A value axis of Unix milliseconds, labelled by the page's
		// axisTicks: a time axis is ECharts' Date, which ends 275,000
		// years from 1970.
		gecharts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "category", Data: drawables(lanes)}),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: ariaDescription(meta, events, lanes, first, last, opt.Lang, tr)}}),
	)
	c.AddSeries("eras", nil)
	c.AddSeries("events", nil)
	c.Validate()
	obj := c.JSON()
	// What go-echarts does not model: top-level useUTC, so that dates never
	// move with the viewer's time zone; series ids for the script; the grid.
	obj["useUTC"] = true
	obj["animation"] = false
	obj["grid"] = map[string]any{"left": 8, "right": 24, "top": 16, "bottom": 64, "containLabel": true}
	delete(obj, "toolbox")
	delete(obj, "title")
	// The series are filled by the page script from the event columns.
	names := []string{"eras", "events"}
	out := make([]map[string]any, len(names))
	for i, name := range names {
		m := map[string]any{"type": types.ChartCustom, "id": name, "name": name, "data": []any{}, "clip": true}
		if name == "events" {
			m["encode"] = map[string]any{"x": []int{0, 1}, "y": 2}
			m["labelLayout"] = map[string]any{"hideOverlap": true}
			m["progressive"] = 4000
		} else {
			m["encode"] = map[string]any{"x": []int{0, 1}}
			m["silent"] = false
			m["labelLayout"] = map[string]any{"hideOverlap": true}
			m["z"] = 0
		}
		out[i] = m
	}
	obj["series"] = out
	return json.Marshal(obj)
}

// ariaDescription summarises the chart for screen readers.
func ariaDescription(meta Meta, events []Event, lanes []string, first, last int64, lang string, tr map[string]string) string {
	if len(events) == 0 {
		return tr["aria_empty"]
	}
	// first and last are Unix minutes (Event.Lower, Upper).
	from := int64(time.Unix(first*60, 0).UTC().Year())
	to := int64(time.Unix(last*60-1, 0).UTC().Year())
	r := strings.NewReplacer("{n}", fmt.Sprint(len(events)), "{from}", edtf.FormatYear(from, lang), "{to}", edtf.FormatYear(to, lang), "{lanes}", strings.Join(lanes, ", "))
	aria, _ := plural(tr, lang, "aria", len(events))
	return r.Replace(aria)
}
