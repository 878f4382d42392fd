// Package timeline is the domain of the timeline tool: events with EDTF dates,
// datasets stored as CSV inside a Frictionless Data Package, validation,
// relative dates, queries and statistics. It reads io.Readers and writes
// io.Writers; it never touches paths.
package timeline

import (
	"strconv"
	"strings"

	"timeline/timeline/edtf"
)

// Column is one of the canonical columns of an events table.
type Column int

// The canonical columns, in the order they are written.
const (
	ColID Column = iota
	ColStart
	ColEnd
	ColTitle
	ColDescription
	ColCategory
	ColActors
	ColLocation
	ColCountry
	ColLatitude
	ColLongitude
	ColSources
	ColConfidence
	ColTags
	ColMedia
	ColMediaCaption
	ColMediaCredit
	ColDisplayDate
	ColKind
	numColumns
)

var columnNames = [numColumns]string{
	"id", "start", "end", "title", "description", "category", "actors",
	"location", "country", "latitude", "longitude", "sources", "confidence",
	"tags", "media", "media_caption", "media_credit", "display_date", "kind",
}

// String returns the column's header name.
func (c Column) String() string {
	if c < 0 || c >= numColumns {
		return "column(" + strconv.Itoa(int(c)) + ")"
	}
	return columnNames[c]
}

// Columns returns the canonical header names in canonical order.
func Columns() []string { return append([]string(nil), columnNames[:]...) }

// ColumnByName returns the canonical column with the given header name.
func ColumnByName(name string) (Column, bool) {
	for i, n := range columnNames {
		if n == name {
			return Column(i), true
		}
	}
	return 0, false
}

// multiValued reports whether a column holds a ;-separated list.
func (c Column) multiValued() bool {
	return c == ColActors || c == ColSources || c == ColTags
}

// Confidence levels accepted in the confidence column.
const (
	ConfidenceHigh     = "high"
	ConfidenceModerate = "moderate"
	ConfidenceLow      = "low"
)

// Kinds accepted in the kind column; blank means KindEvent.
const (
	KindEvent = "event"
	KindEra   = "era"
)

// Event is one row of a dataset. Start and End hold the dates as written;
// StartDate and EndDate hold them parsed, with relative dates resolved.
type Event struct {
	Line int // line of the row in its file; 0 for an event not read from a file

	ID           string
	Start, End   string
	Title        string
	Description  string
	Category     string
	Actors       []string
	Location     string
	Country      string
	Latitude     string
	Longitude    string
	Sources      []string
	Confidence   string
	Tags         []string
	Media        string
	MediaCaption string
	MediaCredit  string
	DisplayDate  string
	Kind         string

	// Extra holds the values of the dataset's extra columns, aligned with
	// Dataset.Extra.
	Extra []string

	StartDate edtf.Date
	EndDate   edtf.Date

	// The coordinates parsed from Latitude and Longitude, which keep the
	// text as written (see Coordinates).
	lat, lon float64
	coords   uint8
}

// IsEra reports whether the event is a background period.
func (e *Event) IsEra() bool { return e.Kind == KindEra }

// Coordinates returns the event's latitude and longitude when both are set
// and valid. They are parsed from the cells once, on first use, and kept.
func (e *Event) Coordinates() (lat, lon float64, ok bool) {
	if e.coords == coordsUnknown {
		e.coords = coordsNone
		if e.Latitude != "" && e.Longitude != "" {
			lat, err1 := strconv.ParseFloat(e.Latitude, 64)
			lon, err2 := strconv.ParseFloat(e.Longitude, 64)
			if err1 == nil && err2 == nil && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 {
				e.lat, e.lon, e.coords = lat, lon, coordsValid
			}
		}
	}
	return e.lat, e.lon, e.coords == coordsValid
}

// What Event.Coordinates found in the cells.
const (
	coordsUnknown = iota // not looked at yet
	coordsNone           // missing or invalid
	coordsValid
)

// Field returns the value of a canonical column as it is written in CSV.
func (e *Event) Field(c Column) string {
	switch c {
	case ColID:
		return e.ID
	case ColStart:
		return e.Start
	case ColEnd:
		return e.End
	case ColTitle:
		return e.Title
	case ColDescription:
		return e.Description
	case ColCategory:
		return e.Category
	case ColActors:
		return JoinList(e.Actors)
	case ColLocation:
		return e.Location
	case ColCountry:
		return e.Country
	case ColLatitude:
		return e.Latitude
	case ColLongitude:
		return e.Longitude
	case ColSources:
		return JoinList(e.Sources)
	case ColConfidence:
		return e.Confidence
	case ColTags:
		return JoinList(e.Tags)
	case ColMedia:
		return e.Media
	case ColMediaCaption:
		return e.MediaCaption
	case ColMediaCredit:
		return e.MediaCredit
	case ColDisplayDate:
		return e.DisplayDate
	case ColKind:
		return e.Kind
	}
	return ""
}

// setField stores the CSV value of a canonical column.
func (e *Event) setField(c Column, v string) {
	switch c {
	case ColID:
		e.ID = v
	case ColStart:
		e.Start = v
	case ColEnd:
		e.End = v
	case ColTitle:
		e.Title = v
	case ColDescription:
		e.Description = v
	case ColCategory:
		e.Category = v
	case ColActors:
		e.Actors = SplitList(v)
	case ColLocation:
		e.Location = v
	case ColCountry:
		e.Country = v
	case ColLatitude:
		e.Latitude, e.coords = v, coordsUnknown
	case ColLongitude:
		e.Longitude, e.coords = v, coordsUnknown
	case ColSources:
		e.Sources = SplitList(v)
	case ColConfidence:
		e.Confidence = v
	case ColTags:
		e.Tags = SplitList(v)
	case ColMedia:
		e.Media = v
	case ColMediaCaption:
		e.MediaCaption = v
	case ColMediaCredit:
		e.MediaCredit = v
	case ColDisplayDate:
		e.DisplayDate = v
	case ColKind:
		e.Kind = v
	}
}

// SplitList splits a ;-separated cell into its items, trimming spaces around
// each and dropping empty ones.
func SplitList(s string) []string {
	if s == "" {
		return nil
	}
	n := strings.Count(s, ";") + 1
	out := make([]string, 0, n)
	for part := range strings.SplitSeq(s, ";") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// JoinList is the inverse of SplitList: items joined with ";".
func JoinList(items []string) string { return strings.Join(items, ";") }
