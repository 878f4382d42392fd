package textdate

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ParseDCT reads a document date: a day (2017-05-17), or a date and time
// (1998-02-13T14:35:00, 1998-02-13T14:35), of which the day is kept.
func ParseDCT(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && (len(s) == 10 || s[10] == 'T' || s[10] == ' ') {
			return t, nil
		}
	}
	if len(s) == 8 {
		if t, err := time.Parse("20060102", s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("document date %q: want YYYY-MM-DD", s)
}

// jsonTimex is one line of the JSON Lines output.
type jsonTimex struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Mod   string `json:"mod,omitempty"`
	EDTF  string `json:"edtf,omitempty"`
}

// WriteJSONL writes one JSON line per expression of text, with start and
// end as offsets in Unicode code points (end exclusive).
func WriteJSONL(w *bufio.Writer, name, text string, ts []Timex) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	runes, at := 0, 0
	offset := func(b int) int {
		runes += utf8.RuneCountInString(text[at:b])
		at = b
		return runes
	}
	for _, t := range ts {
		start := offset(t.Start)
		end := offset(t.End)
		if err := enc.Encode(jsonTimex{name, start, end, t.Text, t.Type, t.Value, t.Mod, t.EDTF}); err != nil {
			return err
		}
	}
	return nil
}

// CandidateHeader is the header of WriteCandidates: dataset columns, then
// quote and offset.
var CandidateHeader = []string{"id", "start", "end", "title", "actors", "location", "sources", "confidence", "quote", "offset"}

// WriteCandidates writes candidate events as CSV with CandidateHeader.
func WriteCandidates(w io.Writer, cs []Candidate) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CandidateHeader); err != nil {
		return err
	}
	for _, c := range cs {
		offset := ""
		if c.Quote != "" {
			offset = strconv.Itoa(c.Offset)
		}
		if err := cw.Write([]string{c.ID, c.Start, c.End, c.Title, c.Actors, c.Location, c.Sources, c.Confidence, c.Quote, offset}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
