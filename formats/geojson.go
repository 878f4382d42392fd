package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"timeline/timeline"
	"timeline/timeline/edtf"
)

// GeoJSON reads and writes an RFC 7946 FeatureCollection of points, one
// feature an event: the geometry holds the coordinates and the properties
// the other columns, dates in EDTF.
type GeoJSON struct{}

// Name returns "geojson".
func (GeoJSON) Name() string { return "geojson" }

func (GeoJSON) fallback() {}

// Detect recognises a FeatureCollection.
func (GeoJSON) Detect(name string, head []byte) bool {
	return jsonFirstByte(head) == '{' && bytes.Contains(head, []byte(`"FeatureCollection"`))
}

// propertyAliases are other names of the canonical columns, tried when a
// feature has no property of the canonical name.
var propertyAliases = map[string][]string{
	"id":          {"event_id", "uid"},
	"start":       {"date", "start_date", "startdate", "date_start", "begin", "when", "time", "datetime", "event_date"},
	"end":         {"end_date", "enddate", "date_end", "until"},
	"title":       {"name", "headline", "label", "summary"},
	"description": {"notes", "text", "details"},
	"category":    {"type", "event_type", "group"},
	"location":    {"place", "place_name", "where"},
	"sources":     {"source", "url", "link", "article"},
	"media":       {"image", "picture"},
}

// The properties an export adds that are computed from the dates: read
// back, they are not columns.
var computedProperties = []string{"precision", "lower", "upper"}

// Import reads the whole collection.
func (GeoJSON) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	doc := newJSONDoc(data)
	if !json.Valid(doc.data) {
		var v any
		return doc.position(json.Unmarshal(doc.data, &v))
	}
	if jsonFirstByte(doc.data) != '{' {
		return fmt.Errorf("want a GeoJSON FeatureCollection object")
	}
	_, top, offs, err := doc.members(doc.data, 0)
	if err != nil {
		return doc.position(err)
	}
	if scalar(top["type"]) != "FeatureCollection" {
		return fmt.Errorf("type is %q: want a GeoJSON FeatureCollection", scalar(top["type"]))
	}
	if t := scalar(top["name"]); t != "" {
		if err := sink.Meta(Meta{Title: t}); err != nil {
			return err
		}
	}
	feats, err := doc.arrayAt(top["features"], offs["features"])
	if err != nil {
		return fmt.Errorf("features: %w", doc.position(err))
	}
	for _, f := range feats {
		if err := importFeature(f, sink); err != nil {
			return err
		}
	}
	return nil
}

func importFeature(f element, sink ImportSink) error {
	var feat struct {
		Type     string          `json:"type"`
		ID       json.RawMessage `json:"id"`
		Geometry *struct {
			Type        string            `json:"type"`
			Coordinates []json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	dec := json.NewDecoder(bytes.NewReader(f.raw))
	dec.UseNumber()
	if err := dec.Decode(&feat); err != nil || feat.Type != "Feature" {
		sink.Skip(Skip{Line: f.line, Reason: "not a GeoJSON Feature"})
		return nil
	}
	// Properties in file order, for the extra columns.
	var order []string
	if raw, ok := rawMember(f.raw, "properties"); ok && jsonFirstByte(raw) == '{' {
		order, _, _, _ = (&jsonDoc{data: raw, lines: []int{0}}).members(raw, 0)
	}
	cells := map[string]string{}
	used := map[string]bool{}
	for _, c := range timeline.Columns() {
		names := append([]string{c}, propertyAliases[c]...)
		for _, n := range names {
			if v, ok := feat.Properties[n]; ok && !used[n] {
				cells[c] = propertyText(v, c)
				used[n] = true
				break
			}
		}
	}
	if id := scalar(feat.ID); id != "" && cells["id"] == "" {
		cells["id"] = id
	}
	rec := &Record{Line: f.line, Cells: cells}
	if id := cells["id"]; id != "" {
		rec.SourceID = id
		if !validSlug(id) {
			delete(cells, "id")
		}
	}
	for _, n := range order {
		if used[n] || slices.Contains(computedProperties, n) {
			continue
		}
		if _, canonical := timeline.ColumnByName(n); canonical {
			continue
		}
		cells[n] = propertyText(feat.Properties[n], n)
		rec.Extra = append(rec.Extra, n)
	}
	for _, c := range []string{"start", "end"} {
		v, err := looseDate(cells[c], scalar(feat.Properties["precision"]))
		if err != nil {
			sink.Skip(Skip{Line: f.line, Reason: c + ": " + err.Error()})
			return nil
		}
		cells[c] = v
	}
	if cells["start"] == "" {
		sink.Skip(Skip{Line: f.line, Reason: "no date: want a start (or date) property"})
		return nil
	}
	switch {
	case feat.Geometry == nil:
		sink.Warn(f.line, "no geometry: the event has no coordinates")
	case feat.Geometry.Type != "Point":
		sink.Warn(f.line, fmt.Sprintf("geometry is a %s, not a Point: coordinates left blank", feat.Geometry.Type))
	case len(feat.Geometry.Coordinates) < 2:
		sink.Warn(f.line, "a Point without two coordinates: coordinates left blank")
	default:
		cells["longitude"], cells["latitude"] = scalar(feat.Geometry.Coordinates[0]), scalar(feat.Geometry.Coordinates[1])
	}
	if cells["title"] == "" {
		cells["title"] = titleFrom(cells)
		sink.Warn(f.line, "no title (or name) property: the title is made from the text or the date")
	}
	return sink.Record(rec)
}

// rawMember returns the raw value of a member of a JSON object.
func rawMember(obj json.RawMessage, key string) (json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(obj, &m) != nil {
		return nil, false
	}
	v, ok := m[key]
	return v, ok
}

// propertyText turns a property's value into a cell: a string as it is, a
// number as written, an array as a ;-separated list, an object as JSON.
func propertyText(raw json.RawMessage, col string) string {
	t := bytes.TrimSpace(raw)
	if len(t) > 0 && t[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(t, &items) == nil {
			var parts []string
			nested := false
			for _, it := range items {
				s := scalar(it)
				if jsonFirstByte(it) == '{' || jsonFirstByte(it) == '[' {
					nested = true
				}
				if s != "" {
					parts = append(parts, strings.ReplaceAll(s, ";", ","))
				}
			}
			if !nested {
				return timeline.JoinList(parts)
			}
		}
	}
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		var b bytes.Buffer
		json.Compact(&b, t)
		return b.String()
	}
	return scalar(t)
}

// looseDate reads a date as other tools write it: EDTF as it is (this
// includes ISO 8601 dates), an RFC 3339 date-time cut to the precision
// given (year, month, day), or a date-time at midnight as a day.
func looseDate(s, precision string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == ".." {
		return s, nil
	}
	if edtf.IsRelative(s) {
		return s, nil
	}
	if d, err := edtf.Parse(s); err == nil {
		// A plain day or date-time given with a coarser precision is a
		// placeholder of that precision (2017-01-01 for "2017").
		plain := !d.IsInterval() && !d.Uncertain() && !d.Approximate() && d.Precision() >= edtf.PrecisionDay
		if precision != "" && plain {
			return cutToPrecision(d.Lower(), precision, d.String())
		}
		// Without a precision, midnight UTC is how most tools write a
		// date (2017-04-03T00:00:00Z): a day.
		if t := d.Lower(); plain && d.Precision() > edtf.PrecisionDay && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && (strings.HasSuffix(s, "Z") || !hasZone(d)) {
			return formatDay(t), nil
		}
		return d.String(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if t, err = time.Parse("2006-01-02 15:04:05", s); err != nil {
			if t, err = time.Parse("2006-01-02T15:04:05", s); err != nil {
				return "", fmt.Errorf("%q is not an EDTF or ISO 8601 date", s)
			}
		}
	}
	t = t.UTC()
	if precision != "" {
		return cutToPrecision(t, precision, "")
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return formatDay(t), nil
	}
	return formatDay(t) + t.Format("T15:04:05Z"), nil
}

// cutToPrecision spells t as precise as precision says; asis is returned
// for a precision finer than a day.
func cutToPrecision(t time.Time, precision, asis string) (string, error) {
	y := formatYear(int64(t.Year()))
	switch strings.ToLower(precision) {
	case "year", "9":
		return y, nil
	case "month", "10":
		return y + fmt.Sprintf("-%02d", t.Month()), nil
	case "day", "11":
		return formatDay(t), nil
	case "minute", "second", "interval", "season", "decade", "century":
		if asis != "" {
			return asis, nil
		}
		return formatDay(t) + t.Format("T15:04:05Z"), nil
	}
	return "", fmt.Errorf("precision %q: want year, month or day", precision)
}

// formatYear spells an astronomical year as EDTF does: four digits with a
// sign, or a Y-year.
func formatYear(y int64) string {
	if y > 9999 || y < -9999 {
		return "Y" + strconv.FormatInt(y, 10)
	}
	if y < 0 {
		return fmt.Sprintf("-%04d", -y)
	}
	return fmt.Sprintf("%04d", y)
}

func formatDay(t time.Time) string {
	return formatYear(int64(t.Year())) + fmt.Sprintf("-%02d-%02d", t.Month(), t.Day())
}

// Export writes the dataset as a FeatureCollection. An event without
// valid coordinates is written with a null geometry, and reported.
func (GeoJSON) Export(w io.Writer, ds *timeline.Dataset, lost func(Loss)) error {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection"`)
	if ds.Package != nil && ds.Package.Name() != "" {
		b.WriteString(`,"name":`)
		writeJSON(&b, ds.Package.Name())
	}
	b.WriteString(`,"features":[`)
	numeric := numericColumns(ds)
	for i := range ds.Events {
		ev := &ds.Events[i]
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{\"type\":\"Feature\",\"id\":")
		writeJSON(&b, ev.ID)
		b.WriteString(`,"geometry":`)
		if _, _, ok := ev.Coordinates(); ok {
			fmt.Fprintf(&b, `{"type":"Point","coordinates":[%s,%s]}`, jsonNumber(ev.Longitude), jsonNumber(ev.Latitude))
		} else {
			b.WriteString("null")
			reason := "no coordinates: written with a null geometry"
			if ev.Latitude != "" || ev.Longitude != "" {
				reason = "coordinates not valid: written with a null geometry"
			}
			lost(Loss{ID: ev.ID, Line: ev.Line, Reason: reason})
		}
		b.WriteString(`,"properties":{`)
		first := true
		put := func(k string, v any) {
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeJSON(&b, k)
			b.WriteByte(':')
			writeJSON(&b, v)
		}
		for c := range timeline.Columns() {
			col := timeline.Column(c)
			if col == timeline.ColLatitude || col == timeline.ColLongitude || col == timeline.ColID {
				continue
			}
			v := ev.Field(col)
			if v == "" {
				continue
			}
			switch col {
			case timeline.ColActors:
				put(col.String(), ev.Actors)
			case timeline.ColSources:
				put(col.String(), ev.Sources)
			case timeline.ColTags:
				put(col.String(), ev.Tags)
			default:
				put(col.String(), v)
			}
		}
		for k, name := range ds.Extra {
			if k >= len(ev.Extra) || ev.Extra[k] == "" {
				continue
			}
			if numeric[name] && json.Valid([]byte(ev.Extra[k])) {
				put(name, json.RawMessage(ev.Extra[k]))
			} else {
				put(name, ev.Extra[k])
			}
		}
		p := ev.StartDate.Precision()
		if !ev.EndDate.IsZero() {
			p = edtf.PrecisionInterval
		}
		put("precision", p.String())
		lo, hi := timeline.Span(ev.StartDate, ev.EndDate)
		put("lower", ISODate(lo))
		put("upper", ISODate(hi))
		b.WriteString("}}")
	}
	b.WriteString("\n]}\n")
	_, err := w.Write(b.Bytes())
	return err
}

func writeJSON(b *bytes.Buffer, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		raw = []byte("null")
	}
	b.Write(raw)
}

// numericColumns are the extra columns the package's schema types integer
// or number.
func numericColumns(ds *timeline.Dataset) map[string]bool {
	out := map[string]bool{}
	if ds.Package == nil {
		return out
	}
	for name, typ := range ds.Package.FieldTypes() {
		if typ == "integer" || typ == "number" {
			out[name] = true
		}
	}
	return out
}

// ISODate spells an instant in ISO 8601's expanded form where the year
// needs it: 2017-04-03T00:00:00Z, -000048-01-01T00:00:00Z, +012000-…;
// the forms JavaScript's Date reads.
func ISODate(t time.Time) string {
	t = t.UTC()
	y := t.Year()
	rest := t.Format("-01-02T15:04:05Z")
	switch {
	case y >= 0 && y <= 9999:
		return fmt.Sprintf("%04d", y) + rest
	case y < 0:
		return fmt.Sprintf("-%06d", -y) + rest
	}
	return fmt.Sprintf("+%06d", y) + rest
}
