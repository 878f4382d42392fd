package formats

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// GDELT reads GDELT event files, versions 1.0 and 2.0: tab-separated
// despite their .CSV names, without a header, one event a line. The number
// of cells tells the layout, line by line, since files mix them: 57 (the
// 1.0 historical backfile, to March 2013), 58 (1.0 daily files, adding
// SOURCEURL) and 61 (2.0, adding an ADM2 code to each of the three
// places). Lines are read one at a time, so memory does not grow with the
// file.
type GDELT struct{}

// Name returns "gdelt".
func (GDELT) Name() string { return "gdelt" }

// The columns of GDELT 1.0 (GDELT Data Format Codebook 1.03, 2013) in
// order; 2.0 (Event Codebook 2.0, 2015) adds Actor1Geo_ADM2Code,
// Actor2Geo_ADM2Code and ActionGeo_ADM2Code after each ADM1Code, and both
// end in DATEADDED (1.0: YYYYMMDD; 2.0: YYYYMMDDHHMMSS) and SOURCEURL
// (absent from the backfile).
var gdeltActor = []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"}

func gdeltGeo(prefix string, v2 bool) []string {
	cols := []string{prefix + "_Type", prefix + "_FullName", prefix + "_CountryCode", prefix + "_ADM1Code"}
	if v2 {
		cols = append(cols, prefix+"_ADM2Code")
	}
	return append(cols, prefix+"_Lat", prefix+"_Long", prefix+"_FeatureID")
}

func gdeltLayout(v2, url bool) []string {
	cols := []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, c := range gdeltActor {
			cols = append(cols, a+c)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
		"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo", "Actor2Geo", "ActionGeo"} {
		cols = append(cols, gdeltGeo(g, v2)...)
	}
	cols = append(cols, "DATEADDED")
	if url {
		cols = append(cols, "SOURCEURL")
	}
	return cols
}

// gdeltLayouts maps a line's number of cells to its columns' indexes by
// name.
var gdeltLayouts = func() map[int]map[string]int {
	out := map[int]map[string]int{}
	for _, l := range [][]string{gdeltLayout(false, false), gdeltLayout(false, true), gdeltLayout(true, true)} {
		idx := make(map[string]int, len(l))
		for i, c := range l {
			idx[c] = i
		}
		out[len(l)] = idx
	}
	return out
}()

// gdeltMapped are the columns that go into canonical columns, or that only
// restate SQLDATE (MonthYear, Year, FractionDate); every other column is
// kept under its GDELT name.
var gdeltMapped = map[string]bool{
	"GLOBALEVENTID": true, "SQLDATE": true, "MonthYear": true, "Year": true, "FractionDate": true,
	"Actor1Name": true, "Actor2Name": true, "ActionGeo_FullName": true,
	"ActionGeo_Lat": true, "ActionGeo_Long": true, "SOURCEURL": true,
}

// gdeltExtra is the extra columns of every GDELT record: those of the 2.0
// layout not mapped, so that 1.0 and 2.0 lines give the same columns (the
// ADM2 codes empty on 1.0 lines).
var gdeltExtra = func() []string {
	var out []string
	for _, c := range gdeltLayout(true, true) {
		if !gdeltMapped[c] {
			out = append(out, c)
		}
	}
	return out
}()

// cameoRoots names the twenty root codes of CAMEO (Conflict and Mediation
// Event Observations, Schrodt 2012), GDELT's EventRootCode.
var cameoRoots = map[string]string{
	"01": "Make public statement",
	"02": "Appeal",
	"03": "Express intent to cooperate",
	"04": "Consult",
	"05": "Engage in diplomatic cooperation",
	"06": "Engage in material cooperation",
	"07": "Provide aid",
	"08": "Yield",
	"09": "Investigate",
	"10": "Demand",
	"11": "Disapprove",
	"12": "Reject",
	"13": "Threaten",
	"14": "Protest",
	"15": "Exhibit force posture",
	"16": "Reduce relations",
	"17": "Coerce",
	"18": "Assault",
	"19": "Fight",
	"20": "Use unconventional mass violence",
}

// gdeltQuad names QuadClass.
var gdeltQuad = map[string]string{
	"1": "verbal cooperation",
	"2": "material cooperation",
	"3": "verbal conflict",
	"4": "material conflict",
}

// Detect recognises a file whose first lines (at least four in five of
// them, up to 20) have 57, 58 or 61 tab-separated cells, the first a
// number and the second a YYYYMMDD date.
func (GDELT) Detect(name string, head []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".tsv" && ext != ".txt" && ext != "" {
		return false
	}
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 && len(head) == DetectSize {
		lines = lines[:len(lines)-1] // the last may be cut
	}
	good, all := 0, 0
	for _, l := range lines {
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) == 0 {
			continue
		}
		all++
		cells := bytes.Split(l, []byte("\t"))
		if _, ok := gdeltLayouts[len(cells)]; ok && allDigits(cells[0]) && len(cells[1]) == 8 && allDigits(cells[1]) {
			good++
		}
		if all == 20 {
			break
		}
	}
	return good > 0 && good*5 >= all*4
}

func allDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Import reads the lines of r one at a time.
func (GDELT) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	sc := bufio.NewScanner(withoutBOM(r))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	cells := make([]string, 0, 61)
	line := 0
	for sc.Scan() {
		line++
		text := repairC1(strings.TrimSuffix(sc.Text(), "\r"))
		if text == "" {
			continue
		}
		cells = cells[:0]
		for c := range strings.SplitSeq(text, "\t") {
			cells = append(cells, c)
		}
		idx, ok := gdeltLayouts[len(cells)]
		if !ok {
			sink.Skip(Skip{Line: line, Reason: fmt.Sprintf("%d tab-separated cells; GDELT lines have 57 (1.0 backfile), 58 (1.0 daily) or 61 (2.0)", len(cells))})
			continue
		}
		get := func(c string) string {
			if i, ok := idx[c]; ok {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		rec, reason := gdeltRecord(line, get)
		if reason != "" {
			sink.Skip(Skip{Line: line, Reason: reason})
			continue
		}
		if err := sink.Record(rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return fmt.Errorf("line %d: longer than 1 MB: not a GDELT event file", line+1)
		}
		return err
	}
	return nil
}

// gdeltRecord maps one line, given its cells by column name.
func gdeltRecord(line int, get func(string) string) (*Record, string) {
	id := get("GLOBALEVENTID")
	if id == "" {
		return nil, "no GLOBALEVENTID"
	}
	day, err := time.Parse("20060102", get("SQLDATE"))
	if err != nil {
		return nil, fmt.Sprintf("SQLDATE %q is not a date (YYYYMMDD)", get("SQLDATE"))
	}
	rec := newRecord(line, id, gdeltExtra)
	rec.Cells["start"] = day.Format(dayLayout)
	root := get("EventRootCode")
	action := cameoRoots[root]
	if action == "" {
		action = "CAMEO " + get("EventCode")
	}
	set(rec, "category", cameoRoots[root])
	a1, a2 := get("Actor1Name"), get("Actor2Name")
	title := action
	switch {
	case a1 != "" && a2 != "":
		title += ": " + a1 + " → " + a2
	case a1 != "":
		title += ": " + a1
	case a2 != "":
		title += ": → " + a2
	}
	rec.Cells["title"] = title
	set(rec, "actors", strings.Join(listOf(a1+";"+a2, ";"), ";"))
	place := get("ActionGeo_FullName")
	set(rec, "location", place)
	// GDELT gives the country as a FIPS 10-4 code (kept in
	// ActionGeo_CountryCode); its name is the last part of the place's
	// full name, or the whole name for a place that is a country.
	if place != "" {
		country := place
		if get("ActionGeo_Type") != "1" {
			if i := strings.LastIndex(place, ", "); i >= 0 {
				country = place[i+2:]
			}
		}
		set(rec, "country", country)
	}
	if lat, lon := get("ActionGeo_Lat"), get("ActionGeo_Long"); lat != "" && lon != "" {
		rec.Cells["latitude"], rec.Cells["longitude"] = lat, lon
		if get("ActionGeo_Type") == "1" {
			rec.Cells["tags"] = "place: country centroid"
		}
	}
	set(rec, "sources", get("SOURCEURL"))
	if q := gdeltQuad[get("QuadClass")]; q != "" {
		if t := rec.Cells["tags"]; t != "" {
			rec.Cells["tags"] = t + ";" + q
		} else {
			rec.Cells["tags"] = q
		}
	}
	for _, c := range gdeltExtra {
		set(rec, c, get(c))
	}
	return rec, ""
}

// repairC1 turns the C1 control characters U+0080–U+009F, which are never
// text, into the Windows-1252 characters whose bytes they are: GDELT's place
// names carry them where Windows-1252 text was read as Latin-1 ("San\u0091a'"
// for "San‘a'").
func repairC1(s string) string {
	if !strings.Contains(s, "\xc2") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= 0x80 && r <= 0x9f {
			if d := charmap.Windows1252.DecodeByte(byte(r)); d != utf8.RuneError {
				r = d
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
