package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"timeline/charts"
	"timeline/timeline"
	"timeline/timeline/agg"
)

// chartKinds are the charts timeline chart draws so far.
var chartKinds = []string{"frequency", "sum", "cumulative", "calendar", "actors", "network", "map"}

func chartCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "chart",
		Usage:     "one chart as its own page: " + strings.Join(chartKinds, ", "),
		ArgsUsage: "KIND [DATASET]",
		Description: `frequency: events per period, stacked by --by (default category)
sum: the numeric column --value summed per period, stacked by --by
cumulative: running count per --by value
calendar: events per day, one row per year (the last 50 years with events)
actors: the --top most frequent actors, stacked by category
network: the --top actors, linked by the events they share (at least --min-shared)
map: geolocated events on a world map, sized by count or by the sum of --value

An event whose date is coarser than a period (a year-only event in a monthly
chart, a range across months) is never counted in the first period it touches:
--imprecise show (default) spreads it evenly over the periods it covers as a
hatched series of its own, "date not precise to a month"; spread puts that share
into its own series; drop leaves it out and says how many.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "the file to write (- for standard output)", Required: true},
			&cli.StringFlag{Name: "format", Value: "html", Usage: "html (a page) or json (the ECharts option, to embed elsewhere)"},
			&cli.StringFlag{Name: "bin", Value: "auto", Usage: "period: auto, day, week, month, quarter, year or decade"},
			&cli.StringFlag{Name: "by", Value: "category", Usage: "the column whose values make the series"},
			&cli.StringFlag{Name: "value", Usage: "the numeric column to sum (sum, map)"},
			&cli.StringFlag{Name: "imprecise", Value: "show", Usage: "show, spread or drop events coarser than a period"},
			&cli.IntFlag{Name: "top", Value: 20, Usage: "how many actors (actors, network)"},
			&cli.IntFlag{Name: "min-shared", Value: 1, Usage: "fewest shared events that link two actors (network)"},
			&cli.StringFlag{Name: "image", Value: "png", Usage: "what the page's save button writes: png or svg (drawn as SVG)"},
			&cli.StringFlag{Name: "theme", Value: "light", Usage: "light, dark, contrast or auto"},
			&cli.StringFlag{Name: "lang", Value: "en", Usage: "en, ru, fr, de or es"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 || c.NArg() > 2 {
				return usagef("chart takes a kind (%s) and at most one dataset", strings.Join(chartKinds, ", "))
			}
			kind := c.Args().First()
			if !slices.Contains(chartKinds, kind) {
				return usagef("unknown chart %q: want %s", kind, strings.Join(chartKinds, ", "))
			}
			unit, auto, err := agg.ParseUnit(c.String("bin"))
			if err != nil {
				return usageError{err}
			}
			mode, err := agg.ParseMode(c.String("imprecise"))
			if err != nil {
				return usageError{err}
			}
			if kind == "sum" && c.String("value") == "" {
				return usagef("chart sum needs --value COLUMN")
			}
			if f := c.String("format"); f != "html" && f != "json" {
				return usagef("unknown --format %q: want html or json", f)
			}
			if c.Int("top") < 1 || c.Int("min-shared") < 1 {
				return usagef("--top and --min-shared must be 1 or more")
			}
			opt := charts.Options{Theme: c.String("theme"), Lang: c.String("lang"), Image: c.String("image")}
			if err := opt.Validate(); err != nil {
				return usageError{err}
			}
			req := chartRequest{kind: kind, unit: unit, auto: auto, mode: mode, by: c.String("by"), value: c.String("value"), top: c.Int("top"), minShared: c.Int("min-shared"), format: c.String("format"), opt: opt}
			return drawChart(c.Args().Get(1), c.String("output"), req, e)
		},
	}
}

type chartRequest struct {
	kind      string
	unit      agg.Unit
	auto      bool
	mode      agg.Mode
	by, value string
	top       int
	minShared int
	format    string
	opt       charts.Options
}

// drawChart reads the dataset as a stream, keeping a tally of events by
// span and series rather than the events, and writes the chart.
func drawChart(arg, output string, req chartRequest, e *env) error {
	src, err := resolveSource(arg, e)
	if err != nil {
		return err
	}
	r, err := src.open()
	if err != nil {
		return err
	}
	defer r.Close()
	// A chart reads the dataset without validating it; the Scanner keeps
	// only the ids that relative dates refer to, not a million of them.
	s := timeline.NewScanner(r, src.name)
	s.Lean = true
	h, err := s.ReadHeader()
	if err != nil {
		return fmt.Errorf("%s: no usable header: run 'timeline validate %s'", src.name, src.arg)
	}
	byCol, valCol := h.IndexOf(req.by), -1
	if req.kind == "calendar" {
		byCol = h.Index(timeline.ColID)
	}
	if req.kind != "actors" && req.kind != "network" && req.kind != "map" && byCol < 0 {
		return usagef("%s has no column %q for --by", src.name, req.by)
	}
	if req.kind == "sum" || (req.kind == "map" && req.value != "") {
		if valCol = h.IndexOf(req.value); valCol < 0 {
			return usagef("%s has no column %q for --value", src.name, req.value)
		}
	}
	multi := req.by == "actors" || req.by == "tags" || req.by == "sources"
	var tally agg.Tally
	names := map[string]int{}
	var order []string
	lastName, lastIndex := "\x00", 0
	index := func(name string) int {
		if name == "" {
			name = "—"
		}
		if name == lastName {
			return lastIndex
		}
		i, ok := names[name]
		defer func() { lastName, lastIndex = name, i }()
		if !ok {
			i = len(order)
			names[strings.Clone(name)] = i
			order = append(order, strings.Clone(name))
		}
		return i
	}
	actorCounts := map[string]map[int]float64{}
	var network agg.Network
	places := map[[2]int64]*charts.MapPoint{}
	var placeOrder [][2]int64
	unplaced := 0
	skipped, noValue, open := 0, 0, 0
	var one [1]string // the group of a single-valued column, without allocating
	err = s.Scan(func(row *timeline.Row) {
		if row.Errors > 0 || row.Start.IsZero() {
			skipped++
			return
		}
		if row.Get(timeline.ColKind) == timeline.KindEra {
			return
		}
		if req.kind == "map" {
			ev := row.Event()
			lat, lon, ok := ev.Coordinates()
			if !ok {
				unplaced++
				return
			}
			w := 1.0
			if valCol >= 0 {
				v, ok := number(row.Fields[valCol])
				if !ok {
					noValue++
					return
				}
				w = v
			}
			// Events at the same place, to 0.01°, make one mark.
			key := [2]int64{int64(math.Round(lat * 100)), int64(math.Round(lon * 100))}
			p := places[key]
			if p == nil {
				name := strings.Clone(cmp.Or(ev.Location, ev.Country, fmt.Sprintf("%.2f, %.2f", lat, lon)))
				p = &charts.MapPoint{Name: name, Lat: lat, Lon: lon}
				places[key] = p
				placeOrder = append(placeOrder, key)
			}
			p.Value += w
			return
		}
		if req.kind == "network" {
			network.Add(timeline.SplitList(row.Get(timeline.ColActors)))
			return
		}
		if req.kind == "actors" {
			cat := index(row.Get(timeline.ColCategory))
			for _, a := range timeline.SplitList(row.Get(timeline.ColActors)) {
				m := actorCounts[a]
				if m == nil {
					m = map[int]float64{}
					actorCounts[strings.Clone(a)] = m // not a slice of the input block
				}
				m[cat]++
			}
			return
		}
		weight := 1.0
		if valCol >= 0 {
			v, ok := number(row.Fields[valCol])
			if !ok {
				noValue++
				return
			}
			weight = v
		}
		if row.Start.LowerOpen() || row.Start.UpperOpen() || row.End.UpperOpen() || row.End.Ongoing() {
			open++ // an unknown or open end leaves no span to spread over
			return
		}
		lo, hi := timeline.Span(row.Start, row.End)
		one[0] = row.Fields[byCol]
		groups := one[:]
		if req.kind == "calendar" {
			one[0] = "events"
		} else if multi {
			if groups = timeline.SplitList(row.Fields[byCol]); len(groups) == 0 {
				groups = []string{""}
			}
		}
		for _, g := range groups {
			tally.Add(agg.NewItem(lo, hi, index(g), weight))
		}
	})
	if err != io.EOF && !errors.Is(err, timeline.ErrNoHeader) {
		return err
	}
	var option []byte
	var title string
	if req.kind == "map" {
		points := make([]charts.MapPoint, len(placeOrder))
		for i, k := range placeOrder {
			points[i] = *places[k]
		}
		title = charts.Say(req.opt.Lang, "map", 0)
		var notes []string
		if unplaced > 0 {
			notes = append(notes, charts.Say(req.opt.Lang, "unplaced", unplaced))
		}
		if noValue > 0 {
			notes = append(notes, charts.Say(req.opt.Lang, "novalue", noValue, "value", req.value))
		}
		yname := charts.Say(req.opt.Lang, "events", 0)
		if req.value != "" {
			yname = req.value
		}
		option, err = charts.MapOption(points, charts.ChartText{Title: title, YName: yname, Note: strings.Join(notes, "; ")}, req.opt)
	} else {
		option, title, err = chartOption(req, tally.Items(), order, actorCounts, &network, open, noValue)
	}
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if req.format == "json" {
		out.Write(option)
		out.WriteByte('\n')
	} else if err := charts.RenderChart(&out, title, option, req.opt); err != nil {
		return err
	}
	if output == "-" {
		_, err = e.stdout.Write(out.Bytes())
		return err
	}
	if err := writeFileAtomic(output, out.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "timeline: wrote %s (%d bytes)\n", output, out.Len())
	if skipped > 0 {
		fmt.Fprintf(e.stderr, "timeline: %s left out of the chart for errors; run 'timeline validate %s'\n", plural(skipped, "row"), src.arg)
	}
	return nil
}

func chartOption(req chartRequest, items []agg.Item, order []string, actorCounts map[string]map[int]float64, network *agg.Network, open, noValue int) ([]byte, string, error) {
	switch req.kind {
	case "network":
		nodes, links := network.Graph(req.top, req.minShared)
		title := charts.Say(req.opt.Lang, "network", len(nodes))
		note := charts.Say(req.opt.Lang, "links", req.minShared)
		o, err := charts.NetworkOption(nodes, links, charts.ChartText{Title: title, Note: note}, req.opt)
		return o, title, err
	case "calendar":
		// A calendar shows days: an event less precise than a day is
		// spread over its days with --imprecise spread, otherwise left out
		// and counted.
		mode := agg.Drop
		if req.mode == agg.Spread {
			mode = agg.Spread
		}
		r := agg.Bin(items, order, agg.Day, mode)
		note := ""
		if r.Dropped > 0 {
			note = charts.Say(req.opt.Lang, "cal_dropped", r.Dropped)
		} else if r.Coarse > 0 {
			note = charts.Say(req.opt.Lang, "cal_spread", r.Coarse)
		}
		title := charts.Say(req.opt.Lang, "calendar", 0)
		events := charts.Say(req.opt.Lang, "events", 0)
		o, left, err := charts.CalendarOption(r, charts.ChartText{Title: title, YName: events, Note: note}, 50, req.opt)
		if left > 0 && err == nil {
			note = strings.TrimPrefix(note+"; "+charts.Say(req.opt.Lang, "cal_left", left), "; ")
			o, _, err = charts.CalendarOption(r, charts.ChartText{Title: title, YName: events, Note: note}, 50, req.opt)
		}
		return o, title, err
	}
	if req.kind == "actors" {
		type actor struct {
			name  string
			total float64
		}
		var all []actor
		for a, m := range actorCounts {
			t := 0.0
			for _, v := range m {
				t += v
			}
			all = append(all, actor{a, t})
		}
		slices.SortFunc(all, func(a, b actor) int {
			if c := cmp.Compare(b.total, a.total); c != 0 {
				return c
			}
			return cmp.Compare(a.name, b.name)
		})
		all = all[:min(len(all), req.top)]
		names := make([]string, len(all))
		series := make([]agg.Series, len(order))
		for i, c := range order {
			series[i] = agg.Series{Name: c, Values: make([]float64, len(all))}
		}
		for k, a := range all {
			names[k] = a.name
			for cat, v := range actorCounts[a.name] {
				series[cat].Values[k] = v
			}
		}
		sortSeries(series)
		title := charts.Say(req.opt.Lang, "actors", len(all))
		o, err := charts.CountOption(names, series, charts.ChartText{Title: title, XName: charts.Say(req.opt.Lang, "events", 0), YName: charts.Say(req.opt.Lang, "actor", 0)}, req.opt)
		return o, title, err
	}
	unit := req.unit
	if req.auto {
		lo, hi := agg.Span(items)
		unit = agg.AutoUnit(lo, hi, 120)
	}
	r := agg.Bin(items, order, unit, req.mode)
	sortSeries(r.Series)
	lang, uname := req.opt.Lang, charts.UnitName(req.opt.Lang, unit.String())
	for i := range r.Series {
		if r.Series[i].Imprecise {
			r.Series[i].Name = charts.ImpreciseName(lang, unit.String())
		}
	}
	text := charts.ChartText{XName: uname, YName: charts.Say(lang, "events", 0)}
	switch req.kind {
	case "frequency":
		text.Title = charts.Say(lang, "frequency", 0, "unit", uname, "by", req.by)
	case "sum":
		text.Title = charts.Say(lang, "sum", 0, "value", req.value, "unit", uname, "by", req.by)
		text.YName = req.value
	case "cumulative":
		text.Title = charts.Say(lang, "cumulative", 0, "by", req.by)
		r = r.Cumulative()
	}
	var notes []string
	if r.Dropped > 0 {
		notes = append(notes, charts.Say(lang, "dropped", r.Dropped, "unit", uname))
	} else if r.Coarse > 0 && req.mode == agg.Spread {
		notes = append(notes, charts.Say(lang, "spread", r.Coarse, "unit", uname))
	}
	if noValue > 0 {
		notes = append(notes, charts.Say(lang, "novalue", noValue, "value", req.value))
	}
	if open > 0 {
		notes = append(notes, charts.Say(lang, "open", open))
	}
	text.Note = strings.Join(notes, "; ")
	o, err := charts.PeriodOption(r, text, req.kind == "cumulative", req.opt)
	return o, text.Title, err
}

// number reads a cell of the value column; blank and non-numeric cells are
// not numbers.
func number(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v, err == nil
}

// sortSeries orders series by name, keeping the imprecise one last, so that
// the output does not depend on the order of the rows.
func sortSeries(s []agg.Series) {
	slices.SortStableFunc(s, func(a, b agg.Series) int {
		if a.Imprecise != b.Imprecise {
			if a.Imprecise {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Name, b.Name)
	})
}
