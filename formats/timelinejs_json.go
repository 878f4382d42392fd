package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"timeline/timeline"
)

// TimelineJSJSON reads and writes TimelineJS's JSON: {title, events, eras,
// scale}, and reads the older shape that wraps slides as
// {"timeline": {"slides": [...]}}.
type TimelineJSJSON struct{}

// Name returns "timelinejs".
func (TimelineJSJSON) Name() string { return "timelinejs" }

// Detect recognises a JSON object with TimelineJS's keys.
func (TimelineJSJSON) Detect(name string, head []byte) bool {
	if jsonFirstByte(head) != '{' {
		return false
	}
	return bytes.Contains(head, []byte(`"start_date"`)) ||
		(bytes.Contains(head, []byte(`"timeline"`)) && (bytes.Contains(head, []byte(`"slides"`)) || bytes.Contains(head, []byte(`"startDate"`))))
}

// tjsSlide is a TimelineJS slide as read.
type tjsSlide struct {
	StartDate   map[string]json.RawMessage `json:"start_date"`
	EndDate     map[string]json.RawMessage `json:"end_date"`
	Text        json.RawMessage            `json:"text"` // an object; TimelineJS 2's a string
	Media       *tjsMedia                  `json:"media"`
	Group       json.RawMessage            `json:"group"`
	DisplayDate json.RawMessage            `json:"display_date"`
	UniqueID    json.RawMessage            `json:"unique_id"`
	Background  *struct {
		URL   string `json:"url"`
		Color string `json:"color"`
	} `json:"background"`
	Location *struct {
		Lat  json.RawMessage `json:"lat"`
		Lon  json.RawMessage `json:"lon"`
		Name string          `json:"name"`
	} `json:"location"`
	Type json.RawMessage `json:"type"`
	// The TimelineJS 2 shape: "2011,12,10" strings and an asset.
	OldStart    json.RawMessage `json:"startDate"`
	OldEnd      json.RawMessage `json:"endDate"`
	OldHeadline string          `json:"headline"`
	Asset       *tjsMedia       `json:"asset"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text"`
}

type tjsMedia struct {
	URL       string `json:"url"`
	Media     string `json:"media"`
	Caption   string `json:"caption"`
	Credit    string `json:"credit"`
	Thumbnail string `json:"thumbnail"`
}

// Import reads the whole file (TimelineJS files are small).
func (TimelineJSJSON) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	doc := newJSONDoc(data)
	if jsonFirstByte(doc.data) != '{' {
		return fmt.Errorf("want a JSON object with TimelineJS's events (start_date, text)")
	}
	if !json.Valid(doc.data) {
		var v any
		return doc.position(json.Unmarshal(doc.data, &v))
	}
	_, top, offs, err := doc.members(doc.data, 0)
	if err != nil {
		return doc.position(err)
	}
	if tl, ok := top["timeline"]; ok && top["events"] == nil {
		return importTJSOld(doc, tl, offs["timeline"], sink)
	}
	if raw, ok := top["title"]; ok {
		var s tjsSlide
		if err := json.Unmarshal(raw, &s); err != nil {
			return fmt.Errorf("%d: title: %v", doc.lineAt(offs["title"]), err)
		}
		m := Meta{}
		if t, ok := slideText(s.Text); ok {
			m.Title, m.Description = PlainText(t.Headline), PlainText(t.Text)
		}
		if err := sink.Meta(m); err != nil {
			return err
		}
	}
	for _, key := range []string{"events", "eras"} {
		raw, ok := top[key]
		if !ok {
			continue
		}
		els, err := doc.arrayAt(raw, offs[key])
		if err != nil {
			return fmt.Errorf("%s: %w", key, doc.position(err))
		}
		for _, el := range els {
			if err := importTJSSlide(el, key == "eras", sink); err != nil {
				return err
			}
		}
	}
	if _, ok := top["events"]; !ok {
		return fmt.Errorf("no \"events\" array: want TimelineJS JSON ({\"title\": …, \"events\": […]})")
	}
	return nil
}

// importTJSOld reads {"timeline": {"slides": [...]}} and TimelineJS 2's
// {"timeline": {"headline", "text", "date": [...], "era": [...]}}.
func importTJSOld(doc *jsonDoc, raw json.RawMessage, base int64, sink ImportSink) error {
	_, tl, offs, err := doc.members(raw, base)
	if err != nil {
		return doc.position(err)
	}
	m := Meta{Title: PlainText(scalar(tl["headline"])), Description: PlainText(scalar(tl["text"]))}
	for _, key := range []string{"slides", "date", "era"} {
		arr, ok := tl[key]
		if !ok {
			continue
		}
		els, err := doc.arrayAt(arr, offs[key])
		if err != nil {
			return fmt.Errorf("timeline.%s: %w", key, doc.position(err))
		}
		for _, el := range els {
			var s tjsSlide
			if err := json.Unmarshal(el.raw, &s); err == nil && key == "slides" && s.StartDate == nil && m.Title == "" {
				if t, ok := slideText(s.Text); ok {
					// The slide without a date is the title slide.
					m.Title, m.Description = PlainText(t.Headline), PlainText(t.Text)
					continue
				}
			}
			if err := importTJSSlide(el, key == "era", sink); err != nil {
				return err
			}
		}
	}
	if m.Title != "" || m.Description != "" {
		return sink.Meta(m)
	}
	return nil
}

// oldDateRE is TimelineJS 2's date: "2011,12,10" up to seconds.
var oldDateRE = regexp.MustCompile(`^\s*(-?\d+)(?:\s*,\s*(\d+))?(?:\s*,\s*(\d+))?(?:\s*,\s*(\d+))?(?:\s*,\s*(\d+))?(?:\s*,\s*(\d+))?\s*$`)

func importTJSSlide(el element, era bool, sink ImportSink) error {
	var s tjsSlide
	if err := json.Unmarshal(el.raw, &s); err != nil {
		sink.Skip(Skip{Line: el.line, Reason: "not a slide: " + err.Error()})
		return nil
	}
	start, warns, err := tjsDateObject(s.StartDate)
	if err == nil && s.StartDate == nil && s.OldStart != nil {
		start, warns, err = tjsOldDate(scalar(s.OldStart))
	}
	if err != nil {
		sink.Skip(Skip{Line: el.line, Reason: "start_date: " + err.Error()})
		return nil
	}
	if start == "" {
		sink.Skip(Skip{Line: el.line, Reason: "no start_date.year: a slide needs a date (only the title slide may have none)"})
		return nil
	}
	end, ewarns, err := tjsDateObject(s.EndDate)
	if err == nil && s.EndDate == nil && s.OldEnd != nil {
		end, ewarns, err = tjsOldDate(scalar(s.OldEnd))
	}
	if err != nil {
		sink.Skip(Skip{Line: el.line, Reason: "end_date: " + err.Error()})
		return nil
	}
	for _, w := range append(warns, ewarns...) {
		sink.Warn(el.line, w)
	}
	cells := map[string]string{"start": start, "end": end, "kind": ""}
	if t, ok := slideText(s.Text); ok {
		cells["title"], cells["description"] = PlainText(t.Headline), PlainText(t.Text)
	} else {
		cells["title"], cells["description"] = PlainText(s.OldHeadline), PlainText(scalar(s.Text))
	}
	media := s.Media
	if media == nil && s.Asset != nil {
		media = s.Asset
		media.URL = s.Asset.Media
	}
	if media != nil {
		cells["media"], cells["media_caption"], cells["media_credit"] = strings.TrimSpace(media.URL), PlainText(media.Caption), PlainText(media.Credit)
	}
	var extra []string
	if media != nil && media.Thumbnail != "" {
		cells[colMediaThumbnail] = media.Thumbnail
		extra = append(extra, colMediaThumbnail)
	}
	if s.Background != nil && (s.Background.URL != "" || s.Background.Color != "") {
		cells[colBackground] = s.Background.URL
		if s.Background.URL == "" {
			cells[colBackground] = s.Background.Color
		}
		extra = append(extra, colBackground)
	}
	cells["category"] = strings.TrimSpace(scalar(s.Group))
	dd := scalar(s.DisplayDate)
	if dd == "" {
		dd = scalar(s.StartDate["display_date"])
	}
	cells["display_date"] = strings.TrimSpace(dd)
	if s.Location != nil {
		lat, lon := scalar(s.Location.Lat), scalar(s.Location.Lon)
		if lat != "" && lon != "" {
			cells["latitude"], cells["longitude"] = lat, lon
		}
		if s.Location.Name != "" {
			cells["location"] = s.Location.Name
		}
	}
	moveMedia(cells, func(msg string) { sink.Warn(el.line, msg) })
	if era {
		cells["kind"] = timeline.KindEra
	}
	if t := scalar(s.Type); t != "" && !era {
		sink.Warn(el.line, fmt.Sprintf("slide type %q is not kept", t))
	}
	if cells["title"] == "" {
		cells["title"] = titleFrom(cells)
		sink.Warn(el.line, "no headline: the title is made from the text or the date")
	}
	rec := &Record{Line: el.line, Cells: cells, Extra: extra}
	if id := strings.TrimSpace(scalar(s.UniqueID)); id != "" {
		rec.SourceID = id
		if validSlug(id) {
			cells["id"] = id
		}
	}
	return sink.Record(rec)
}

// slideText decodes a slide's text object.
func slideText(raw json.RawMessage) (tjsText, bool) {
	var t tjsText
	if jsonFirstByte(raw) != '{' || json.Unmarshal(raw, &t) != nil {
		return t, false
	}
	return t, true
}

// jsonNumber spells a number cell as a JSON number.
func jsonNumber(s string) json.Number {
	if json.Valid([]byte(s)) {
		return json.Number(s)
	}
	f, _ := strconv.ParseFloat(s, 64)
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
}

// validSlug reports whether s is a valid event id.
func validSlug(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// tjsDateObject converts a start_date or end_date object.
func tjsDateObject(o map[string]json.RawMessage) (string, []string, error) {
	if o == nil {
		return "", nil, nil
	}
	var warns []string
	if ms := strings.TrimSpace(scalar(o["millisecond"])); ms != "" && ms != "0" {
		warns = append(warns, "milliseconds are dropped: EDTF times stop at seconds")
	}
	s, w, err := tjsDate(scalar(o["year"]), scalar(o["month"]), scalar(o["day"]), scalar(o["hour"]), scalar(o["minute"]), scalar(o["second"]), "")
	return s, append(warns, w...), err
}

// tjsOldDate converts TimelineJS 2's "2011,12,10" or "2011,12,10,13,45".
func tjsOldDate(s string) (string, []string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil, nil
	}
	m := oldDateRE.FindStringSubmatch(s)
	if m == nil {
		return "", nil, fmt.Errorf("%q: want YEAR,MONTH,DAY", s)
	}
	return tjsDate(m[1], m[2], m[3], m[4], m[5], m[6], "")
}

// Export writes the dataset as TimelineJS JSON. The event's id is its
// unique_id, so that importing the file back gives the same events.
func (TimelineJSJSON) Export(w io.Writer, ds *timeline.Dataset, lost func(Loss)) error {
	type dateObj struct {
		Year   json.Number `json:"year"`
		Month  json.Number `json:"month,omitempty"`
		Day    json.Number `json:"day,omitempty"`
		Hour   json.Number `json:"hour,omitempty"`
		Minute json.Number `json:"minute,omitempty"`
		Second json.Number `json:"second,omitempty"`
	}
	type media struct {
		URL       string `json:"url"`
		Caption   string `json:"caption,omitempty"`
		Credit    string `json:"credit,omitempty"`
		Thumbnail string `json:"thumbnail,omitempty"`
	}
	type location struct {
		Lat  json.Number `json:"lat"`
		Lon  json.Number `json:"lon"`
		Name string      `json:"name,omitempty"`
	}
	type background struct {
		URL   string `json:"url,omitempty"`
		Color string `json:"color,omitempty"`
	}
	type slide struct {
		StartDate   *dateObj    `json:"start_date,omitempty"`
		EndDate     *dateObj    `json:"end_date,omitempty"`
		Text        tjsText     `json:"text"`
		Media       *media      `json:"media,omitempty"`
		Group       string      `json:"group,omitempty"`
		DisplayDate string      `json:"display_date,omitempty"`
		UniqueID    string      `json:"unique_id,omitempty"`
		Background  *background `json:"background,omitempty"`
		Location    *location   `json:"location,omitempty"`
	}
	num := func(n int64) json.Number { return json.Number(strconv.FormatInt(n, 10)) }
	obj := func(p DateParts) *dateObj {
		d := &dateObj{Year: num(p.Year)}
		if p.Month != 0 {
			d.Month = num(int64(p.Month))
		}
		if p.Day != 0 {
			d.Day = num(int64(p.Day))
		}
		if p.HasTime {
			d.Hour, d.Minute = num(int64(p.Hour)), num(int64(p.Minute))
			if p.HasSecond {
				d.Second = num(int64(p.Second))
			}
			// TimelineJS omits a zero hour otherwise: keep it explicit.
			if p.Hour == 0 {
				d.Hour = "0"
			}
			if p.Minute == 0 {
				d.Minute = "0"
			}
		}
		return d
	}
	var out struct {
		Title  *slide  `json:"title,omitempty"`
		Events []slide `json:"events"`
		Eras   []slide `json:"eras,omitempty"`
		Scale  string  `json:"scale,omitempty"`
	}
	out.Events = []slide{}
	if ds.Package != nil && (ds.Package.Title() != "" || ds.Package.Description() != "") {
		out.Title = &slide{Text: tjsText{Headline: htmlText(ds.Package.Title()), Text: htmlText(ds.Package.Description())}}
	}
	thumb := slices.Index(ds.Extra, colMediaThumbnail)
	bg := slices.Index(ds.Extra, colBackground)
	for i := range ds.Events {
		ev := &ds.Events[i]
		sp, why := spanOf(ev)
		for _, r := range why {
			lost(Loss{ID: ev.ID, Line: ev.Line, Reason: r})
		}
		reportUnheld(ev, ds.Extra, lost, tjsJSONHeld, colMediaThumbnail, colBackground)
		if sp.start.Year > 200000 || sp.start.Year < -200000 {
			out.Scale = "cosmological"
		}
		s := slide{
			StartDate:   obj(sp.start),
			Text:        tjsText{Headline: htmlText(ev.Title), Text: htmlText(ev.Description)},
			Group:       ev.Category,
			DisplayDate: ev.DisplayDate,
			UniqueID:    ev.ID,
		}
		if sp.hasEnd {
			s.EndDate = obj(sp.end)
		}
		if ev.Media != "" || (thumb >= 0 && ev.Extra[thumb] != "") || ev.MediaCaption != "" || ev.MediaCredit != "" {
			s.Media = &media{URL: ev.Media, Caption: htmlText(ev.MediaCaption), Credit: htmlText(ev.MediaCredit)}
			if thumb >= 0 {
				s.Media.Thumbnail = ev.Extra[thumb]
			}
		}
		if bg >= 0 && ev.Extra[bg] != "" {
			b := ev.Extra[bg]
			if strings.HasPrefix(b, "#") {
				s.Background = &background{Color: b}
			} else {
				s.Background = &background{URL: b}
			}
		}
		if ev.Latitude != "" || ev.Longitude != "" {
			if _, _, ok := ev.Coordinates(); ok {
				s.Location = &location{Lat: jsonNumber(ev.Latitude), Lon: jsonNumber(ev.Longitude), Name: ev.Location}
			} else {
				lost(Loss{ID: ev.ID, Line: ev.Line, Reason: "latitude/longitude: not valid coordinates"})
			}
		} else if ev.Location != "" {
			lost(Loss{ID: ev.ID, Line: ev.Line, Reason: "location: TimelineJS keeps a place name only with coordinates"})
		}
		if ev.IsEra() {
			if s.StartDate == nil || s.EndDate == nil {
				lost(Loss{ID: ev.ID, Line: ev.Line, Reason: "an era without an end: written as an event"})
				out.Events = append(out.Events, s)
				continue
			}
			out.Eras = append(out.Eras, s)
			continue
		}
		out.Events = append(out.Events, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// tjsJSONHeld are the canonical columns TimelineJS JSON has a place for.
var tjsJSONHeld = append(slices.Clone(tjsHeld), timeline.ColLatitude, timeline.ColLongitude, timeline.ColLocation)
