package charts

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"timeline/timeline"
	"timeline/timeline/agg"
)

// Kinds are the charts Build draws.
var Kinds = []string{"frequency", "sum", "cumulative", "calendar", "actors", "network", "map"}

// ErrNothingToChart is wrapped by the error of Build when the dataset has
// rows without errors but none of them can be drawn in the chart asked for:
// no usable date, no number in the --value column, no actors, no
// coordinates.
var ErrNothingToChart = errors.New("nothing to chart")

// Request says which chart Build draws and how. Its zero values are the
// defaults of timeline chart.
type Request struct {
	Kind string // one of Kinds
	// Bin is the period: auto (default, see agg.AutoUnitFor) or a unit
	// name of agg.ParseUnit (day … decade, century, millennium, …).
	Bin string
	// Imprecise is what to do with an event coarser than a period: show
	// (default), spread or drop; see agg.Mode.
	Imprecise string
	// By is the column whose values make the series of frequency, sum and
	// cumulative (default category); the other kinds take none.
	By string
	// Value is the numeric column summed by sum (required) and map.
	Value string
	// Top is how many actors actors and network show; MinShared the fewest
	// shared events that link two actors in network. Both must be 1 or
	// more for the kinds that use them (timeline chart: 20 and 1).
	Top, MinShared int
	Options        Options

	unit  agg.Unit
	auto  bool
	mode  agg.Mode
	multi bool
}

// Validate fills in defaults and checks the request without reading any
// data. Its errors wrap ErrOption.
func (q *Request) Validate() error {
	if !slices.Contains(Kinds, q.Kind) {
		return fmt.Errorf("%w: unknown chart %q: want %s", ErrOption, q.Kind, strings.Join(Kinds, ", "))
	}
	var err error
	if q.unit, q.auto, err = agg.ParseUnit(q.Bin); err != nil {
		return fmt.Errorf("%w: %v", ErrOption, err)
	}
	if q.mode, err = agg.ParseMode(q.Imprecise); err != nil {
		return fmt.Errorf("%w: %v", ErrOption, err)
	}
	period := q.Kind == "frequency" || q.Kind == "sum" || q.Kind == "cumulative"
	switch {
	case period && q.By == "":
		q.By = "category"
	case !period && q.By != "":
		return fmt.Errorf("%w: chart %s does not take --by (only frequency, sum and cumulative do)", ErrOption, q.Kind)
	}
	if q.Kind == "sum" && q.Value == "" {
		return fmt.Errorf("%w: chart sum needs --value COLUMN", ErrOption)
	}
	if q.Value != "" && q.Kind != "sum" && q.Kind != "map" {
		return fmt.Errorf("%w: chart %s does not take --value (only sum and map do)", ErrOption, q.Kind)
	}
	if (q.Kind == "actors" || q.Kind == "network") && (q.Top < 1 || q.Kind == "network" && q.MinShared < 1) {
		return fmt.Errorf("%w: --top and --min-shared must be 1 or more", ErrOption)
	}
	q.multi = q.By == "actors" || q.By == "tags" || q.By == "sources"
	return q.Options.Validate()
}

// Result is a chart built by Build.
type Result struct {
	Title  string
	Option json.RawMessage // the ECharts option, pure data
	// Rows is the number of data rows read, LeftOut how many of them were
	// left out for errors (see timeline validate); Counts tallies the
	// diagnostics.
	Rows, LeftOut int
	Counts        timeline.Counts
}

// Build reads the events table r (named name in diagnostics) as a stream,
// validating every row, and draws the chart q asks for from the rows
// without errors. It keeps a tally of events by span and series, not the
// events. Rows and LeftOut are set even when the error is not nil, so that a
// caller can tell a dataset with no usable row. The error wraps
// timeline.ErrNoHeader for input without a header, ErrOption for a column
// the header lacks, and ErrNothingToChart when rows without errors exist but
// none can be drawn.
func Build(r io.Reader, name string, q Request) (Result, error) {
	if err := q.Validate(); err != nil {
		return Result{}, err
	}
	s := timeline.NewScanner(r, name)
	h, err := s.ReadHeader()
	if err != nil {
		return Result{Counts: s.Counts()}, err
	}
	b := &builder{q: q, byCol: -1, valCol: -1, names: map[string]int{}, lastName: "\x00",
		actorCounts: map[string]map[int]float64{}, places: map[[2]int64]*MapPoint{}}
	if q.By != "" {
		// A canonical column the file lacks is blank in every row.
		if _, canonical := timeline.ColumnByName(q.By); canonical {
			b.byCol = h.IndexOf(q.By)
		} else if b.byCol = h.IndexOf(q.By); b.byCol < 0 {
			return Result{Counts: s.Counts()}, fmt.Errorf("%w: %s has no column %q for --by", ErrOption, name, q.By)
		}
	}
	if q.Value != "" {
		if b.valCol = h.IndexOf(q.Value); b.valCol < 0 {
			return Result{Counts: s.Counts()}, fmt.Errorf("%w: %s has no column %q for --value", ErrOption, name, q.Value)
		}
	}
	err = s.Scan(b.add)
	// Rows the Scanner could not read as records (a wrong number of
	// fields) are not passed to add at all: count what was used.
	res := Result{Rows: s.Rows(), LeftOut: s.Rows() - b.used, Counts: s.Counts()}
	if err != io.EOF {
		return res, err
	}
	if b.events == 0 {
		if res.Rows > res.LeftOut && res.Rows > 0 {
			return res, fmt.Errorf("%s: %w: no events, only eras", name, ErrNothingToChart)
		}
		// A header-only dataset, or one whose every row has errors (the
		// caller says so): an empty chart.
	} else if err := b.drawable(name); err != nil {
		return res, err
	}
	if q.Kind == "map" {
		res.Option, res.Title, err = b.mapOption()
	} else {
		res.Option, res.Title, err = b.option()
	}
	return res, err
}

// builder is the state of one Build: the tallies of the rows read so far.
type builder struct {
	q             Request
	byCol, valCol int

	tally              agg.Tally
	names              map[string]int // series name → index in order
	order              []string
	lastName           string
	lastIndex          int
	actorCounts        map[string]map[int]float64 // actor → category → events
	network            agg.Network
	places             map[[2]int64]*MapPoint
	placeOrder         [][2]int64
	one                [1]string // the group of a single-valued column, without allocating
	events             int       // rows without errors that are events, not eras
	used               int       // rows without errors
	noValue, open      int       // events without a number; with an open end
	unplaced, noActors int       // events without coordinates; without actors
}

// index returns the series number of a name, adding it the first time.
func (b *builder) index(name string) int {
	if name == "" {
		name = "—"
	}
	if name == b.lastName {
		return b.lastIndex
	}
	i, ok := b.names[name]
	if !ok {
		i = len(b.order)
		b.names[strings.Clone(name)] = i // not a slice of the input block
		b.order = append(b.order, strings.Clone(name))
	}
	b.lastName, b.lastIndex = b.order[i], i
	return i
}

func (b *builder) add(row *timeline.Row) {
	if row.Errors > 0 || row.Start.IsZero() {
		return
	}
	b.used++
	if row.Get(timeline.ColKind) == timeline.KindEra {
		return
	}
	b.events++
	switch b.q.Kind {
	case "map":
		b.addPlace(row)
		return
	case "network":
		actors := timeline.SplitList(row.Get(timeline.ColActors))
		if len(actors) == 0 {
			b.noActors++
		}
		b.network.Add(actors)
		return
	case "actors":
		actors := timeline.SplitList(row.Get(timeline.ColActors))
		if len(actors) == 0 {
			b.noActors++
			return
		}
		cat := b.index(row.Get(timeline.ColCategory))
		for _, a := range actors {
			m := b.actorCounts[a]
			if m == nil {
				m = map[int]float64{}
				b.actorCounts[strings.Clone(a)] = m
			}
			m[cat]++
		}
		return
	}
	weight := 1.0
	if b.valCol >= 0 {
		v, ok := number(row.Fields[b.valCol])
		if !ok {
			b.noValue++
			return
		}
		weight = v
	}
	if row.Start.LowerOpen() || row.Start.UpperOpen() || row.End.UpperOpen() || row.End.Ongoing() {
		b.open++ // an unknown or open end leaves no span to spread over
		return
	}
	lo, hi := timeline.Span(row.Start, row.End)
	groups := b.one[:]
	switch {
	case b.q.Kind == "calendar":
		b.one[0] = "events"
	case b.byCol < 0:
		b.one[0] = ""
	case b.q.multi:
		if groups = timeline.SplitList(row.Fields[b.byCol]); len(groups) == 0 {
			groups = []string{""}
		}
	default:
		b.one[0] = row.Fields[b.byCol]
	}
	for _, g := range groups {
		b.tally.Add(agg.NewItem(lo, hi, b.index(g), weight))
	}
}

func (b *builder) addPlace(row *timeline.Row) {
	ev := row.Event()
	lat, lon, ok := ev.Coordinates()
	if !ok {
		b.unplaced++
		return
	}
	w := 1.0
	if b.valCol >= 0 {
		v, ok := number(row.Fields[b.valCol])
		if !ok {
			b.noValue++
			return
		}
		w = v
	}
	// Events at the same place, to 0.01°, make one mark.
	key := [2]int64{int64(math.Round(lat * 100)), int64(math.Round(lon * 100))}
	p := b.places[key]
	if p == nil {
		name := strings.Clone(cmp.Or(ev.Location, ev.Country, fmt.Sprintf("%.2f, %.2f", lat, lon)))
		p = &MapPoint{Name: name, Lat: lat, Lon: lon}
		b.places[key] = p
		b.placeOrder = append(b.placeOrder, key)
	}
	p.Value += w
}

// drawable says why a chart of at least one event would be empty.
func (b *builder) drawable(name string) error {
	nothing := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", name, ErrNothingToChart, fmt.Sprintf(format, args...))
	}
	q := b.q
	switch q.Kind {
	case "map":
		if b.unplaced == b.events {
			return nothing("no event has coordinates (latitude and longitude)")
		}
		if b.valCol >= 0 && len(b.placeOrder) == 0 {
			return nothing("no event with coordinates has a number in column %q", q.Value)
		}
	case "actors", "network":
		if b.noActors == b.events {
			return nothing("no event has actors")
		}
	default:
		if b.valCol >= 0 && b.noValue == b.events {
			return nothing("column %q has no numbers", q.Value)
		}
		if len(b.tally.Items()) == 0 {
			return nothing("no event has a usable date (%d with an open or unknown start or end)", b.open)
		}
	}
	return nil
}

func (b *builder) mapOption() (json.RawMessage, string, error) {
	q, lang := b.q, b.q.Options.Lang
	points := make([]MapPoint, len(b.placeOrder))
	for i, k := range b.placeOrder {
		points[i] = *b.places[k]
	}
	title := Say(lang, "map", 0)
	var notes []string
	if b.unplaced > 0 {
		notes = append(notes, Say(lang, "unplaced", b.unplaced))
	}
	if b.noValue > 0 {
		notes = append(notes, Say(lang, "novalue", b.noValue, "value", q.Value))
	}
	yname := Say(lang, "events", 0)
	if q.Value != "" {
		yname = q.Value
	}
	o, err := MapOption(points, ChartText{Title: title, YName: yname, Note: strings.Join(notes, "; ")}, q.Options)
	return o, title, err
}

func (b *builder) option() (json.RawMessage, string, error) {
	q, lang := b.q, b.q.Options.Lang
	items := b.tally.Items()
	switch q.Kind {
	case "network":
		nodes, links := b.network.Graph(q.Top, q.MinShared)
		title := Say(lang, "network", len(nodes))
		note := Say(lang, "links", q.MinShared)
		o, err := NetworkOption(nodes, links, ChartText{Title: title, Note: note}, q.Options)
		return o, title, err
	case "calendar":
		// A calendar shows days: an event less precise than a day is
		// spread over its days with --imprecise spread, otherwise left out
		// and counted.
		mode := agg.Drop
		if q.mode == agg.Spread {
			mode = agg.Spread
		}
		// Only the years drawn are binned, however far apart the days.
		lo, hi, outside := agg.CalendarWindow(items, mode, calendarYears)
		r := agg.BinWithin(items, b.order, agg.Day, mode, lo, hi)
		note := ""
		if r.Dropped > 0 {
			note = Say(lang, "cal_dropped", r.Dropped)
		} else if r.Coarse > 0 {
			note = Say(lang, "cal_spread", r.Coarse)
		}
		title := Say(lang, "calendar", 0)
		events := Say(lang, "events", 0)
		o, left, err := CalendarOption(r, ChartText{Title: title, YName: events, Note: note}, calendarYears, q.Options)
		left += int(outside)
		if left > 0 && err == nil {
			note = strings.TrimPrefix(note+"; "+Say(lang, "cal_left", left), "; ")
			o, _, err = CalendarOption(r, ChartText{Title: title, YName: events, Note: note}, calendarYears, q.Options)
		}
		return o, title, err
	case "actors":
		return b.actorsOption()
	}
	unit, err := b.unit(items)
	if err != nil {
		return nil, "", err
	}
	r := agg.Bin(items, b.order, unit, q.mode)
	r.Relabel(lang)
	sortSeries(r.Series)
	uname := UnitName(lang, unit.String())
	for i := range r.Series {
		if r.Series[i].Imprecise {
			r.Series[i].Name = ImpreciseName(lang, unit.String())
		}
	}
	text := ChartText{XName: uname, YName: Say(lang, "events", 0)}
	switch q.Kind {
	case "frequency":
		text.Title = Say(lang, "frequency", 0, "unit", uname, "by", q.By)
	case "sum":
		text.Title = Say(lang, "sum", 0, "value", q.Value, "unit", uname, "by", q.By)
		text.YName = q.Value
	case "cumulative":
		text.Title = Say(lang, "cumulative", 0, "by", q.By)
		r = r.Cumulative()
	}
	var notes []string
	if r.Dropped > 0 {
		notes = append(notes, Say(lang, "dropped", r.Dropped, "unit", uname))
	} else if r.Coarse > 0 && q.mode == agg.Spread {
		notes = append(notes, Say(lang, "spread", r.Coarse, "unit", uname))
	}
	if b.noValue > 0 {
		notes = append(notes, Say(lang, "novalue", b.noValue, "value", q.Value))
	}
	if b.open > 0 {
		notes = append(notes, Say(lang, "open", b.open))
	}
	text.Note = strings.Join(notes, "; ")
	o, err := PeriodOption(r, text, q.Kind == "cumulative", q.Options)
	return o, text.Title, err
}

// calendarYears is how many years the calendar draws: the last ones with
// events.
const calendarYears = 50

// unit returns the period of a chart of items: the one asked for, or the
// one agg.AutoUnitFor chooses for auto. A unit that would split the
// items' span into more than agg.MaxPeriods periods is refused, with the
// finest that would not, since a bar a day over 13,000 years is a page of
// a hundred megabytes that no one can read.
func (b *builder) unit(items []agg.Item) (agg.Unit, error) {
	lo, hi := agg.Span(items)
	if b.q.auto {
		events := 0
		for _, it := range items {
			events += int(it.N)
		}
		return agg.AutoUnitFor(lo, hi, events, AutoPeriods), nil
	}
	if n := b.q.unit.Count(lo, hi); n > agg.MaxPeriods {
		c := agg.CoarserFor(b.q.unit, lo, hi)
		return 0, fmt.Errorf("%w: --bin %s would draw %d periods (the events span %s to %s), more than the %d a chart can show: use --bin %s (%d periods) or --bin auto",
			ErrOption, b.q.unit, n, agg.Year.Label(lo), agg.Year.Label(hi.Add(-time.Second)), agg.MaxPeriods, c, c.Count(lo, hi))
	}
	return b.q.unit, nil
}

// actorsOption draws the q.Top most frequent actors, most first (ties by
// name), stacked by category.
func (b *builder) actorsOption() (json.RawMessage, string, error) {
	q, lang := b.q, b.q.Options.Lang
	type actor struct {
		name  string
		total float64
	}
	var all []actor
	for a, m := range b.actorCounts {
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
	all = all[:min(len(all), q.Top)]
	names := make([]string, len(all))
	series := make([]agg.Series, len(b.order))
	for i, c := range b.order {
		series[i] = agg.Series{Name: c, Values: make([]float64, len(all))}
	}
	for k, a := range all {
		names[k] = a.name
		for cat, v := range b.actorCounts[a.name] {
			series[cat].Values[k] = v
		}
	}
	sortSeries(series)
	title := Say(lang, "actors", len(all))
	o, err := CountOption(names, series, ChartText{Title: title, XName: Say(lang, "events", 0), YName: Say(lang, "actor", 0)}, q.Options)
	return o, title, err
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
