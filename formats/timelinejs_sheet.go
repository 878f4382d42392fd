package formats

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"timeline/timeline"
)

// sheetColumns are the columns of a TimelineJS Google Sheets template, in
// its order.
var sheetColumns = []string{
	"Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
	"Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
	"Media Thumbnail", "Type", "Group", "Background",
}

// The extra columns the sheet fills that the dataset has no canonical
// column for.
const (
	colMediaThumbnail = "media_thumbnail"
	colBackground     = "background"
)

// TimelineJSSheet reads and writes the TimelineJS spreadsheet template as
// CSV (a Google Sheet downloaded as CSV).
type TimelineJSSheet struct{}

// Name returns "timelinejs-sheet".
func (TimelineJSSheet) Name() string { return "timelinejs-sheet" }

// Detect recognises a CSV whose header has the template's Year and
// Headline columns.
func (TimelineJSSheet) Detect(name string, head []byte) bool {
	h := firstCSVRecord(head, ',')
	return hasFold(h, "Year") && hasFold(h, "Headline")
}

// firstCSVRecord returns the cells of the first line of head, or nil.
func firstCSVRecord(head []byte, comma rune) []string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(line))
	r.Comma = comma
	r.LazyQuotes = true
	rec, err := r.Read()
	if err != nil {
		return nil
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec
}

func hasFold(cells []string, want string) bool {
	return slices.ContainsFunc(cells, func(c string) bool { return strings.EqualFold(c, want) })
}

// Import reads the sheet. The row whose Type is "title" gives the dataset's
// title and description; "era" rows become eras; Group is the lane
// (category). Headline, Text and the media credit and caption are HTML and
// become plain text with their links kept.
func (TimelineJSSheet) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	cr := csv.NewReader(bomSkipper(r))
	cr.FieldsPerRecord = -1
	next := func() ([]string, int, error) {
		for {
			rec, err := cr.Read()
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
						return nil, 0, fmt.Errorf("%d:%d: %v", pe.Line, pe.Column, pe.Err)
					}
					sink.Skip(Skip{Line: pe.StartLine, Reason: pe.Err.Error()})
					continue
				}
				return nil, 0, err
			}
			line, _ := cr.FieldPos(0)
			return rec, line, nil
		}
	}
	return importSheet(next, sink)
}

// importSheet maps the rows of a TimelineJS sheet, the header first, that
// next returns with their line (or row) numbers until io.EOF.
func importSheet(next func() ([]string, int, error), sink ImportSink) error {
	hdr, _, err := next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("empty file: want the TimelineJS template's header (Year, Month, Day, …, Headline, Text, …)")
		}
		return err
	}
	idx := map[string]int{}
	for i, h := range hdr {
		idx[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"year", "headline"} {
		if _, ok := idx[need]; !ok {
			return fmt.Errorf("no %q column: want the TimelineJS template's header (%s)", need, strings.Join(sheetColumns, ", "))
		}
	}
	titled := false
	for {
		rec, line, err := next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		get := func(col string) string {
			if i, ok := idx[strings.ToLower(col)]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // the blank rows a spreadsheet ends with
		}
		typ := strings.ToLower(get("Type"))
		if typ == "title" {
			if titled {
				sink.Skip(Skip{Line: line, Reason: "a second title row"})
				continue
			}
			titled = true
			if err := sink.Meta(Meta{Title: PlainText(get("Headline")), Description: PlainText(get("Text"))}); err != nil {
				return err
			}
			continue
		}
		start, warns, err := tjsDate(get("Year"), get("Month"), get("Day"), "", "", "", get("Time"))
		if err != nil {
			sink.Skip(Skip{Line: line, Reason: "start: " + err.Error()})
			continue
		}
		if start == "" {
			sink.Skip(Skip{Line: line, Reason: "no Year: a slide needs a date (only the title row may have none)"})
			continue
		}
		end, ewarns, err := tjsDate(get("End Year"), get("End Month"), get("End Day"), "", "", "", get("End Time"))
		if err != nil {
			sink.Skip(Skip{Line: line, Reason: "end: " + err.Error()})
			continue
		}
		for _, w := range append(warns, ewarns...) {
			sink.Warn(line, w)
		}
		cells := map[string]string{"start": start, "end": end, "title": PlainText(get("Headline")), "kind": ""}
		// Only the columns the sheet has: a re-import of a sheet without
		// Text leaves the descriptions as they are.
		for _, m := range []struct {
			col, cell string
			html      bool
		}{
			{"Text", "description", true}, {"Group", "category", false}, {"Media", "media", false},
			{"Media Caption", "media_caption", true}, {"Media Credit", "media_credit", true}, {"Display Date", "display_date", false},
		} {
			if _, ok := idx[strings.ToLower(m.col)]; ok {
				cells[m.cell] = get(m.col)
				if m.html {
					cells[m.cell] = PlainText(cells[m.cell])
				}
			}
		}
		switch typ {
		case "":
		case "era":
			cells["kind"] = timeline.KindEra
		default:
			sink.Warn(line, fmt.Sprintf("Type %q is not title or era: taken as an event", get("Type")))
		}
		moveMedia(cells, func(msg string) { sink.Warn(line, msg) })
		if cells["title"] == "" {
			cells["title"] = titleFrom(cells)
			sink.Warn(line, "no Headline: the title is made from the text or the date")
		}
		extra := []string{}
		for col, name := range map[string]string{"Media Thumbnail": colMediaThumbnail, "Background": colBackground} {
			if _, ok := idx[strings.ToLower(col)]; ok {
				cells[name] = get(col)
				extra = append(extra, name)
			}
		}
		slices.Sort(extra) // background, media_thumbnail
		if err := sink.Record(&Record{Line: line, Cells: cells, Extra: extra}); err != nil {
			return err
		}
	}
}

// moveMedia moves media that is not a link (TimelineJS takes a quote or
// HTML as a slide's media) to the end of the description, as plain text,
// since the dataset's media column holds an image URL.
func moveMedia(cells map[string]string, warn func(string)) {
	m := cells["media"]
	if m == "" || strings.HasPrefix(m, "http://") || strings.HasPrefix(m, "https://") {
		return
	}
	text := PlainText(m)
	if d := cells["description"]; d != "" {
		text = d + "\n\n" + text
	}
	cells["description"], cells["media"] = text, ""
	warn("media is not a link: its text is put at the end of the description")
}

// bomSkipper drops a UTF-8 byte-order mark at the start of r.
func bomSkipper(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		br.Discard(3)
	}
	return br
}

// Export writes the dataset as the TimelineJS template's CSV: a title row
// from the package's title and description, then one row an event.
func (TimelineJSSheet) Export(w io.Writer, ds *timeline.Dataset, lost func(Loss)) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.Write(sheetColumns)
	if ds.Package != nil && (ds.Package.Title() != "" || ds.Package.Description() != "") {
		rec := make([]string, len(sheetColumns))
		rec[9], rec[10], rec[15] = htmlText(ds.Package.Title()), htmlText(ds.Package.Description()), "title"
		cw.Write(rec)
	}
	thumb := slices.Index(ds.Extra, colMediaThumbnail)
	bg := slices.Index(ds.Extra, colBackground)
	for i := range ds.Events {
		ev := &ds.Events[i]
		sp, why := spanOf(ev)
		for _, r := range why {
			lost(Loss{ID: ev.ID, Line: ev.Line, Reason: r})
		}
		reportUnheld(ev, ds.Extra, lost, tjsHeld, colMediaThumbnail, colBackground)
		rec := make([]string, len(sheetColumns))
		putParts(rec[0:4], sp.start)
		if sp.hasEnd {
			putParts(rec[4:8], sp.end)
		}
		rec[8] = ev.DisplayDate
		rec[9] = htmlText(ev.Title)
		rec[10] = htmlText(ev.Description)
		rec[11] = ev.Media
		rec[12] = htmlText(ev.MediaCredit)
		rec[13] = htmlText(ev.MediaCaption)
		if thumb >= 0 {
			rec[14] = ev.Extra[thumb]
		}
		if ev.IsEra() {
			rec[15] = "era"
		}
		rec[16] = ev.Category
		if bg >= 0 {
			rec[17] = ev.Extra[bg]
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// putParts writes a date's parts into Year, Month, Day, Time cells.
func putParts(rec []string, p DateParts) {
	rec[0] = strconv.FormatInt(p.Year, 10)
	if p.Month != 0 {
		rec[1] = strconv.Itoa(p.Month)
	}
	if p.Day != 0 {
		rec[2] = strconv.Itoa(p.Day)
	}
	if p.HasTime {
		rec[3] = fmt.Sprintf("%d:%02d", p.Hour, p.Minute)
		if p.HasSecond {
			rec[3] += fmt.Sprintf(":%02d", p.Second)
		}
	}
}

// tjsHeld are the canonical columns TimelineJS has a place for.
var tjsHeld = []timeline.Column{
	timeline.ColID, timeline.ColStart, timeline.ColEnd, timeline.ColTitle, timeline.ColDescription,
	timeline.ColCategory, timeline.ColMedia, timeline.ColMediaCaption, timeline.ColMediaCredit,
	timeline.ColDisplayDate, timeline.ColKind,
}

// reportUnheld reports each non-empty cell of ev that the format has no
// place for: canonical columns not in held, extra columns not in keep.
func reportUnheld(ev *timeline.Event, extra []string, lost func(Loss), held []timeline.Column, keep ...string) {
	for c := range timeline.Columns() {
		col := timeline.Column(c)
		if slices.Contains(held, col) || ev.Field(col) == "" {
			continue
		}
		lost(Loss{ID: ev.ID, Line: ev.Line, Reason: col.String() + ": no place for it in the format"})
	}
	for k, name := range extra {
		if k < len(ev.Extra) && ev.Extra[k] != "" && !slices.Contains(keep, name) {
			lost(Loss{ID: ev.ID, Line: ev.Line, Reason: name + ": no place for it in the format"})
		}
	}
}
