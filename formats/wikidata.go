package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"timeline/timeline"
)

// Wikidata reads the results of a Wikidata query: the SPARQL JSON results
// format ({"head": …, "results": {"bindings": […]}}) and the plain array
// of objects the query service also downloads. Variables are mapped by
// name: the item (item, event, …) is the source id; date, start, time or
// pointInTime the start; end the end; label or itemLabel the title;
// description, article, image, coord, place and country their columns;
// precision (or timePrecision, datePrecision) Wikidata's precision of the
// date: 9 year, 10 month, 11 day, 8 decade, 7 century. Any other variable
// is kept as an extra column.
type Wikidata struct{}

// Name returns "wikidata".
func (Wikidata) Name() string { return "wikidata" }

var wikidataEntity = regexp.MustCompile(`^https?://www\.wikidata\.org/entity/(Q\d+)$`)

// Detect recognises SPARQL JSON results, or an array of objects whose
// values name Wikidata entities.
func (Wikidata) Detect(name string, head []byte) bool {
	switch jsonFirstByte(head) {
	case '{':
		return bytes.Contains(head, []byte(`"results"`)) && bytes.Contains(head, []byte(`"bindings"`))
	case '[':
		return bytes.Contains(head, []byte(`www.wikidata.org/entity/Q`))
	}
	return false
}

// The variables of a query and the columns they fill, tried in order.
var wikidataVars = map[string][]string{
	"item":        {"item", "event", "entity", "subject", "s"},
	"start":       {"date", "start", "startTime", "start_time", "pointInTime", "point_in_time", "time", "inception", "begin"},
	"end":         {"end", "endTime", "end_time", "dissolved"},
	"title":       {"label", "itemLabel", "eventLabel", "entityLabel", "name", "title"},
	"description": {"description", "itemDescription", "eventDescription"},
	"sources":     {"article", "sitelink", "url"},
	"media":       {"image", "picture"},
	"coord":       {"coord", "coordinates", "location", "coordinate"},
	"location":    {"placeLabel", "locationLabel", "place"},
	"country":     {"countryLabel", "country"},
	"category":    {"typeLabel", "instanceLabel", "instanceOfLabel", "category"},
	"precision":   {"precision", "timePrecision", "datePrecision", "startPrecision"},
	"endprec":     {"endPrecision", "endTimePrecision"},
}

// Import reads the whole file.
func (Wikidata) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	doc := newJSONDoc(data)
	if !json.Valid(doc.data) {
		var v any
		return doc.position(json.Unmarshal(doc.data, &v))
	}
	var rows []element
	switch jsonFirstByte(doc.data) {
	case '[':
		if rows, err = doc.arrayAt(doc.data, 0); err != nil {
			return doc.position(err)
		}
	case '{':
		_, top, offs, err := doc.members(doc.data, 0)
		if err != nil {
			return doc.position(err)
		}
		_, res, roffs, err := doc.members(top["results"], offs["results"])
		if err != nil {
			return fmt.Errorf("want SPARQL JSON results ({\"head\": …, \"results\": {\"bindings\": […]}})")
		}
		if rows, err = doc.arrayAt(res["bindings"], roffs["bindings"]); err != nil {
			return fmt.Errorf("results.bindings: %w", doc.position(err))
		}
	default:
		return fmt.Errorf("want SPARQL JSON results or a JSON array of query rows")
	}
	ambiguous := 0
	for _, el := range rows {
		n, err := importWikidataRow(el, opt, sink)
		if err != nil {
			return err
		}
		ambiguous += n
	}
	if ambiguous > 0 {
		sink.Warn(0, fmt.Sprintf("%d dates of the form YYYY-01-01 came without a precision: Wikidata writes a year that way, so they are stored as years and tagged date-precision-unknown; --trust-days keeps them as days", ambiguous))
	}
	return nil
}

// importWikidataRow maps one result row; it returns 1 when its date was an
// ambiguous YYYY-01-01.
func importWikidataRow(el element, opt ImportOptions, sink ImportSink) (int, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(el.raw, &raw); err != nil {
		sink.Skip(Skip{Line: el.line, Reason: "not an object"})
		return 0, nil
	}
	order, _, _, _ := (&jsonDoc{data: el.raw, lines: []int{0}}).members(el.raw, 0)
	vals := map[string]string{}
	for k, v := range raw {
		if jsonFirstByte(v) == '{' {
			var b struct {
				Type  string `json:"type"`
				Value string `json:"value"`
			}
			json.Unmarshal(v, &b)
			vals[k] = b.Value
			if b.Type == "bnode" {
				vals[k] = "_:" + b.Value // an unknown value
			}
		} else {
			vals[k] = scalar(v)
		}
	}
	used := map[string]bool{}
	get := func(role string) string {
		for _, n := range wikidataVars[role] {
			if v, ok := vals[n]; ok && !used[n] {
				used[n] = true
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	cells := map[string]string{}
	rec := &Record{Line: el.line, Cells: cells}
	item := get("item")
	if m := wikidataEntity.FindStringSubmatch(item); m != nil {
		rec.SourceID = m[1]
	} else if item != "" {
		rec.SourceID = item
	}
	for _, c := range []string{"title", "description", "sources", "media", "location", "country", "category"} {
		cells[c] = get(c)
	}
	if rec.SourceID != "" && !strings.Contains(cells["sources"], "wikidata.org") {
		cells["sources"] = strings.Trim(cells["sources"]+";https://www.wikidata.org/wiki/"+rec.SourceID, ";")
	}
	if c := get("coord"); c != "" {
		if lat, lon, ok := wktPoint(c); ok {
			cells["latitude"], cells["longitude"] = lat, lon
		} else {
			sink.Warn(el.line, fmt.Sprintf("coordinates %q are not a WKT Point: left blank", c))
		}
	}
	ambiguous := 0
	startRaw, endRaw := get("start"), get("end")
	startPrec, endPrec := get("precision"), get("endprec")
	start, amb, err := wikidataDate(startRaw, startPrec, opt.TrustDays)
	if err != nil {
		sink.Skip(Skip{Line: el.line, Reason: "date: " + err.Error()})
		return 0, nil
	}
	if start == "" {
		sink.Skip(Skip{Line: el.line, Reason: "no date (want a date, start or pointInTime variable)"})
		return 0, nil
	}
	end, eamb, err := wikidataDate(endRaw, endPrec, opt.TrustDays)
	if err != nil {
		sink.Skip(Skip{Line: el.line, Reason: "end: " + err.Error()})
		return 0, nil
	}
	if amb || eamb {
		ambiguous = 1
		cells["tags"] = "date-precision-unknown"
	}
	cells["start"], cells["end"] = start, end
	if cells["title"] == "" {
		cells["title"] = rec.SourceID
		sink.Warn(el.line, "no label: the title is the item's id")
	}
	for _, k := range order {
		if used[k] || strings.HasSuffix(k, "Label") && used[strings.TrimSuffix(k, "Label")] {
			continue
		}
		col := k
		if _, canonical := timeline.ColumnByName(strings.ToLower(col)); canonical || strings.EqualFold(col, SourceIDColumn) {
			col = "wikidata_" + col
		}
		cells[col] = vals[k]
		rec.Extra = append(rec.Extra, col)
	}
	return ambiguous, sink.Record(rec)
}

var wktPointRE = regexp.MustCompile(`^(?:<[^>]*>\s*)?Point\(\s*(-?[0-9.]+(?:[eE][-+]?\d+)?)\s+(-?[0-9.]+(?:[eE][-+]?\d+)?)\s*\)$`)

// wktPoint reads Wikidata's "Point(LON LAT)".
func wktPoint(s string) (lat, lon string, ok bool) {
	m := wktPointRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", "", false
	}
	return m[2], m[1], true
}

var wikidataTimeRE = regexp.MustCompile(`^([+-]?)(\d{1,16})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$`)

// wikidataDate turns a Wikidata time (+1807-06-22T00:00:00Z; astronomical
// years, as the query service gives them) into EDTF at its precision. With
// no precision, YYYY-01-01 is ambiguous (a year is written so): it becomes
// the year, unless trustDays, and amb says so.
func wikidataDate(s, prec string, trustDays bool) (out string, amb bool, err error) {
	if s == "" {
		return "", false, nil
	}
	if strings.Contains(s, "/.well-known/genid/") || strings.HasPrefix(s, "_:") {
		return "", false, fmt.Errorf("the date is an unknown value in Wikidata")
	}
	m := wikidataTimeRE.FindStringSubmatch(s)
	if m == nil {
		return "", false, fmt.Errorf("%q is not a Wikidata time (+YYYY-MM-DDT00:00:00Z)", s)
	}
	y, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return "", false, fmt.Errorf("%q: year out of range", s)
	}
	if m[1] == "-" {
		y = -y
	}
	month, _ := strconv.Atoi(m[3])
	day, _ := strconv.Atoi(m[4])
	p := -1
	if prec != "" {
		if p, err = strconv.Atoi(prec); err != nil {
			return "", false, fmt.Errorf("precision %q: want a Wikidata precision number (9 year, 10 month, 11 day)", prec)
		}
	}
	year := formatYear(y)
	switch {
	case p == -1 && month == 1 && day == 1 && !trustDays:
		return year, true, nil
	case p > 11:
		return year + fmt.Sprintf("-%02d-%02dT%s:%s:%s", month, day, m[5], m[6], m[7]) + zoneOf(m[8]), false, nil
	case p == -1 || p == 11:
		if y > 9999 || y < -9999 {
			return year, false, nil
		}
		return year + fmt.Sprintf("-%02d-%02d", month, day), false, nil
	case p == 10:
		if y > 9999 || y < -9999 {
			return year, false, nil
		}
		return year + fmt.Sprintf("-%02d", month), false, nil
	case p == 9:
		return year, false, nil
	case p == 8 && y >= 0 && y <= 9999:
		return fmt.Sprintf("%03dX", y/10), false, nil
	case p == 7 && y >= 0 && y <= 9999:
		// Wikidata's century 20 is 1901–2000 but its value is written
		// as a year of it (1901 or 2000); the digits of its hundreds
		// are the nearest EDTF can say.
		return fmt.Sprintf("%02dXX", y/100), false, nil
	}
	return year, false, nil // millennia and coarser: the year given
}

func zoneOf(z string) string {
	if z == "" {
		return "Z"
	}
	return z
}
