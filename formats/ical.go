package formats

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"timeline/timeline"
	"timeline/timeline/edtf"
)

// ICal reads and writes iCalendar (RFC 5545): one VEVENT an event. A
// day-precise date is an all-day event; a coarser one (a month, a year, a
// season, a range) an all-day event over the days it covers; a date-time an
// event at that instant in UTC. The EDTF dates themselves, and the columns
// iCalendar has no property for, ride along as X-TIMELINE-START, X-TIMELINE-END and X-TIMELINE-FIELD;X-NAME=column properties,
// which calendar applications ignore and an import reads back.
type ICal struct {
	// Now is the clock for DTSTAMP; nil means the dataset's own time zero,
	// 1970-01-01, so that the same dataset gives the same bytes.
	Now func() time.Time
}

// Name returns "ical".
func (ICal) Name() string { return "ical" }

// Detect recognises BEGIN:VCALENDAR.
func (ICal) Detect(name string, head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) >= 15 && strings.EqualFold(string(t[:15]), "BEGIN:VCALENDAR")
}

// icalProp is one content line: NAME;PARAM=V:VALUE.
type icalProp struct {
	name   string
	params map[string]string
	value  string
	line   int
}

// readICalLines unfolds the content lines of r.
func readICalLines(r io.Reader, fn func(icalProp) error) error {
	sc := bufio.NewScanner(bomSkipper(r))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var cur strings.Builder
	curLine, n := 0, 0
	flush := func() error {
		if cur.Len() == 0 {
			return nil
		}
		p, ok := parseICalLine(cur.String())
		cur.Reset()
		if !ok {
			return nil
		}
		p.line = curLine
		return fn(p)
	}
	for sc.Scan() {
		n++
		l := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			cur.WriteString(l[1:])
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		cur.WriteString(l)
		curLine = n
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return flush()
}

func parseICalLine(l string) (icalProp, bool) {
	// The name and parameters end at the first colon outside quotes.
	inQuote := false
	colon := -1
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '"':
			inQuote = !inQuote
		case ':':
			if !inQuote {
				colon = i
			}
		}
		if colon >= 0 {
			break
		}
	}
	if colon < 0 {
		return icalProp{}, false
	}
	p := icalProp{value: l[colon+1:], params: map[string]string{}}
	parts := splitOutsideQuotes(l[:colon], ';')
	p.name = strings.ToUpper(parts[0])
	for _, kv := range parts[1:] {
		k, v, _ := strings.Cut(kv, "=")
		p.params[strings.ToUpper(k)] = strings.Trim(v, `"`)
	}
	return p, true
}

func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	inQuote, from := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			inQuote = !inQuote
		case s[i] == sep && !inQuote:
			out = append(out, s[from:i])
			from = i + 1
		}
	}
	return append(out, s[from:])
}

// unescapeText undoes RFC 5545's TEXT escapes.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Import reads every VEVENT.
func (ICal) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	var ev []icalProp
	inEvent, depth, seenCal := false, 0, false
	start := 0
	calName := ""
	err := readICalLines(r, func(p icalProp) error {
		switch {
		case p.name == "BEGIN" && strings.EqualFold(p.value, "VCALENDAR"):
			seenCal = true
		case p.name == "BEGIN" && strings.EqualFold(p.value, "VEVENT") && !inEvent:
			inEvent, ev, start, depth = true, nil, p.line, 0
		case inEvent && p.name == "BEGIN":
			depth++ // a VALARM inside the event
		case inEvent && p.name == "END" && depth > 0:
			depth--
		case inEvent && p.name == "END" && strings.EqualFold(p.value, "VEVENT"):
			inEvent = false
			return importVEvent(ev, start, sink)
		case inEvent && depth == 0:
			ev = append(ev, p)
		case !inEvent && p.name == "X-WR-CALNAME":
			calName = unescapeText(p.value)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !seenCal {
		return fmt.Errorf("no BEGIN:VCALENDAR: want an iCalendar file")
	}
	if inEvent {
		sink.Skip(Skip{Line: start, Reason: "a VEVENT without its END:VEVENT (the file is cut short)"})
	}
	if calName != "" {
		return sink.Meta(Meta{Title: calName})
	}
	return nil
}

func importVEvent(props []icalProp, line int, sink ImportSink) error {
	cells := map[string]string{}
	rec := &Record{Line: line, Cells: cells}
	var dtstart, dtend *icalProp
	var edtfStart, edtfEnd string
	for i := range props {
		p := &props[i]
		v := unescapeText(p.value)
		switch p.name {
		case "UID":
			rec.SourceID = p.value
		case "SUMMARY":
			cells["title"] = v
		case "DESCRIPTION":
			cells["description"] = v
		case "LOCATION":
			cells["location"] = v
		case "CATEGORIES":
			cats := splitEscaped(p.value)
			if len(cats) > 0 {
				cells["category"] = cats[0]
			}
			if len(cats) > 1 {
				sink.Warn(p.line, fmt.Sprintf("categories after the first (%s) are kept as tags", strings.Join(cats[1:], ", ")))
				cells["tags"] = timeline.JoinList(cats[1:])
			}
		case "GEO":
			lat, lon, ok := strings.Cut(p.value, ";")
			if ok {
				cells["latitude"], cells["longitude"] = strings.TrimSpace(lat), strings.TrimSpace(lon)
			}
		case "URL":
			cells["sources"] = p.value
		case "DTSTART":
			dtstart = p
		case "DTEND":
			dtend = p
		case "DURATION":
			sink.Warn(p.line, "DURATION is not read: the event has its start only")
		case "RRULE", "RDATE":
			sink.Warn(p.line, "a recurring event: only its first occurrence is imported")
		case "X-TIMELINE-START":
			edtfStart = p.value
		case "X-TIMELINE-END":
			edtfEnd = p.value
		case "X-TIMELINE-FIELD":
			col := cmp.Or(p.params["X-NAME"], p.params["NAME"])
			if col == "" {
				continue
			}
			cells[col] = v
			if _, canonical := timeline.ColumnByName(col); !canonical && !slices.Contains(rec.Extra, col) {
				rec.Extra = append(rec.Extra, col)
			}
		}
	}
	if id := cells["id"]; id == "" {
		if id, _, _ := strings.Cut(rec.SourceID, "@"); validSlug(id) {
			cells["id"] = id
		}
	}
	if edtfStart != "" {
		cells["start"], cells["end"] = edtfStart, edtfEnd
	} else {
		if dtstart == nil {
			sink.Skip(Skip{Line: line, Reason: "no DTSTART"})
			return nil
		}
		s, e, err := icalSpan(dtstart, dtend)
		if err != nil {
			sink.Skip(Skip{Line: dtstart.line, Reason: err.Error()})
			return nil
		}
		cells["start"], cells["end"] = s, e
	}
	if cells["title"] == "" {
		cells["title"] = titleFrom(cells)
		sink.Warn(line, "no SUMMARY: the title is made from the description or the date")
	}
	return sink.Record(rec)
}

// splitEscaped splits a comma-separated TEXT list, honouring "\,".
func splitEscaped(s string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			if s[i] == 'n' || s[i] == 'N' {
				cur.WriteByte('\n')
			} else {
				cur.WriteByte(s[i])
			}
		case s[i] == ',':
			if t := strings.TrimSpace(cur.String()); t != "" {
				out = append(out, t)
			}
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	if t := strings.TrimSpace(cur.String()); t != "" {
		out = append(out, t)
	}
	return out
}

// icalSpan turns DTSTART and DTEND into EDTF. All-day ends are exclusive:
// a single day has none, a whole month or year is written as that month
// or year, and any other run of days as first/last day.
func icalSpan(ds, de *icalProp) (string, string, error) {
	start, allDay, err := icalTime(ds)
	if err != nil {
		return "", "", fmt.Errorf("DTSTART: %v", err)
	}
	if !allDay {
		s := icalEDTF(start, ds)
		if de == nil {
			return s, "", nil
		}
		end, _, err := icalTime(de)
		if err != nil {
			return "", "", fmt.Errorf("DTEND: %v", err)
		}
		if end.Equal(start) {
			return s, "", nil
		}
		return s, icalEDTF(end, de), nil
	}
	if de == nil {
		return formatDay(start), "", nil
	}
	end, _, err := icalTime(de)
	if err != nil {
		return "", "", fmt.Errorf("DTEND: %v", err)
	}
	last := end.AddDate(0, 0, -1)
	switch {
	case !end.After(start) || last.Equal(start):
		return formatDay(start), "", nil
	case start.Day() == 1 && end.Equal(start.AddDate(0, 1, 0)):
		return formatYear(int64(start.Year())) + fmt.Sprintf("-%02d", start.Month()), "", nil
	case start.YearDay() == 1 && end.Equal(start.AddDate(1, 0, 0)):
		return formatYear(int64(start.Year())), "", nil
	}
	return formatDay(start), formatDay(last), nil
}

// icalTime reads a DATE or DATE-TIME value; allDay is true for a DATE.
// A TZID is applied when the time zone database knows it.
func icalTime(p *icalProp) (t time.Time, allDay bool, err error) {
	v := strings.TrimSpace(p.value)
	if strings.EqualFold(p.params["VALUE"], "DATE") || len(v) == 8 {
		t, err = time.Parse("20060102", v)
		return t, true, err
	}
	loc := time.UTC
	if tz := p.params["TZID"]; tz != "" {
		if l, lerr := time.LoadLocation(tz); lerr == nil {
			loc = l
		}
	}
	if strings.HasSuffix(v, "Z") {
		t, err = time.Parse("20060102T150405Z", v)
	} else {
		t, err = time.ParseInLocation("20060102T150405", v, loc)
	}
	return t, false, err
}

// icalEDTF spells a date-time: in UTC (Z) when it was written in UTC or
// with a known TZID; as written (no zone: floating) otherwise.
func icalEDTF(t time.Time, p *icalProp) string {
	v := strings.TrimSpace(p.value)
	if strings.HasSuffix(v, "Z") || (p.params["TZID"] != "" && t.Location() != time.UTC) {
		t = t.UTC()
		return formatDay(t) + t.Format("T15:04:05Z")
	}
	return formatDay(t) + t.Format("T15:04:05")
}

// Export writes the dataset as a VCALENDAR. iCalendar's dates run from
// year 1 to 9999: an event outside them is left out and reported.
func (c ICal) Export(w io.Writer, ds *timeline.Dataset, lost func(Loss)) error {
	now := time.Unix(0, 0).UTC()
	if c.Now != nil {
		now = c.Now().UTC()
	}
	var b bytes.Buffer
	line := func(name, value string) { foldLine(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//timeline//timeline export//EN")
	line("CALSCALE", "GREGORIAN")
	uidHost := "timeline"
	if ds.Package != nil {
		if ds.Package.Title() != "" {
			line("X-WR-CALNAME", escapeText(ds.Package.Title()))
		}
		if ds.Package.Name() != "" {
			uidHost = ds.Package.Name()
		}
	}
	for i := range ds.Events {
		ev := &ds.Events[i]
		lo, hi := timeline.Span(ev.StartDate, ev.EndDate)
		if lo.Year() < 1 || hi.Year() > 9999 {
			lost(Loss{ID: ev.ID, Line: ev.Line, Reason: "a date before year 1 or after 9999: iCalendar cannot hold it; event left out"})
			continue
		}
		line("BEGIN", "VEVENT")
		line("UID", ev.ID+"@"+uidHost)
		line("DTSTAMP", now.Format("20060102T150405Z"))
		timed := !ev.StartDate.IsInterval() && ev.StartDate.Precision() >= edtf.PrecisionMinute
		switch {
		case timed:
			line("DTSTART", lo.Format("20060102T150405Z"))
			if !ev.EndDate.IsZero() {
				if ev.EndDate.Precision() >= edtf.PrecisionMinute && !ev.EndDate.IsInterval() {
					line("DTEND", ev.EndDate.Lower().UTC().Format("20060102T150405Z"))
				} else {
					line("DTEND", hi.Format("20060102T150405Z"))
				}
			}
		default:
			line("DTSTART;VALUE=DATE", lo.Format("20060102"))
			end := hi
			if hi.Hour() != 0 || hi.Minute() != 0 || hi.Second() != 0 {
				end = time.Date(hi.Year(), hi.Month(), hi.Day()+1, 0, 0, 0, 0, time.UTC)
			}
			line("DTEND;VALUE=DATE", end.Format("20060102"))
		}
		if ev.StartDate.LowerOpen() || ev.StartDate.UpperOpen() || ev.EndDate.UpperOpen() || ev.EndDate.LowerOpen() {
			lost(Loss{ID: ev.ID, Line: ev.Line, Reason: "an open or unknown end: calendars see the known part only (the EDTF date is kept in X-TIMELINE-START/END)"})
		}
		line("X-TIMELINE-START", ev.StartDate.String())
		if !ev.EndDate.IsZero() {
			line("X-TIMELINE-END", ev.EndDate.String())
		}
		line("SUMMARY", escapeText(ev.Title))
		if ev.Description != "" {
			line("DESCRIPTION", escapeText(ev.Description))
		}
		if ev.Location != "" {
			line("LOCATION", escapeText(ev.Location))
		}
		if lat, lon, ok := ev.Coordinates(); ok {
			line("GEO", fmt.Sprintf("%s;%s", trimFloat(lat), trimFloat(lon)))
		}
		if ev.Category != "" {
			line("CATEGORIES", escapeText(ev.Category))
		}
		url := ""
		if len(ev.Sources) > 0 && isWebLink(ev.Sources[0]) {
			url = ev.Sources[0]
			line("URL", url)
		}
		field := func(name, v string) {
			if strings.Contains(name, `"`) || !utf8.ValidString(name) {
				lost(Loss{ID: ev.ID, Line: ev.Line, Reason: name + ": a column name iCalendar cannot carry"})
				return
			}
			line(`X-TIMELINE-FIELD;X-NAME="`+name+`"`, escapeText(v))
		}
		field("id", ev.ID)
		for _, col := range []timeline.Column{timeline.ColActors, timeline.ColCountry, timeline.ColSources, timeline.ColConfidence,
			timeline.ColTags, timeline.ColMedia, timeline.ColMediaCaption, timeline.ColMediaCredit, timeline.ColDisplayDate, timeline.ColKind} {
			if v := ev.Field(col); v != "" && !(col == timeline.ColSources && v == url) {
				field(col.String(), v)
			}
		}
		if ev.Latitude != "" || ev.Longitude != "" {
			if _, _, ok := ev.Coordinates(); !ok {
				lost(Loss{ID: ev.ID, Line: ev.Line, Reason: "coordinates not valid: no GEO written"})
			} else if trimFloat(mustFloat(ev.Latitude)) != ev.Latitude || trimFloat(mustFloat(ev.Longitude)) != ev.Longitude {
				field("latitude", ev.Latitude)
				field("longitude", ev.Longitude)
			}
		}
		for k, name := range ds.Extra {
			if k < len(ev.Extra) && ev.Extra[k] != "" {
				field(name, ev.Extra[k])
			}
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	_, err := w.Write(b.Bytes())
	return err
}

// escapeText applies RFC 5545's TEXT escapes.
func escapeText(s string) string {
	return icalEscaper.Replace(s)
}

var icalEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// foldLine writes a content line folded at 75 octets, never inside a
// UTF-8 sequence, with CRLF.
func foldLine(b *bytes.Buffer, l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func mustFloat(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
