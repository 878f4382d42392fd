package formats

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ACLED reads the CSV export of the Armed Conflict Location & Event Data
// project: one event a row, with a header, often with a byte-order mark;
// NA stands for an empty cell.
type ACLED struct{}

// Name returns "acled".
func (ACLED) Name() string { return "acled" }

// Detect recognises a CSV whose header has ACLED's id, date and type
// columns.
func (ACLED) Detect(name string, head []byte) bool {
	return headerHas(sniffCSVHeader(head, ','), "event_id_cnty", "event_date", "event_type")
}

// acledMapped are the columns that go into canonical columns (location,
// country, latitude and longitude under their own names); the others are
// kept as extra columns under their ACLED names.
var acledMapped = map[string]bool{
	"event_id_cnty": true, "event_date": true, "event_type": true,
	"actor1": true, "assoc_actor_1": true, "actor2": true, "assoc_actor_2": true,
	"notes": true, "source": true, "tags": true,
	"location": true, "country": true, "latitude": true, "longitude": true,
}

// acledDate reads event_date, written 2023-02-16 or 28 December 2022 (or
// 16-February-2023, 16/02/2023 in older exports).
func acledDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2 January 2006", "02 January 2006", "2-January-2006", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("event_date %q is not a date (2023-02-16 or 28 December 2022)", s)
}

// Import reads the rows of r one at a time.
func (ACLED) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	t, err := newHeadedCSV(r, ',')
	if err != nil {
		return err
	}
	if missing := t.has("event_id_cnty", "event_date"); len(missing) > 0 {
		return fmt.Errorf("not an ACLED export: no column %s", strings.Join(missing, ", "))
	}
	extra, source := extraColumns(t.header, acledMapped, nil)
	for {
		row, line, err := t.next(sink.Skip)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		get := func(c string) string {
			v := t.get(row, c)
			if v == "NA" {
				return ""
			}
			return v
		}
		rec, reason := acledRecord(line, get, sink)
		if reason != "" {
			sink.Skip(Skip{Line: line, Reason: reason})
			continue
		}
		rec.Extra = extra
		for i, c := range extra {
			set(rec, c, get(source[i]))
		}
		if err := sink.Record(rec); err != nil {
			return err
		}
	}
}

// acledRecord maps one row, given its cells by column name.
func acledRecord(line int, get func(string) string, sink ImportSink) (*Record, string) {
	id := get("event_id_cnty")
	if id == "" {
		return nil, "no event_id_cnty"
	}
	day, err := acledDate(get("event_date"))
	if err != nil {
		return nil, err.Error()
	}
	// time_precision 1: the day; 2: the source gives a week, and the date
	// is within it (taken as the three days either side); 3: the source
	// gives a month, and the day is a placeholder.
	var start string
	switch p := get("time_precision"); p {
	case "1", "":
		start = day.Format(dayLayout)
	case "2":
		start, _ = oneDayIn(day.AddDate(0, 0, -3), day.AddDate(0, 0, 3))
	case "3":
		start = day.Format("2006-01") + "-XX"
	default:
		start = day.Format(dayLayout)
		sink.Warn(line, fmt.Sprintf("time_precision %q is not 1, 2 or 3: the date is taken as a day", p))
	}
	rec := newRecord(line, id, nil)
	rec.Cells["start"] = start
	what := get("sub_event_type")
	if what == "" {
		what = get("event_type")
	}
	if what == "" {
		what = "Event " + id
	}
	if loc := get("location"); loc != "" {
		what += " in " + loc
	}
	rec.Cells["title"] = what
	set(rec, "description", get("notes"))
	set(rec, "category", get("event_type"))
	var actors []string
	for _, a := range []string{get("actor1"), get("assoc_actor_1"), get("actor2"), get("assoc_actor_2")} {
		for _, x := range listOf(a, ";") {
			if !containsFold(actors, x) {
				actors = append(actors, x)
			}
		}
	}
	set(rec, "actors", strings.Join(actors, ";"))
	set(rec, "location", get("location"))
	set(rec, "country", get("country"))
	set(rec, "latitude", get("latitude"))
	set(rec, "longitude", get("longitude"))
	set(rec, "sources", strings.Join(listOf(get("source"), ";"), ";"))
	set(rec, "tags", strings.Join(listOf(get("tags"), ";"), ";"))
	return rec, ""
}
