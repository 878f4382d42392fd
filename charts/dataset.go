package charts

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"timeline/timeline"
	"timeline/timeline/edtf"
)

// FromDataset turns a dataset into what the page shows: its header and its
// events in date order, with lanes from the column opt.LaneTitle (a
// multi-valued column puts an event in each of its lanes) and dates
// formatted in opt.Lang. csv is the dataset's file, offered as a download.
// Events without a usable start date are left out and counted.
func FromDataset(ds *timeline.Dataset, csv []byte, csvName string, opt Options) (Meta, []Event, int, error) {
	c, err := NewCollector(ds.Extra, opt)
	if err != nil {
		return Meta{}, nil, 0, err
	}
	for i := range ds.Events {
		c.Add(&ds.Events[i])
	}
	events, left := c.Events()
	return MetaOf(ds.Package, csv, csvName), events, left, nil
}

// MetaOf is the page header of a dataset described by p (nil for a bare
// CSV file), whose file csv, named csvName, the page offers as a download.
func MetaOf(p *timeline.Package, csv []byte, csvName string) Meta {
	meta := Meta{CSV: csv, CSVName: csvName}
	if p == nil {
		return meta
	}
	meta.Title, meta.Description, meta.Citation = p.Title(), p.Description(), p.Citation()
	if l := p.Licenses(); len(l) > 0 {
		meta.License, meta.LicenseURL = l[0].Title, l[0].Path
		if meta.License == "" {
			meta.License = l[0].Name
		}
	}
	for _, s := range p.Sources() {
		link := Link{Title: s.Title}
		if timeline.IsLink(s.Path) {
			link.URL = s.Path
		}
		if link.Title == "" {
			link.Title = s.Path
		}
		meta.Sources = append(meta.Sources, link)
	}
	return meta
}

// A Collector turns events into page events one at a time, as a Scanner
// delivers them, so that a caller need not hold the dataset's events as
// well as the page's: it keeps each page event and its sort key only.
type Collector struct {
	opt      Options
	laneCol  timeline.Column
	isCanon  bool
	extra    int
	valueCol int
	events   []Event
	keys     []timeline.Key
	left     int
}

// NewCollector returns a Collector for events of a dataset with the extra
// columns extra, checking that opt names columns it has.
func NewCollector(extra []string, opt Options) (*Collector, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c := &Collector{opt: opt, valueCol: -1}
	c.laneCol, c.isCanon = timeline.ColumnByName(opt.LaneTitle)
	c.extra = slices.Index(extra, opt.LaneTitle)
	if !c.isCanon && c.extra < 0 {
		return nil, fmt.Errorf("%w: no column %q for --lanes", ErrOption, opt.LaneTitle)
	}
	if opt.ValueTitle != "" {
		if c.valueCol = slices.Index(extra, opt.ValueTitle); c.valueCol < 0 {
			return nil, fmt.Errorf("%w: no extra column %q for --value", ErrOption, opt.ValueTitle)
		}
	}
	return c, nil
}

// Grow makes room for n more events, so that a caller who knows about how
// many will come saves the copies (and the memory) that growing the list
// by appending costs.
func (c *Collector) Grow(n int) {
	c.events = slices.Grow(c.events, n)
	c.keys = slices.Grow(c.keys, n)
}

// Add adds an event; one without a usable start date is left out and
// counted.
func (c *Collector) Add(e *timeline.Event) {
	if e.StartDate.IsZero() || (e.End != "" && e.EndDate.IsZero()) {
		c.left++
		return
	}
	var lanes []string
	switch {
	case c.isCanon && (c.laneCol == timeline.ColActors || c.laneCol == timeline.ColSources || c.laneCol == timeline.ColTags):
		lanes = timeline.SplitList(e.Field(c.laneCol))
	case c.isCanon:
		if v := e.Field(c.laneCol); v != "" {
			lanes = []string{v}
		}
	default:
		if v := e.Extra[c.extra]; v != "" {
			lanes = []string{v}
		}
	}
	ev := pageEvent(e, lanes, c.opt.Lang)
	if c.valueCol >= 0 {
		if v, err := strconv.ParseFloat(strings.TrimSpace(e.Extra[c.valueCol]), 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			ev.Value, ev.HasValue = v, true
		}
	}
	c.events = append(c.events, ev)
	c.keys = append(c.keys, e.Key())
}

// Events returns the page events in date order (equal ones in the order
// they were added) and how many were left out. The Collector is spent.
func (c *Collector) Events() ([]Event, int) {
	// A stable sort of a million events takes seconds (it merges in
	// place); ordering equal events by when they came gives the same
	// order, sooner.
	order := make([]int32, len(c.events))
	for i := range order {
		order[i] = int32(i)
	}
	keys := c.keys
	slices.SortFunc(order, func(a, b int32) int {
		if r := timeline.CompareKeys(keys[a], keys[b]); r != 0 {
			return r
		}
		return cmp.Compare(a, b)
	})
	c.keys = nil
	// Put the events in that order in place, cycle by cycle, rather
	// than in a second slice.
	events := c.events
	for i := range order {
		if order[i] < 0 {
			continue
		}
		j := i
		tmp := events[i]
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				events[j] = tmp
				break
			}
			events[j] = events[k]
			j = k
		}
	}
	c.events = nil
	return events, c.left
}

func pageEvent(e *timeline.Event, lanes []string, lang string) Event {
	s, end := e.StartDate, e.EndDate
	ev := Event{
		ID: e.ID, Title: e.Title, Description: e.Description, Lanes: lanes,
		Lower: unixMinutes(s.Lower(), false), Upper: unixMinutes(s.Upper(), true),
		LowerOpen: s.LowerOpen(), UpperOpen: s.UpperOpen(), Ongoing: s.Ongoing(),
		Uncertain: s.Uncertain(), Approximate: s.Approximate(),
		Written: e.Start, Era: e.IsEra(), Category: e.Category,
		Actors: e.Actors, Sources: e.Sources, Tags: e.Tags,
		Location: e.Location, Country: e.Country, Confidence: e.Confidence,
		Media: e.Media, MediaCaption: e.MediaCaption, MediaCredit: e.MediaCredit,
	}
	ev.Lat, ev.Lon, ev.HasCoords = e.Coordinates()
	ev.Point = !s.IsInterval() && end.IsZero() && s.Precision() >= edtf.PrecisionDay && s.Precision() != edtf.PrecisionInterval
	ev.Date = s.Format(lang)
	if !end.IsZero() {
		ev.Upper = unixMinutes(end.Upper(), true)
		ev.UpperOpen, ev.Ongoing = end.UpperOpen(), end.Ongoing()
		ev.Uncertain = ev.Uncertain || end.Uncertain()
		ev.Approximate = ev.Approximate || end.Approximate()
		if end.Ongoing() && !end.LowerOpen() && edtf.Compare(end, s) >= 0 && e.End == ".." {
			ev.Date = end.Format(lang)
		} else {
			ev.Date += " – " + end.Format(lang)
		}
	}
	if e.End != "" {
		ev.Written += "/" + e.End
	}
	if e.DisplayDate != "" {
		ev.Date = e.DisplayDate
	}
	return ev
}
