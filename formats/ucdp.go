package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"timeline/timeline"
)

// UCDPGED reads the UCDP Georeferenced Event Dataset (GED), as the CSV
// UCDP publishes or as GeoJSON (a FeatureCollection of points whose
// properties are the CSV's columns). Each row is one event of organised
// violence on one day, possibly not known exactly which day: date_start
// and date_end bound the window, date_prec says how wide it is (1 the day,
// 2 two to six days, 3 a week, 4 a month, 5 a year); the date is spelled
// by oneDayIn.
type UCDPGED struct{}

// Name returns "ucdp".
func (UCDPGED) Name() string { return "ucdp" }

// ucdpSignature are columns every GED table has and other tables rarely do.
var ucdpSignature = []string{"date_prec", "date_start", "date_end", "side_a", "side_b", "where_prec"}

// Detect recognises a CSV whose header has GED's date and side columns, or
// a GeoJSON FeatureCollection whose first properties have them.
func (UCDPGED) Detect(name string, head []byte) bool {
	if b := jsonFirstNonSpace(head); b == '{' {
		if !bytes.Contains(head, []byte(`"FeatureCollection"`)) {
			return false
		}
		for _, c := range ucdpSignature {
			if !bytes.Contains(head, []byte(`"`+c+`"`)) {
				return false
			}
		}
		return true
	}
	return headerHas(sniffCSVHeader(head, ','), append([]string{"id"}, ucdpSignature...)...)
}

func jsonFirstNonSpace(head []byte) byte {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return 0
	}
	return head[0]
}

// ucdpViolence names GED's type_of_violence codes (UCDP GED codebook).
var ucdpViolence = map[string]string{
	"1": "state-based conflict",
	"2": "non-state conflict",
	"3": "one-sided violence",
}

// ucdpMapped are the GED columns that go into canonical columns; the
// others are kept as extra columns under their own names. date_start and
// date_end are spelled exactly by start; latitude, longitude and geom_wkt
// by the coordinates.
var ucdpMapped = map[string]bool{
	"id": true, "date_start": true, "date_end": true, "side_a": true, "side_b": true,
	"dyad_name": true, "source_article": true, "where_coordinates": true,
	"country": true, "latitude": true, "longitude": true, "geom_wkt": true,
	"type_of_violence": true, "source_headline": true,
}

// Import reads a GED CSV or GeoJSON file, one event at a time.
func (u UCDPGED) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	br := withoutBOM(r)
	head, _ := br.Peek(512)
	if jsonFirstNonSpace(head) == '{' {
		return u.importGeoJSON(br, sink)
	}
	return u.importCSV(br, sink)
}

func (UCDPGED) importCSV(r io.Reader, sink ImportSink) error {
	t, err := newHeadedCSV(r, ',')
	if err != nil {
		return err
	}
	if missing := t.has("id", "date_start", "date_end"); len(missing) > 0 {
		return fmt.Errorf("not a UCDP GED table: no column %s", strings.Join(missing, ", "))
	}
	extra, source := extraColumns(t.header, ucdpMapped, nil)
	for {
		rec, line, err := t.next(sink.Skip)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		get := func(c string) string { return t.get(rec, c) }
		out, skip := ucdpRecord(line, get, get("latitude"), get("longitude"), sink)
		if skip != "" {
			sink.Skip(Skip{Line: line, Reason: skip})
			continue
		}
		out.Extra = extra
		for i, c := range extra {
			set(out, c, get(source[i]))
		}
		if err := sink.Record(out); err != nil {
			return err
		}
	}
}

// ucdpRecord maps one GED event, given its cells by column name and its
// coordinates. A non-empty skip is why the row cannot be an event.
func ucdpRecord(line int, get func(string) string, lat, lon string, sink ImportSink) (*Record, string) {
	id := get("id")
	if id == "" {
		return nil, "no id"
	}
	first, err := parseDay(get("date_start"))
	if err != nil {
		return nil, fmt.Sprintf("date_start %q is not a date (YYYY-MM-DD)", get("date_start"))
	}
	last := first
	if s := get("date_end"); s != "" {
		if last, err = parseDay(s); err != nil {
			return nil, fmt.Sprintf("date_end %q is not a date (YYYY-MM-DD)", s)
		}
	}
	start, err := oneDayIn(first, last)
	if err != nil {
		return nil, "date_start, date_end: " + err.Error()
	}
	rec := newRecord(line, id, nil)
	rec.Cells["start"] = start
	title := get("dyad_name")
	if title == "" {
		title = strings.Join(listOf(get("side_a")+";"+get("side_b"), ";"), " – ")
	}
	if w := get("where_coordinates"); w != "" {
		title += ", " + w
	}
	if title == "" {
		title = "UCDP event " + id
	}
	rec.Cells["title"] = strings.TrimPrefix(title, ", ")
	set(rec, "description", get("source_headline"))
	set(rec, "category", ucdpViolence[get("type_of_violence")])
	set(rec, "actors", strings.Join(listOf(get("side_a")+";"+get("side_b"), ";"), ";"))
	set(rec, "location", get("where_coordinates"))
	set(rec, "country", get("country"))
	set(rec, "latitude", lat)
	set(rec, "longitude", lon)
	var sources []string
	for _, s := range listOf(get("source_article"), ";") {
		// Some articles are quoted as a whole, commas and all.
		if s = strings.TrimSpace(strings.Trim(s, `"`)); s != "" {
			sources = append(sources, s)
		}
	}
	set(rec, "sources", strings.Join(sources, ";"))
	switch get("where_prec") {
	case "6":
		rec.Cells["tags"] = "place: country centroid"
	case "7":
		rec.Cells["tags"] = "place: international waters or airspace"
	}
	low, best, high := get("low"), get("best"), get("high")
	if l, b, h, ok := threeInts(low, best, high); ok && !(l <= b && b <= h) {
		sink.Warn(line, fmt.Sprintf("deaths: low %s, best %s, high %s are not in order (kept as given)", low, best, high))
	}
	return rec, ""
}

func threeInts(a, b, c string) (x, y, z int64, ok bool) {
	var e1, e2, e3 error
	x, e1 = strconv.ParseInt(a, 10, 64)
	y, e2 = strconv.ParseInt(b, 10, 64)
	z, e3 = strconv.ParseInt(c, 10, 64)
	return x, y, z, e1 == nil && e2 == nil && e3 == nil
}

// geoFeature is one feature of a FeatureCollection, its properties kept
// raw to read them in order.
type geoFeature struct {
	Type       string          `json:"type"`
	Properties json.RawMessage `json:"properties"`
	Geometry   *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// importGeoJSON streams the features of a FeatureCollection: the decoder
// holds one feature at a time.
func (UCDPGED) importGeoJSON(r io.Reader, sink ImportSink) error {
	lt := &lineTracker{r: r}
	dec := json.NewDecoder(lt)
	dec.UseNumber()
	var extra []string
	known := map[string]bool{}
	err := eachFeature(dec, lt, func(line int, raw json.RawMessage) error {
		var f geoFeature
		if err := json.Unmarshal(raw, &f); err != nil {
			sink.Skip(Skip{Line: line, Reason: "not a GeoJSON feature: " + err.Error()})
			return nil
		}
		keys, vals, err := orderedProps(f.Properties)
		if err != nil {
			sink.Skip(Skip{Line: line, Reason: "properties: " + err.Error()})
			return nil
		}
		get := func(c string) string { return strings.TrimSpace(vals[c]) }
		lat, lon := get("latitude"), get("longitude")
		if f.Geometry != nil && f.Geometry.Type == "Point" {
			var c []json.Number
			if err := json.Unmarshal(f.Geometry.Coordinates, &c); err == nil && len(c) >= 2 {
				lon, lat = c[0].String(), c[1].String()
			}
		}
		rec, skip := ucdpRecord(line, get, lat, lon, sink)
		if skip != "" {
			sink.Skip(Skip{Line: line, Reason: skip})
			return nil
		}
		for _, k := range keys {
			if ucdpMapped[k] || known[k] {
				continue
			}
			if _, canonical := timeline.ColumnByName(k); canonical {
				continue
			}
			known[k] = true
			extra = append(extra, k)
		}
		rec.Extra = extra
		for _, c := range extra {
			set(rec, c, get(c))
		}
		return sink.Record(rec)
	})
	return err
}

// eachFeature calls fn with each element of the top-level "features"
// array of the JSON object dec reads, and the line the element starts on.
func eachFeature(dec *json.Decoder, lt *lineTracker, fn func(line int, raw json.RawMessage) error) error {
	tok, err := dec.Token()
	if err != nil {
		return lt.errorf(dec, "not JSON: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return lt.errorf(dec, "not a GeoJSON FeatureCollection: the file does not start with an object")
	}
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return lt.errorf(dec, "%v", err)
		}
		key, _ := tok.(string)
		if key != "features" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return lt.errorf(dec, "%v", err)
			}
			continue
		}
		found = true
		tok, err = dec.Token()
		if err != nil {
			return lt.errorf(dec, "%v", err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return lt.errorf(dec, "features is not an array")
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return lt.errorf(dec, "%v", err)
			}
			line := lt.lineAt(dec.InputOffset() - int64(len(raw)))
			if err := fn(line, raw); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return lt.errorf(dec, "%v", err)
		}
	}
	if !found {
		return errors.New("not a GeoJSON FeatureCollection: no features array")
	}
	return nil
}

// orderedProps reads a JSON object's members in order, each value as text:
// a string as itself, a number as written, true/false, null as "", and an
// array or object as its compact JSON.
func orderedProps(raw json.RawMessage) ([]string, map[string]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, map[string]string{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, errors.New("not an object")
	}
	var keys []string
	vals := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, dup := vals[k]; !dup {
			keys = append(keys, k)
		}
		vals[k] = jsonText(v)
	}
	return keys, vals, nil
}

func jsonText(v json.RawMessage) string {
	switch {
	case len(v) == 0 || string(v) == "null":
		return ""
	case v[0] == '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	case v[0] == '{' || v[0] == '[':
		var b bytes.Buffer
		if json.Compact(&b, v) == nil {
			return b.String()
		}
	}
	return string(v)
}

// lineTracker counts the lines of what it reads, so that a decoder's
// offsets can be turned into line numbers; it keeps only the line ends
// not yet asked past, so its memory is that of the decoder's read-ahead.
type lineTracker struct {
	r      io.Reader
	off    int64   // bytes read so far
	ends   []int64 // offsets of line ends not yet passed
	passed int     // line ends before the last offset asked
}

func (l *lineTracker) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			l.ends = append(l.ends, l.off+int64(i))
		}
	}
	l.off += int64(n)
	return n, err
}

// lineAt returns the line of offset off; offsets must be asked in
// increasing order.
func (l *lineTracker) lineAt(off int64) int {
	i := 0
	for i < len(l.ends) && l.ends[i] < off {
		i++
	}
	l.passed += i
	l.ends = append(l.ends[:0], l.ends[i:]...)
	return l.passed + 1
}

func (l *lineTracker) errorf(dec *json.Decoder, format string, a ...any) error {
	return fmt.Errorf("line %d: %s", l.lineAt(dec.InputOffset()), fmt.Sprintf(format, a...))
}
