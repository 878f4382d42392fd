package charts

import (
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
	if err := opt.Validate(); err != nil {
		return Meta{}, nil, 0, err
	}
	laneCol, isCanon := timeline.ColumnByName(opt.LaneTitle)
	extra := slices.Index(ds.Extra, opt.LaneTitle)
	if !isCanon && extra < 0 {
		return Meta{}, nil, 0, fmt.Errorf("%w: no column %q for --lanes", ErrOption, opt.LaneTitle)
	}
	valueCol := -1
	if opt.ValueTitle != "" {
		if valueCol = slices.Index(ds.Extra, opt.ValueTitle); valueCol < 0 {
			return Meta{}, nil, 0, fmt.Errorf("%w: no extra column %q for --value", ErrOption, opt.ValueTitle)
		}
	}
	meta := Meta{CSV: csv, CSVName: csvName}
	if p := ds.Package; p != nil {
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
	}
	sorted := make([]*timeline.Event, 0, len(ds.Events))
	left := 0
	for i := range ds.Events {
		e := &ds.Events[i]
		if e.StartDate.IsZero() || (e.End != "" && e.EndDate.IsZero()) {
			left++
			continue
		}
		sorted = append(sorted, e)
	}
	slices.SortStableFunc(sorted, timeline.Compare)
	events := make([]Event, len(sorted))
	for i, e := range sorted {
		var lanes []string
		switch {
		case isCanon && (laneCol == timeline.ColActors || laneCol == timeline.ColSources || laneCol == timeline.ColTags):
			lanes = timeline.SplitList(e.Field(laneCol))
		case isCanon:
			if v := e.Field(laneCol); v != "" {
				lanes = []string{v}
			}
		default:
			if v := e.Extra[extra]; v != "" {
				lanes = []string{v}
			}
		}
		events[i] = pageEvent(e, lanes, opt.Lang)
		if valueCol >= 0 {
			if v, err := strconv.ParseFloat(strings.TrimSpace(e.Extra[valueCol]), 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
				events[i].Value, events[i].HasValue = v, true
			}
		}
	}
	return meta, events, left, nil
}

func pageEvent(e *timeline.Event, lanes []string, lang string) Event {
	s, end := e.StartDate, e.EndDate
	ev := Event{
		ID: e.ID, Title: e.Title, Description: e.Description, Lanes: lanes,
		Lower: s.Lower().UnixMilli(), Upper: s.Upper().UnixMilli(),
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
		ev.Upper = end.Upper().UnixMilli()
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
