package main

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"timeline/charts"
	"timeline/timeline"
)

func chartCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "chart",
		Usage:     "one chart as its own page: " + strings.Join(charts.Kinds, ", "),
		ArgsUsage: "KIND [DATASET] -o FILE",
		Description: `frequency: events per period, stacked by --by (default category)
sum: the numeric column --value summed per period, stacked by --by
cumulative: running count per --by value
calendar: events per day, one row per year (the last 50 years with events)
actors: the --top most frequent actors, stacked by category
network: the --top actors, linked by the events they share (at least --min-shared)
map: geolocated events on a world map, sized by count or by the sum of --value

--bin auto chooses the finest period that makes at most 120 bars and at most
two bars an event (so 20 events over 22 years are counted by year), going past
decades to centuries, millennia and powers of ten years for deep time. A period
that would make more than 20,000 bars is refused, naming one that fits.

An event whose date is coarser than a period (a year-only event in a monthly
chart, a range across months) is never counted in the first period it touches:
--imprecise show (default) spreads it evenly over the periods it covers as a
hatched series of its own, "date not precise to a month"; spread puts that share
into its own series; drop leaves it out and says how many.

Rows with errors are left out; the chart is written, how many rows were left
out is said, and the exit status is 1 (see timeline validate).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "the file to write (- for standard output; required)"},
			&cli.StringFlag{Name: "format", Value: "html", Usage: "html (a page) or json (the ECharts option, to embed elsewhere)"},
			&cli.StringFlag{Name: "bin", Value: "auto", Usage: "period: auto, day, week, month, quarter, year, decade, century or millennium"},
			&cli.StringFlag{Name: "by", Value: "category", Usage: "the column whose values make the series (frequency, sum, cumulative)"},
			&cli.StringFlag{Name: "value", Usage: "the numeric column to sum (sum, map)"},
			&cli.StringFlag{Name: "imprecise", Value: "show", Usage: "show, spread or drop events coarser than a period"},
			&cli.IntFlag{Name: "top", Value: charts.TopActors, Usage: "how many actors (actors, network)"},
			&cli.IntFlag{Name: "min-shared", Value: 1, Usage: "fewest shared events that link two actors (network)"},
			&cli.StringFlag{Name: "image", Value: "png", Usage: "what the page's save button writes: png or svg (drawn as SVG)"},
			&cli.StringFlag{Name: "theme", Value: "light", Usage: "light, dark, contrast or auto"},
			&cli.StringFlag{Name: "lang", Value: "en", Usage: "en, ru, fr, de or es"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 {
				return usagef("KIND is required: want %s", orList(charts.Kinds))
			}
			if c.NArg() > 2 {
				return usagef("takes a kind and at most one dataset, got %d arguments", c.NArg())
			}
			o := chartOptions{
				dataset: c.Args().Get(1),
				output:  c.String("output"),
				format:  c.String("format"),
				req: charts.Request{
					Kind: c.Args().First(), Bin: c.String("bin"), Imprecise: c.String("imprecise"),
					Value: c.String("value"), Top: c.Int("top"), MinShared: c.Int("min-shared"),
					Options: charts.Options{Theme: c.String("theme"), Lang: c.String("lang"), Image: c.String("image")},
				},
			}
			if c.IsSet("by") {
				o.req.By = c.String("by")
			}
			if !slices.Contains(charts.Kinds, o.req.Kind) {
				msg := fmt.Sprintf("unknown chart %q", o.req.Kind)
				if s := suggest(o.req.Kind, charts.Kinds); s != "" {
					return usagef("%s; did you mean %q?", msg, s)
				}
				return usagef("%s: want %s", msg, orList(charts.Kinds))
			}
			if o.output == "" {
				return usagef("-o FILE is required (- for standard output)")
			}
			if o.format != "html" && o.format != "json" {
				return usagef("unknown --format %q: want html or json", o.format)
			}
			if err := o.req.Validate(); err != nil {
				return optionError(err)
			}
			return drawChart(o, e)
		},
	}
}

// chartOptions are the flags and arguments of timeline chart.
type chartOptions struct {
	dataset, output, format string
	req                     charts.Request
}

// drawChart builds the chart from the dataset and writes it.
func drawChart(o chartOptions, e *env) error {
	src, err := resolveSource(o.dataset, e)
	if err != nil {
		return err
	}
	r, err := src.open()
	if err != nil {
		return err
	}
	defer r.Close()
	res, err := charts.Build(r, src.name, o.req)
	if errors.Is(err, timeline.ErrNoHeader) {
		return noHeader(src)
	}
	if err := noUsableRows(src, res.Rows, res.LeftOut, res.Counts, e); err != nil {
		return err
	}
	if errors.Is(err, charts.ErrOption) {
		return optionError(err)
	}
	if errors.Is(err, charts.ErrNothingToChart) {
		fmt.Fprintf(e.stderr, "timeline: %v\n", err)
		if err := rowsLeftOut(src, res.LeftOut, res.Counts, e); err != nil {
			return err
		}
		return silentError{1}
	}
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if o.format == "json" {
		out.Write(res.Option)
		out.WriteByte('\n')
	} else if err := charts.RenderChart(&out, res.Title, res.Option, o.req.Options); err != nil {
		return err
	}
	if err := writeResult(o.output, out.Bytes(), e); err != nil {
		return err
	}
	if o.output != "-" {
		fmt.Fprintf(e.stderr, "timeline: wrote %s (%d bytes)\n", o.output, out.Len())
	}
	return rowsLeftOut(src, res.LeftOut, res.Counts, e)
}
