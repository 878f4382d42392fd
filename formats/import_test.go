package formats

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"timeline/timeline"
)

// realdata is the folder of real files other people published, beside the
// repository (see its README).
const realdata = "../../shared/realdata"

func realFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(realdata, name))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real file missing in CI: %v", err)
		}
		t.Skipf("real file missing: %v", err)
	}
	return data
}

// collect runs an importer over data.
func collect(t *testing.T, im Importer, name string, data []byte, opt ImportOptions) *Collector {
	t.Helper()
	c := NewCollector(name, im.Name())
	if err := im.Import(bytes.NewReader(data), name, opt, c); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}

// mergeNew merges imports into an empty dataset and reads the result back
// as the dataset's own validation reads it; it fails on any error.
func mergeNew(t *testing.T, imports ...*Collector) (*timeline.Dataset, *MergeResult) {
	t.Helper()
	return mergeInto(t, &timeline.Dataset{}, MergeOptions{}, imports...)
}

func mergeInto(t *testing.T, base *timeline.Dataset, opt MergeOptions, imports ...*Collector) (*timeline.Dataset, *MergeResult) {
	t.Helper()
	res, err := Merge(base, imports, opt)
	if err != nil {
		t.Fatal(err)
	}
	ds, counts, err := timeline.Read(bytes.NewReader(res.Data), "events.csv", func(d timeline.Diagnostic) {
		if d.Severity == timeline.Error {
			t.Errorf("imported events fail validation: %v", d)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if counts.Errors > 0 {
		t.Fatalf("%d errors", counts.Errors)
	}
	return ds, res
}

// byPrecision counts events by the precision of their start.
func byPrecision(ds *timeline.Dataset) map[string]int {
	out := map[string]int{}
	for _, e := range ds.Events {
		out[e.StartDate.Precision().String()]++
	}
	return out
}

func find(t *testing.T, ds *timeline.Dataset, title string) *timeline.Event {
	t.Helper()
	for i := range ds.Events {
		if strings.HasPrefix(ds.Events[i].Title, title) {
			return &ds.Events[i]
		}
	}
	t.Fatalf("no event titled %q", title)
	return nil
}

func extra(ds *timeline.Dataset, e *timeline.Event, col string) string {
	if i := slices.Index(ds.Extra, col); i >= 0 && i < len(e.Extra) {
		return e.Extra[i]
	}
	return ""
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestTimelineJSSheetWomenInComputing(t *testing.T) {
	data := realFile(t, "timelinejs-women-in-computing.csv")
	if !(TimelineJSSheet{}).Detect("x.csv", data) {
		t.Fatal("not detected")
	}
	c := collect(t, TimelineJSSheet{}, "wic.csv", data, ImportOptions{})
	if c.Info == nil || c.Info.Title != "Women in Computing" || !strings.HasPrefix(c.Info.Description, "In this sample timeline, we’ll walk you") {
		t.Errorf("title row: %+v", c.Info)
	}
	ds, res := mergeNew(t, c)
	if res.Read != 10 || len(ds.Events) != 10 || len(res.Skipped) != 0 {
		t.Fatalf("read %d, events %d, skipped %v; want 10, 10, none", res.Read, len(ds.Events), res.Skipped)
	}
	if got, want := byPrecision(ds), map[string]int{"day": 3, "month": 1, "year": 6}; !equalMaps(got, want) {
		t.Errorf("precisions %v, want %v", got, want)
	}
	ada := find(t, ds, "Ada Lovelace")
	if ada.Start != "1815-12-10" || ada.End != "1852-11-27" || ada.MediaCredit != "Wikimedia Commons" ||
		ada.MediaCaption != "Portrait by Alfred Edward Chalon (https://en.wikipedia.org/wiki/Ada_Lovelace#/media/File:Ada_Lovelace_portrait.jpg)" ||
		!strings.HasPrefix(ada.Description, "Women have been programming since before it was a thing. Take Ada Lovelace (https://en.wikipedia.org/wiki/Ada_Lovelace): Daughter") ||
		!strings.HasSuffix(ada.Description, "\nThis slide demonstrates a simple \"image\" media type.") ||
		!strings.HasSuffix(ada.Media, "713px-Ada_Lovelace_portrait.jpg") {
		t.Errorf("Ada Lovelace: %+v", ada)
	}
	eniac := find(t, ds, "...And the women who made it work")
	if eniac.Start != "1943-07" || eniac.End != "1946" || extra(ds, eniac, colBackground) != "https://upload.wikimedia.org/wikipedia/commons/c/cd/ARL_ENIAC_02.png" {
		t.Errorf("ENIAC women: start %q end %q background %q", eniac.Start, eniac.End, extra(ds, eniac, colBackground))
	}
	// Edith Clarke's media is a quotation, not a link: it moves to the text.
	clarke := find(t, ds, "Edith Clarke")
	if clarke.Media != "" || !strings.Contains(clarke.Description, "There is no demand for women engineers") {
		t.Errorf("Edith Clarke: media %q description %q", clarke.Media, clarke.Description)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Line != 4 {
		t.Errorf("warnings %v, want one at line 4", c.Warnings)
	}
}

func TestTimelineJSSheetRows(t *testing.T) {
	in := "Year,Month,Day,Time,End Year,Headline,Text,Type,Group\n" +
		",,,,,The title,About it,title,\n" +
		"-44,3,15,,,Caesar,<b>Ides</b> of March,,Rome\n" +
		"1990,13,,,,Bad month,,,\n" +
		",,,,,No year,,,\n" +
		"2001,9,11,8:46 AM,,Attack,,,\n" +
		"1939,,,,1945,War,,era,\n" +
		"-13798000000,,,,,Big Bang,,,\n" +
		",,,,,,,,\n"
	c := collect(t, TimelineJSSheet{}, "s.csv", []byte(in), ImportOptions{})
	var skipped []int
	for _, s := range c.Skips {
		skipped = append(skipped, s.Line)
	}
	if !slices.Equal(skipped, []int{4, 5}) {
		t.Errorf("skipped lines %v (%v), want 4 and 5", skipped, c.Skips)
	}
	want := []struct{ start, end, title, kind, category string }{
		{"-0043-03-15", "", "Caesar", "", "Rome"},
		{"2001-09-11T08:46", "", "Attack", "", ""},
		{"1939", "1945", "War", "era", ""},
		{"Y-13798000000", "", "Big Bang", "", ""},
	}
	if len(c.Records) != len(want) {
		t.Fatalf("%d records, want %d", len(c.Records), len(want))
	}
	for i, w := range want {
		r := c.Records[i].Cells
		if r["start"] != w.start || r["end"] != w.end || r["title"] != w.title || r["kind"] != w.kind || r["category"] != w.category {
			t.Errorf("record %d: %v, want %+v", i, r, w)
		}
	}
	if c.Records[0].Cells["description"] != "Ides of March" {
		t.Errorf("HTML text: %q", c.Records[0].Cells["description"])
	}
}

func TestTimelineJSJSONMarkTwain(t *testing.T) {
	data := realFile(t, "timelinejs-marktwain.json")
	if im, ok := Detect("marktwain.json", data); !ok || im.Name() != "timelinejs" {
		t.Fatalf("detected as %v", im)
	}
	c := collect(t, TimelineJSJSON{}, "marktwain.json", data, ImportOptions{})
	ds, res := mergeNew(t, c)
	if res.Read != 17 || len(ds.Events) != 17 || len(res.Skipped) != 0 {
		t.Fatalf("read %d, events %d, skipped %v", res.Read, len(ds.Events), res.Skipped)
	}
	if got, want := byPrecision(ds), map[string]int{"second": 15, "day": 1, "year": 1}; !equalMaps(got, want) {
		t.Errorf("precisions %v, want %v", got, want)
	}
	fl := find(t, ds, "Florida, Missouri")
	if fl.Start != "2000-01-05T06:45:56" || fl.Latitude != "39.491711" || fl.Longitude != "-91.79326" || fl.Location != "Florida, Missouri" ||
		fl.MediaCaption != "Mark Twain's birthplace, Florida, Missouri" {
		t.Errorf("Florida, Missouri: %+v", fl)
	}
	// The first slide has no headline: the title is made from its text.
	first := c.Records[0]
	if first.Line != 12 || !strings.HasPrefix(first.Cells["title"], "Samuel Langhorne Clemens (November 30, 1835") || first.Cells["start"] != "1908-05-13" {
		t.Errorf("first slide at line %d: %v", first.Line, first.Cells)
	}
}

func TestTimelineJSJSONEras(t *testing.T) {
	c := collect(t, TimelineJSJSON{}, "eras.json", realFile(t, "timelinejs-eras.json"), ImportOptions{})
	ds, res := mergeNew(t, c)
	eras := 0
	for _, e := range ds.Events {
		if e.IsEra() {
			eras++
		}
	}
	if len(ds.Events) != 23 || eras != 3 || len(res.Skipped) != 0 {
		t.Fatalf("%d events, %d eras, skipped %v; want 23, 3, none", len(ds.Events), eras, res.Skipped)
	}
	if c.Info == nil || c.Info.Title != "Eras Test" {
		t.Errorf("title: %+v", c.Info)
	}
	hijra := find(t, ds, "Muhammad Migrates")
	if hijra.Start != "0622-08-09" || hijra.End != "0622-08-23" || hijra.Media != "https://en.wikipedia.org/wiki/Hijra_(Islam)" {
		t.Errorf("Hijra: %+v", hijra)
	}
}

func TestTimelineJSJSONShapes(t *testing.T) {
	in := `{"timeline": {"slides": [
  {"text": {"headline": "Old shape", "text": "the title slide"}},
  {"start_date": {"year": -13798000000}, "text": {"headline": "Big Bang"}, "unique_id": "big-bang"},
  {"start_date": {"year": "-500", "month": "6"}, "text": {"headline": "BCE"}, "location": {"lat": 1.5, "lon": 2}},
  {"start_date": {"year": "x"}, "text": {"headline": "Bad"}},
  {"text": {"headline": "No date"}}
]}}`
	c := collect(t, TimelineJSJSON{}, "old.json", []byte(in), ImportOptions{})
	if c.Info == nil || c.Info.Title != "Old shape" {
		t.Errorf("title %+v", c.Info)
	}
	if len(c.Records) != 2 || len(c.Skips) != 2 {
		t.Fatalf("records %d skips %v", len(c.Records), c.Skips)
	}
	if r := c.Records[0]; r.Cells["start"] != "Y-13798000000" || r.SourceID != "big-bang" || r.Cells["id"] != "big-bang" || r.Line != 3 {
		t.Errorf("cosmological: %+v", r)
	}
	if r := c.Records[1].Cells; r["start"] != "-0499-06" || r["latitude"] != "1.5" || r["longitude"] != "2" {
		t.Errorf("BCE: %v", r)
	}
	if c.Skips[0].Line != 5 || c.Skips[1].Line != 6 {
		t.Errorf("skips at %v", c.Skips)
	}
}

// roundTrip exports ds with ex, imports the result with im, and checks that
// every event comes back the same, field by field (the source_id column an
// import adds aside).
func roundTrip(t *testing.T, ds *timeline.Dataset, ex Exporter, im Importer) {
	t.Helper()
	var out bytes.Buffer
	var lost []Loss
	if err := ex.Export(&out, ds, func(l Loss) { lost = append(lost, l) }); err != nil {
		t.Fatal(err)
	}
	c := collect(t, im, "export", out.Bytes(), ImportOptions{})
	back, _ := mergeNew(t, c)
	if len(back.Events) != len(ds.Events) {
		t.Fatalf("%s: %d events back, want %d", ex.Name(), len(back.Events), len(ds.Events))
	}
	byID := map[string]*timeline.Event{}
	for i := range back.Events {
		byID[back.Events[i].ID] = &back.Events[i]
	}
	for i := range ds.Events {
		a := &ds.Events[i]
		b := byID[a.ID]
		if b == nil {
			t.Errorf("%s: event %s lost", ex.Name(), a.ID)
			continue
		}
		for c := range timeline.Columns() {
			col := timeline.Column(c)
			if a.Field(col) != b.Field(col) {
				t.Errorf("%s: %s: %s is %q after the round trip, was %q", ex.Name(), a.ID, col, b.Field(col), a.Field(col))
			}
		}
		for k, name := range ds.Extra {
			if name == SourceIDColumn {
				continue
			}
			if got := extra(back, b, name); got != a.Extra[k] {
				t.Errorf("%s: %s: %s is %q after the round trip, was %q", ex.Name(), a.ID, name, got, a.Extra[k])
			}
		}
	}
}

func realDataset(t *testing.T, im Importer, name string) *timeline.Dataset {
	t.Helper()
	ds, _ := mergeNew(t, collect(t, im, name, realFile(t, name), ImportOptions{}))
	return ds
}

func TestRoundTrips(t *testing.T) {
	sets := map[string]*timeline.Dataset{
		"eras":      realDataset(t, TimelineJSJSON{}, "timelinejs-eras.json"),
		"marktwain": realDataset(t, TimelineJSJSON{}, "timelinejs-marktwain.json"),
		"wic":       realDataset(t, TimelineJSSheet{}, "timelinejs-women-in-computing.csv"),
	}
	for name, ds := range sets {
		t.Run(name, func(t *testing.T) {
			roundTrip(t, ds, TimelineJSJSON{}, TimelineJSJSON{})
			roundTrip(t, ds, GeoJSON{}, GeoJSON{})
			roundTrip(t, ds, ICal{}, ICal{})
		})
	}
}

// TestRoundTripDates checks the dates each format can hold, alone.
func TestRoundTripDates(t *testing.T) {
	csv := "id,start,end,title,actors,tags,fatalities\n" +
		"a,-0043-03-15,,Ides,Brutus;Cassius,murder,1\n" +
		"b,2017-04-03T08:40,,Metro,,,\n" +
		"c,1815-12,1852,Range,,,\n" +
		"d,Y170000,,Far,,,\n" +
		"e,2016-21,,Spring,,,\n" +
		"f,2014?,,Unsure,,,\n" +
		"g,1995/..,,Ongoing,,,\n"
	ds, _, err := timeline.Read(strings.NewReader(csv), "d.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	// iCalendar and GeoJSON keep the EDTF dates themselves.
	roundTrip(t, ds, GeoJSON{}, GeoJSON{})
	var lost []Loss
	var out bytes.Buffer
	ICal{}.Export(&out, ds, func(l Loss) { lost = append(lost, l) })
	ids := map[string]bool{}
	for _, l := range lost {
		if strings.Contains(l.Reason, "left out") {
			ids[l.ID] = true
		}
	}
	if !ids["a"] || !ids["d"] || len(ids) != 2 {
		t.Errorf("iCal left out %v, want a (BCE) and d (past 9999)", ids)
	}
	if strings.Count(out.String(), "BEGIN:VEVENT") != 5 {
		t.Errorf("iCal has %d events, want 5", strings.Count(out.String(), "BEGIN:VEVENT"))
	}
	for _, want := range []string{"DTSTART;VALUE=DATE:18151201\r\nDTEND;VALUE=DATE:18530101\r\n", "DTSTART:20170403T084000Z\r\n",
		"DTSTART;VALUE=DATE:20160301\r\nDTEND;VALUE=DATE:20160601\r\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("iCal lacks %q", want)
		}
	}
	// TimelineJS holds exact years, months, days and times; a season or
	// a qualifier is reported and written by its bounds.
	lost = nil
	out.Reset()
	TimelineJSJSON{}.Export(&out, ds, func(l Loss) { lost = append(lost, l) })
	reported := map[string]bool{}
	for _, l := range lost {
		reported[l.ID] = true
	}
	for _, id := range []string{"a", "e", "f", "g"} {
		if !reported[id] {
			t.Errorf("TimelineJS: loss of %s not reported (%v)", id, lost)
		}
	}
	c := collect(t, TimelineJSJSON{}, "x.json", out.Bytes(), ImportOptions{})
	got := map[string]string{}
	for _, r := range c.Records {
		got[r.Cells["id"]] = r.Cells["start"] + "|" + r.Cells["end"]
	}
	for id, want := range map[string]string{"a": "-0043-03-15|", "b": "2017-04-03T08:40|", "c": "1815-12|1852", "d": "Y170000|", "e": "2016-03|2016-05-31"} {
		if got[id] != want {
			t.Errorf("TimelineJS %s: %q, want %q", id, got[id], want)
		}
	}
}

func TestWikidataRealFile(t *testing.T) {
	data := realFile(t, "wikidata-historic-events.json")
	if im, ok := Detect("historicEvents.json", data[:DetectSize]); !ok || im.Name() != "wikidata" {
		t.Fatalf("detected as %v", im)
	}
	c := collect(t, Wikidata{}, "w.json", data, ImportOptions{})
	ds, res := mergeNew(t, c)
	if res.Read != 9125 || len(ds.Events) != 9125 || len(res.Skipped) != 0 {
		t.Fatalf("read %d, events %d, skipped %d", res.Read, len(ds.Events), len(res.Skipped))
	}
	if got := byPrecision(ds); got["day"] != 7132 || got["year"] != 1993 {
		t.Errorf("precisions %v, want 7132 days and 1993 years", got)
	}
	if len(c.Warnings) != 1 || !strings.HasPrefix(c.Warnings[0].Reason, "1993 dates") {
		t.Errorf("warnings %v", c.Warnings)
	}
	athos := find(t, ds, "Battle of Athos")
	if athos.Start != "1807-06-22" || athos.ID != "wikidata-q2659098" || extra(ds, athos, SourceIDColumn) != "wikidata:Q2659098" ||
		!slices.Equal(athos.Sources, []string{"https://en.wikipedia.org/wiki/Battle_of_Athos", "https://www.wikidata.org/wiki/Q2659098"}) ||
		athos.Media != "http://commons.wikimedia.org/wiki/Special:FilePath/Battle%20of%20Athos%201807.jpg" {
		t.Errorf("Battle of Athos: %+v", athos)
	}
	// Astronomical years are kept: -0048 is 49 BCE. A YYYY-01-01 date is
	// tagged as of unknown precision.
	for _, e := range ds.Events {
		if e.ID == "wikidata-q619030" && e.Start != "-0048-08-22" {
			t.Errorf("%s: %s, want -0048-08-22", e.ID, e.Start)
		}
		if e.StartDate.Precision().String() == "year" && !slices.Contains(e.Tags, "date-precision-unknown") {
			t.Errorf("%s: %s should be tagged", e.ID, e.Start)
		}
	}
	trusted := collect(t, Wikidata{}, "w.json", data, ImportOptions{TrustDays: true})
	tds, _ := mergeNew(t, trusted)
	if got := byPrecision(tds); got["day"] != 9125 || len(trusted.Warnings) != 0 {
		t.Errorf("--trust-days: precisions %v, warnings %v", got, trusted.Warnings)
	}
}

func TestWikidataSPARQL(t *testing.T) {
	in := `{"head": {"vars": ["item", "itemLabel", "date", "precision", "coord", "deaths"]},
"results": {"bindings": [
{"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"}, "itemLabel": {"type": "literal", "value": "Year only"},
 "date": {"datatype": "http://www.w3.org/2001/XMLSchema#dateTime", "type": "literal", "value": "1807-01-01T00:00:00Z"},
 "precision": {"type": "literal", "value": "9"}, "deaths": {"type": "literal", "value": "12"}},
{"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q2"}, "itemLabel": {"type": "literal", "value": "Month"},
 "date": {"type": "literal", "value": "-0389-07-01T00:00:00Z"}, "precision": {"type": "literal", "value": "10"},
 "coord": {"type": "literal", "value": "Point(12.5 41.9)"}},
{"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q3"}, "itemLabel": {"type": "literal", "value": "Decade"},
 "date": {"type": "literal", "value": "1990-01-01T00:00:00Z"}, "precision": {"type": "literal", "value": "8"}},
{"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q4"}, "itemLabel": {"type": "literal", "value": "Unknown"},
 "date": {"type": "bnode", "value": "t123"}},
{"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q5"}, "itemLabel": {"type": "literal", "value": "Day"},
 "date": {"type": "literal", "value": "+2001-09-11T00:00:00Z"}, "precision": {"type": "literal", "value": "11"}}
]}}`
	c := collect(t, Wikidata{}, "q.json", []byte(in), ImportOptions{})
	if len(c.Records) != 4 || len(c.Skips) != 1 || c.Skips[0].Line != 11 {
		t.Fatalf("records %d skips %v", len(c.Records), c.Skips)
	}
	want := []string{"1807", "-0389-07", "199X", "2001-09-11"}
	for i, w := range want {
		if got := c.Records[i].Cells["start"]; got != w {
			t.Errorf("%s: start %q, want %q", c.Records[i].Cells["title"], got, w)
		}
	}
	if r := c.Records[1].Cells; r["latitude"] != "41.9" || r["longitude"] != "12.5" {
		t.Errorf("coordinates %v", r)
	}
	if r := c.Records[0]; r.Cells["deaths"] != "12" || !slices.Equal(r.Extra, []string{"deaths"}) || r.SourceID != "Q1" {
		t.Errorf("extra column: %+v", r)
	}
}

func TestGeoJSONImport(t *testing.T) {
	in := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "id": 7, "geometry": {"type": "Point", "coordinates": [30.33, 59.93]},
 "properties": {"date": "2017-04-03T00:00:00Z", "name": "Metro", "deaths": 15, "actors": ["A", "B"]}},
{"type": "Feature", "geometry": null, "properties": {"date": "2017-01-01T00:00:00Z", "precision": "year", "name": "Year"}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"name": "No date"}}
]}`
	c := collect(t, GeoJSON{}, "g.geojson", []byte(in), ImportOptions{})
	if len(c.Records) != 2 || len(c.Skips) != 1 || c.Skips[0].Line != 5 {
		t.Fatalf("records %d, skips %v", len(c.Records), c.Skips)
	}
	r := c.Records[0]
	if r.Cells["start"] != "2017-04-03" || r.Cells["latitude"] != "59.93" || r.Cells["longitude"] != "30.33" || r.Cells["actors"] != "A;B" ||
		r.Cells["deaths"] != "15" || r.SourceID != "7" || r.Cells["id"] != "7" {
		t.Errorf("feature 1: %+v", r)
	}
	if got := c.Records[1].Cells["start"]; got != "2017" {
		t.Errorf("a date with precision year: %q", got)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Line != 4 {
		t.Errorf("warnings %v, want the null geometry at line 4", c.Warnings)
	}
}

func TestICalImport(t *testing.T) {
	in := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Cal\r\n" +
		"BEGIN:VEVENT\r\nUID:one@example.org\r\nDTSTART;VALUE=DATE:20170403\r\nDTEND;VALUE=DATE:20170404\r\n" +
		"SUMMARY:A very long summary that is folded over two lines because it is longer than se\r\n venty-five octets\r\n" +
		"DESCRIPTION:Line one\\nLine two\\, with a comma\r\nGEO:59.93;30.33\r\nCATEGORIES:attack,metro\r\n" +
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:two\r\nDTSTART;VALUE=DATE:20170301\r\nDTEND;VALUE=DATE:20170401\r\nSUMMARY:March\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:three\r\nDTSTART;VALUE=DATE:20170301\r\nDTEND;VALUE=DATE:20170310\r\nSUMMARY:Days\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:four\r\nDTSTART;TZID=Europe/Moscow:20170403T144000\r\nSUMMARY:Timed\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:five\r\nSUMMARY:No start\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	c := collect(t, ICal{}, "c.ics", []byte(in), ImportOptions{})
	if c.Info == nil || c.Info.Title != "Cal" {
		t.Errorf("calendar name %+v", c.Info)
	}
	if len(c.Records) != 4 || len(c.Skips) != 1 || c.Skips[0].Line != 34 {
		t.Fatalf("records %d, skips %v", len(c.Records), c.Skips)
	}
	r := c.Records[0].Cells
	if r["start"] != "2017-04-03" || r["end"] != "" || r["title"] != "A very long summary that is folded over two lines because it is longer than seventy-five octets" ||
		r["description"] != "Line one\nLine two, with a comma" || r["latitude"] != "59.93" || r["category"] != "attack" || r["tags"] != "metro" {
		t.Errorf("event 1: %v", r)
	}
	for i, want := range []string{"2017-03|", "2017-03-01|2017-03-09"} {
		if got := c.Records[i+1].Cells["start"] + "|" + c.Records[i+1].Cells["end"]; got != want {
			t.Errorf("event %d: %q, want %q", i+2, got, want)
		}
	}
	if got := c.Records[3].Cells["start"]; got != "2017-04-03T11:40:00Z" {
		t.Errorf("TZID: %q, want 2017-04-03T11:40:00Z", got)
	}
	if c.Records[0].SourceID != "one@example.org" {
		t.Errorf("uid %q", c.Records[0].SourceID)
	}
}

func TestTableCSV(t *testing.T) {
	// Windows-1252, semicolons, day/month/year dates, two actor columns.
	in := []byte("Datum;Ereignis;Akteur1;Akteur2;Tote\r\n03/04/2017;Anschlag in St. Petersburg;FSB;;15\r\n31/02/2017;Falsch;;;\r\n05/2017;Monat;;;\r\n")
	in = bytes.Replace(in, []byte("Anschlag"), []byte("Anschl\xe4g"), 1)
	opt := ImportOptions{Map: map[string]string{"start": "Datum", "title": "Ereignis", "actors": "Akteur1,Akteur2"}, DateFormat: "%d/%m/%Y", Encoding: "windows-1252"}
	c := collect(t, TableCSV{}, "t.csv", in, opt)
	if len(c.Records) != 1 || len(c.Skips) != 2 || c.Skips[0].Line != 3 || c.Skips[1].Line != 4 {
		t.Fatalf("records %d, skips %v", len(c.Records), c.Skips)
	}
	r := c.Records[0]
	if r.Cells["start"] != "2017-04-03" || r.Cells["title"] != "Anschläg in St. Petersburg" || r.Cells["actors"] != "FSB" || r.Cells["Tote"] != "15" || !slices.Equal(r.Extra, []string{"Tote"}) {
		t.Errorf("record %+v", r)
	}
	// Without --encoding the bytes that are not UTF-8 are an error that
	// says what to do.
	err := TableCSV{}.Import(bytes.NewReader(in), "t.csv", ImportOptions{Map: opt.Map}, NewCollector("t.csv", "csv"))
	if err == nil || !strings.Contains(err.Error(), "2:") || !strings.Contains(err.Error(), "--encoding") {
		t.Errorf("error %v", err)
	}
	// Auto-mapped columns and dates as people write them.
	c = collect(t, TableCSV{}, "u.csv", []byte("date,name,event_date\n28 December 2022,A,x\n2023-02-16,B,y\n"), ImportOptions{})
	if len(c.Records) != 2 || c.Records[0].Cells["start"] != "2022-12-28" || c.Records[1].Cells["title"] != "B" || c.Records[0].Cells["event_date"] != "x" {
		t.Errorf("auto map: %+v %v", c.Records, c.Skips)
	}
	if err := (TableCSV{}).Import(strings.NewReader("a,b\n1,2\n"), "v.csv", ImportOptions{}, NewCollector("v.csv", "csv")); err == nil || !strings.Contains(err.Error(), "--map start=COLUMN") {
		t.Errorf("no mapping: %v", err)
	}
}

func TestMergeReimport(t *testing.T) {
	rec := func(line int, sid, start, title string) *Record {
		return &Record{Line: line, SourceID: sid, Cells: map[string]string{"start": start, "title": title, "fatalities": "1"}, Extra: []string{"fatalities"}}
	}
	first := &Collector{File: "a.csv", Format: "acled", Records: []*Record{rec(2, "NIG1", "2023-01-01", "One"), rec(3, "NIG2", "2023-01-02", "Two"), rec(4, "NIG3", "2023-01-03", "Three")}}
	ds, res := mergeNew(t, first)
	if res.Added != 3 || ds.Events[0].ID != "acled-nig1" || extra(ds, &ds.Events[0], SourceIDColumn) != "acled:NIG1" {
		t.Fatalf("first import: %+v, ids %v", res, ds.Events[0].ID)
	}
	// A person adds a tag by hand; the source revises NIG2, drops NIG3 and
	// adds NIG4.
	ds.Events[0].Tags = []string{"checked"}
	second := &Collector{File: "b.csv", Format: "acled", Records: []*Record{rec(2, "NIG1", "2023-01-01", "One"), rec(3, "NIG2", "2023-01-02", "Two, revised"), rec(4, "NIG4", "2023-01-04", "Four"), rec(5, "NIG4", "2023-01-04", "Four again")}}
	back, res := mergeInto(t, ds, MergeOptions{Prune: true}, second)
	if res.Added != 1 || res.Updated != 1 || res.Unchanged != 1 || !slices.Equal(res.Pruned, []string{"acled-nig3"}) || len(res.Skipped) != 1 || res.Skipped[0].Line != 5 {
		t.Fatalf("re-import: %+v", res)
	}
	if len(back.Events) != 3 || back.Events[0].Tags[0] != "checked" || back.Events[1].Title != "Two, revised" || back.Events[1].ID != "acled-nig2" {
		t.Errorf("events after re-import: %+v", back.Events)
	}
	// Without --prune nothing goes.
	_, res = mergeInto(t, ds, MergeOptions{}, second)
	if len(res.Pruned) != 0 {
		t.Errorf("pruned without --prune: %v", res.Pruned)
	}
}

func TestMergeSkipsInvalid(t *testing.T) {
	c := &Collector{File: "x", Format: "csv", Records: []*Record{
		{Line: 2, Cells: map[string]string{"start": "2017-13-01", "title": "Bad month"}},
		{Line: 3, Cells: map[string]string{"start": "2017", "title": "Fine", "latitude": "100", "longitude": "0"}},
		{Line: 4, Cells: map[string]string{"start": "2018", "title": "Good"}},
	}}
	ds, res := mergeNew(t, c)
	if len(ds.Events) != 1 || len(res.Skipped) != 2 || res.Skipped[0].Line != 2 || res.Skipped[1].Line != 3 || !strings.Contains(res.Skipped[0].Reason, "start") {
		t.Errorf("events %d, skipped %v", len(ds.Events), res.Skipped)
	}
}

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"<p>One</p><p>Two &amp; <b>three</b></p>", "One\nTwo & three"},
		{`see <a href="https://x.org/a">this</a>.`, "see this (https://x.org/a)."},
		{`<a href="https://x.org/">https://x.org/</a>`, "https://x.org/"},
		{`<a href="javascript:alert(1)">click</a>`, "click"},
		{"a<br>b<br/>c", "a\nb\nc"},
		{"<script>alert(1)</script>text", "text"},
		{"x &lt; y", "x < y"},
	} {
		if got := PlainText(tc.in); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ name, head, want string }{
		{"a.json", `{"title": {}, "events": [{"start_date": {"year": 1}}]}`, "timelinejs"},
		{"a.json", `{"head": {"vars": []}, "results": {"bindings": []}}`, "wikidata"},
		{"a.geojson", `{"type": "FeatureCollection", "features": []}`, "geojson"},
		{"a.ics", "BEGIN:VCALENDAR\r\n", "ical"},
		{"a.csv", "Year,Month,Day,Headline\n", "timelinejs-sheet"},
		{"a.csv", "date;title\n", "csv"},
		{"a.csv", "x,y\n", ""},
		{"a.json", `[{"a": 1}]`, ""},
	} {
		im, ok := Detect(tc.name, []byte(tc.head))
		got := ""
		if ok {
			got = im.Name()
		}
		if got != tc.want {
			t.Errorf("Detect(%s, %q) = %q, want %q", tc.name, tc.head, got, tc.want)
		}
	}
}

func TestTimelineJSXLSX(t *testing.T) {
	data, err := os.ReadFile("testdata/timelinejs-women-in-computing.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if im, ok := Detect("sheet.xlsx", data[:min(len(data), DetectSize)]); !ok || im.Name() != "timelinejs-xlsx" {
		t.Fatalf("detected as %v", im)
	}
	c := collect(t, TimelineJSXLSX{}, "sheet.xlsx", data, ImportOptions{})
	ds, res := mergeNew(t, c)
	if res.Read != 11 || len(ds.Events) != 11 || len(res.Skipped) != 0 || c.Info == nil || c.Info.Title != "Women in Computing" {
		t.Fatalf("read %d, events %d, skipped %v, title %+v", res.Read, len(ds.Events), res.Skipped, c.Info)
	}
	if got, want := byPrecision(ds), map[string]int{"day": 3, "month": 1, "year": 6, "minute": 1}; !equalMaps(got, want) {
		t.Errorf("precisions %v, want %v", got, want)
	}
	apollo := c.Records[len(c.Records)-1]
	if apollo.Line != 13 || apollo.Cells["start"] != "1969-07-20T20:17" || apollo.Cells["category"] != "space" {
		t.Errorf("Apollo row: %+v", apollo)
	}
	// The same events as the CSV the workbook was made from.
	csvDS := realDataset(t, TimelineJSSheet{}, "timelinejs-women-in-computing.csv")
	for i := range csvDS.Events {
		a, b := &csvDS.Events[i], &ds.Events[i]
		for c := range timeline.Columns() {
			if col := timeline.Column(c); a.Field(col) != b.Field(col) {
				t.Errorf("%s: %s is %q in the workbook, %q in the CSV", a.ID, col, b.Field(col), a.Field(col))
			}
		}
	}
	// Export and import again.
	roundTrip(t, csvDS, TimelineJSXLSX{}, TimelineJSXLSX{})
}

func TestXLSXSharedStrings(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Timeline" sheetId="3" r:id="rId7"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet3.xml"/></Relationships>`,
		"xl/sharedStrings.xml": `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">` +
			`<si><t>Year</t></si><si><t>Headline</t></si><si><r><rPr><b/></rPr><t>Bold </t></r><r><t xml:space="preserve">and plain</t></r><rPh><t>ignored</t></rPh></si><si><t>Group</t></si></sst>`,
		"xl/worksheets/sheet3.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>` +
			`<row r="4"><c r="A4"><v>2017</v></c><c r="B4" t="s"><v>2</v></c><c r="D4" t="str"><v>lane</v></c></row>` +
			`</sheetData></worksheet>`,
	} {
		f, _ := zw.Create(name)
		io.WriteString(f, body)
	}
	zw.Close()
	rows, err := readXLSX(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].n != 4 || !slices.Equal(rows[1].cells, []string{"2017", "Bold and plain", "", "lane"}) || !slices.Equal(rows[0].cells, []string{"Year", "Headline", "", "Group"}) {
		t.Errorf("rows %+v", rows)
	}
	if _, err := readXLSX([]byte("PK\x03\x04 not really")); err == nil || !strings.Contains(err.Error(), "not an Excel workbook") {
		t.Errorf("broken archive: %v", err)
	}
}

// streamNew imports the collected records through a Stream, as
// timeline import -o does.
func streamNew(t *testing.T, imports ...*Collector) (*MergeResult, []byte) {
	t.Helper()
	var spool bytes.Buffer
	st := NewStream(&spool)
	for _, c := range imports {
		st.Begin(c.File, c.Format)
		// The records and skips in file order, as an importer gives them.
		type ev struct {
			line int
			rec  *Record
			skip *Skip
		}
		var all []ev
		for _, r := range c.Records {
			all = append(all, ev{r.Line, r, nil})
		}
		for i := range c.Skips {
			all = append(all, ev{c.Skips[i].Line, nil, &c.Skips[i]})
		}
		slices.SortStableFunc(all, func(a, b ev) int { return a.line - b.line })
		for _, e := range all {
			if e.rec != nil {
				if err := st.Record(e.rec); err != nil {
					t.Fatal(err)
				}
			} else {
				st.Skip(*e.skip)
			}
		}
		for _, w := range c.Warnings {
			st.Warn(w.Line, w.Reason)
		}
	}
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
	st.Release()
	drop, dropped := map[int]bool{}, map[int]string{}
	for {
		var table bytes.Buffer
		rowLines, err := st.WriteTable(bytes.NewReader(spool.Bytes()), &table, drop)
		if err != nil {
			t.Fatal(err)
		}
		failed, n, err := st.Check(bytes.NewReader(table.Bytes()), rowLines)
		if err != nil {
			t.Fatal(err)
		}
		if len(failed) == 0 {
			return st.Result(dropped, n), table.Bytes()
		}
		for i, why := range failed {
			drop[i], dropped[i] = true, why
		}
	}
}

func TestStreamMatchesMerge(t *testing.T) {
	bad := &Collector{File: "bad.csv", Format: "acled", Records: []*Record{
		{Line: 2, SourceID: "A1", Cells: map[string]string{"start": "2017-13-01", "title": "Bad month", "zeta": "1"}, Extra: []string{"zeta"}},
		{Line: 3, SourceID: "A2", Cells: map[string]string{"start": "2017", "title": "Fine", "alpha": "x"}},
		{Line: 4, SourceID: "A2", Cells: map[string]string{"start": "2018", "title": "Again"}},
		{Line: 5, Cells: map[string]string{"start": "2019", "title": "Fine"}},
		{Line: 6, Cells: map[string]string{"id": "fine", "start": "2019", "title": "Taken id"}},
	}, Skips: []Skip{{Line: 7, Reason: "no date"}}}
	sets := [][]*Collector{
		{bad},
		{collect(t, TimelineJSJSON{}, "m.json", realFile(t, "timelinejs-marktwain.json"), ImportOptions{}),
			collect(t, TimelineJSSheet{}, "w.csv", realFile(t, "timelinejs-women-in-computing.csv"), ImportOptions{})},
		{collect(t, Wikidata{}, "w.json", realFile(t, "wikidata-historic-events.json"), ImportOptions{})},
	}
	for _, imports := range sets {
		want, err := Merge(&timeline.Dataset{}, imports, MergeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, table := streamNew(t, imports...)
		if !bytes.Equal(table, want.Data) {
			t.Errorf("%s: the streamed table differs from the merged one:\n%.600s\nwant\n%.600s", imports[0].File, table, want.Data)
		}
		if got.Read != want.Read || got.Added != want.Added || got.Events != want.Events || !slices.Equal(got.Header, want.Header) {
			t.Errorf("%s: stream read %d added %d events %d; merge %d %d %d", imports[0].File, got.Read, got.Added, got.Events, want.Read, want.Added, want.Events)
		}
		if !slices.Equal(got.Skipped, want.Skipped) {
			t.Errorf("%s: skipped %v, want %v", imports[0].File, got.Skipped, want.Skipped)
		}
	}
}
