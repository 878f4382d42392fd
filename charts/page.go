// Package charts turns a dataset into self-contained HTML pages: the
// interactive timeline with its story view, search, lane filters and event
// table. Pages inline ECharts, their scripts, styles and data, make no network
// request of their own, and are byte-identical for the same input.
//
// Dataset text never becomes markup: HTML is written with html/template, data
// for scripts goes into a JSON script element written by encoding/json (which
// escapes <, > and &), and the page's own scripts build the story view from
// DOM nodes. go-echarts builds the chart option's skeleton; its HTML output is
// not used, since it lets dataset text run as script.
package charts

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"slices"
	"strings"

	"timeline/timeline"
	"timeline/timeline/agg"
)

//go:embed assets/echarts/echarts.min.js
var echartsJS string

//go:embed assets/echarts/lang*.js
var localeFS embed.FS

//go:embed page.tmpl page.css page/*.js
var pageEmbed embed.FS

// pageModules are the files of the page script, in page/, in the order
// they are joined into the page's one inline script: the pure rules first
// (each attaches to the namespace object timelinePage), then the parts of
// the page, then main, which wires them.
var pageModules = []string{"plural.js", "periods.js", "ticks.js", "dates.js", "rank.js", "geo.js", "data.js", "timeline.js", "panels.js", "story.js", "slides.js", "table.js", "chrome.js", "main.js"}

// pageFS serves the page's template, stylesheet and script; its
// "page.js" is the script as the page inlines it, pageModules joined.
var pageFS = pageFiles{pageEmbed}

type pageFiles struct{ embed.FS }

// ReadFile reads a file, or for "page.js" joins the modules.
func (f pageFiles) ReadFile(name string) ([]byte, error) {
	if name != "page.js" {
		return f.FS.ReadFile(name)
	}
	var b bytes.Buffer
	for _, m := range pageModules {
		s, err := f.FS.ReadFile("page/" + m)
		if err != nil {
			return nil, err
		}
		b.Write(s)
	}
	return b.Bytes(), nil
}

// The page's panel shares these rules with timeline chart, and gets them
// in its data rather than from numbers of its own.
const (
	// TopActors is how many actors the actors and network panels show,
	// as timeline chart's --top default.
	TopActors = 20
	// AutoPeriods is the most periods the panel's automatic unit splits
	// the zoomed window into (agg.AutoUnit's max), as timeline chart's.
	AutoPeriods = 120
)

// pageUnits are the period units the panel chooses from, finest first.
var pageUnits = func() []string {
	var us []string
	for u := agg.Day; u <= agg.Coarsest; u++ {
		us = append(us, u.String())
	}
	return us
}()

// Meta describes the dataset for the page header.
type Meta struct {
	Title, Description  string
	License, LicenseURL string
	Citation            string
	Sources             []Link // dataset-level sources
	CSV                 []byte // the dataset as CSV, offered as a download
	// CSVGzip is CSV gzipped (GzipCSV), when the caller compressed it
	// ahead, as render does while it reads the rows; RenderPage
	// compresses CSV otherwise.
	CSVGzip []byte
	CSVName string // its file name, e.g. "events.csv"
}

// Link is a titled URL.
type Link struct{ Title, URL string }

// Event is one event as the page shows it. Lower and Upper are Unix
// minutes, UTC (see unixMinutes): minutes, not milliseconds, so that the
// billions of years of deep time fit; Upper is exclusive.
type Event struct {
	ID, Title, Description        string
	Lanes                         []string // lane values; empty means the lane "—"
	Lower, Upper                  int64
	LowerOpen, UpperOpen, Ongoing bool // unknown or open start; unknown or open end; end ".."
	Uncertain, Approximate        bool
	Point                         bool   // a single date precise to the day or finer
	Date                          string // formatted for the page language
	Written                       string // the date as written in the dataset
	Era                           bool   // a background period
	Category                      string
	Actors, Sources, Tags         []string
	Location, Country             string
	Lat, Lon                      float64
	HasCoords                     bool
	Value                         float64 // the --value column's number
	HasValue                      bool
	Confidence                    string
	Media, MediaCaption           string
	MediaCredit                   string
}

// Options choose how the page looks.
type Options struct {
	Theme     string // light (default), dark, contrast or auto
	Lang      string // en (default), ru, fr, de or es
	Embed     bool   // no page chrome, for an <iframe>
	Start     string // the view it opens in: timeline (default) or story, one event a slide
	LaneTitle string // the column the lanes come from
	// ValueTitle names the numeric column whose per-period sum the page can
	// chart (render --value); empty for none.
	ValueTitle string
	// Image is what a chart page's toolbox saves: png (default) or svg,
	// which draws the chart with ECharts' SVG renderer.
	Image string
}

// Themes and Langs list the accepted option values.
var (
	Themes = []string{"light", "dark", "contrast", "auto"}
	Starts = []string{"timeline", "story"}
	Langs  = []string{"en", "ru", "fr", "de", "es"}
)

// ErrOption is wrapped by errors about option values.
var ErrOption = errors.New("bad option")

// Validate fills in defaults and checks the values.
func (o *Options) Validate() error {
	if o.Theme == "" {
		o.Theme = "light"
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if o.LaneTitle == "" {
		o.LaneTitle = "category"
	}
	if o.Image == "" {
		o.Image = "png"
	}
	if o.Start == "" {
		o.Start = "timeline"
	}
	if !slices.Contains(Starts, o.Start) {
		return fmt.Errorf("%w: unknown start view %q: want %s", ErrOption, o.Start, strings.Join(Starts, " or "))
	}
	if o.Image != "png" && o.Image != "svg" {
		return fmt.Errorf("%w: unknown image format %q: want png or svg", ErrOption, o.Image)
	}
	if !slices.Contains(Themes, o.Theme) {
		return fmt.Errorf("%w: unknown theme %q: want %s", ErrOption, o.Theme, strings.Join(Themes, ", "))
	}
	if !slices.Contains(Langs, o.Lang) {
		return fmt.Errorf("%w: unknown language %q: want %s", ErrOption, o.Lang, strings.Join(Langs, ", "))
	}
	return nil
}

// EmbedSnippet returns the HTML to paste into a page to embed file, the
// page of the dataset titled title: an iframe as wide as its column, and a
// script that sets its height to what the page inside reports (the page
// posts {timelineHeight: px} to its parent whenever its height changes).
// Without the script the iframe keeps a 4:3 shape.
func EmbedSnippet(file, title string) string {
	name := "Timeline"
	if title != "" {
		name = "Timeline: " + title
	}
	return fmt.Sprintf(`<iframe src="%s" title="%s" data-timeline style="display:block;width:100%%;aspect-ratio:4/3;border:0" loading="lazy"></iframe>`+
		`<script>addEventListener("message",function(e){var d=e.data,f=document.querySelectorAll("iframe[data-timeline]");`+
		`if(!d||typeof d.timelineHeight!=="number")return;for(var i=0;i<f.length;i++)if(f[i].contentWindow===e.source){`+
		`f[i].style.aspectRatio="auto";f[i].style.height=Math.ceil(d.timelineHeight)+"px"}})</script>`,
		template.HTMLEscapeString(file), template.HTMLEscapeString(name))
}

// Event flags as the page script reads them.
const (
	flagPoint = 1 << iota
	flagUncertain
	flagApproximate
	flagLowerOpen
	flagUpperOpen
	flagOngoing
	flagEra
)

// pageData is what the page script gets, as JSON. The events are in Core
// and Text, compressed columns (pagedata.go); the rest is small.
type pageData struct {
	Lang    string            `json:"lang"`
	Strings map[string]string `json:"strings"`
	Lanes   []string          `json:"lanes"`
	N       int               `json:"n"` // the number of events
	// Core, Text and CSVGz are written into the page's JSON by RenderPage
	// as they are compressed, after the rest; they are here for readers
	// of the JSON.
	Core    *block          `json:"core,omitempty"`
	Text    *block          `json:"text,omitempty"`
	Option  json.RawMessage `json:"option"`
	CSVGz   string          `json:"csv,omitempty"` // the dataset CSV, gzip, base64
	CSVName string          `json:"csvName,omitempty"`
	// World is the world map the geolocated events are drawn on, only when
	// there are any; ValName names the value column.
	ValName string          `json:"valName,omitempty"`
	World   json.RawMessage `json:"world,omitempty"`
	// Units, MaxPeriods and Top are the panel's rules: the units its
	// automatic unit chooses from, finest first, the most periods it
	// makes, and how many actors it shows.
	Units      []string `json:"units"`
	MaxPeriods int      `json:"maxPeriods"`
	// MinPeriods and PerEvent bound the periods by the events of the
	// window, as agg.EventPeriodLimit does.
	MinPeriods int `json:"minPeriods"`
	PerEvent   int `json:"perEvent"`
	Top        int `json:"top"`
	// Colors and ContrastColors are each lane's colour (palette.go), on
	// the light and dark themes and on the contrast theme.
	Colors         []string `json:"colors"`
	ContrastColors []string `json:"contrastColors"`
}

// NoScriptRows is the most events whose table the page also writes as
// HTML, for readers without JavaScript; a larger page says how to get its
// rows instead (the CSV it carries, timeline list), since the rows would
// be its events a second time.
const NoScriptRows = 3000

// RenderPage writes the whole page. events must be in date order.
func RenderPage(w io.Writer, meta Meta, events []Event, opt Options) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	tr := translations[opt.Lang]
	// The dataset's CSV is compressed while the rest is made.
	csvDone := make(chan error, 1)
	csvGz := meta.CSVGzip
	go func() {
		var err error
		if csvGz == nil && len(meta.CSV) > 0 {
			csvGz, err = GzipCSV(meta.CSV)
		}
		csvDone <- err
	}()
	lanes, laneOf := laneIndex(events, tr["none"])
	if lanes == nil {
		lanes = []string{} // the script reads a list, even of no lanes
	}
	data := pageData{Lang: opt.Lang, Strings: tr, Lanes: lanes, N: len(events), CSVName: meta.CSVName,
		Units: pageUnits, MaxPeriods: AutoPeriods, MinPeriods: agg.MinAutoPeriods, PerEvent: agg.PeriodsPerEvent, Top: TopActors}
	data.Colors, data.ContrastColors = LaneColors("light", lanes), LaneColors("contrast", lanes)
	var first, last int64
	hasGeo := false
	for i, e := range events {
		if i == 0 || e.Lower < first {
			first = e.Lower
		}
		if e.Upper > last {
			last = e.Upper
		}
		hasGeo = hasGeo || (e.HasCoords && !e.Era)
	}
	option, err := chartOption(meta, events, lanes, first, last, opt, tr)
	if err != nil {
		<-csvDone
		return err
	}
	data.Option = option
	if opt.ValueTitle != "" {
		data.ValName = opt.ValueTitle
	}
	if hasGeo {
		if data.World, err = worldGeoJSON(); err != nil {
			<-csvDone
			return err
		}
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js) // escapes <, >, & and U+2028/2029: safe inside <script>
	if err := enc.Encode(data); err != nil {
		<-csvDone
		return err
	}

	css, _ := pageFS.ReadFile("page.css")
	script, err := pageFS.ReadFile("page.js")
	if err != nil {
		<-csvDone
		return err
	}
	locale, err := echartsLocale(opt.Lang)
	if err != nil {
		<-csvDone
		return err
	}
	for _, s := range []string{echartsJS, locale, string(script)} {
		if strings.Contains(strings.ToLower(s), "</script") {
			<-csvDone
			return errors.New("an embedded script contains </script and cannot be inlined")
		}
	}
	csp := "default-src 'none'; script-src " + hash(echartsJS) + " " + hash(string(script))
	if locale != "" {
		csp += " " + hash(locale)
	}
	csp += "; style-src " + hash(string(css)) + " " + hash(noScriptCSS) + "; img-src data: https: http:; base-uri 'none'; form-action 'none'"

	view := pageView{
		Lang:        opt.Lang,
		Theme:       opt.Theme,
		Embed:       opt.Embed,
		Start:       startAttr(opt.Start),
		CSP:         csp,
		Meta:        meta,
		T:           tr,
		LaneTitle:   opt.LaneTitle,
		Count:       len(events),
		CSS:         template.CSS(css),
		NoScriptCSS: template.CSS(noScriptCSS),
		ECharts:     template.JS(echartsJS),
		Locale:      template.JS(locale),
		Script:      template.JS(script),
		Data:        template.JS(dataMark),
		HasGeo:      hasGeo,
		ValueTitle:  opt.ValueTitle,
	}
	if len(events) <= NoScriptRows {
		view.TableRows = template.HTML(tableRows(rows(events, tr), tr))
	} else {
		view.NoScriptTable = strings.ReplaceAll(tr["noscript_table"], "{n}", fmt.Sprint(len(events)))
	}
	var frame bytes.Buffer
	err = pageTemplate.Execute(&frame, view)
	before, after, found := bytes.Cut(frame.Bytes(), []byte(dataMark))
	if err == nil && !found {
		err = errors.New("page.tmpl has no place for the data")
	}
	if err != nil {
		<-csvDone
		return err
	}
	// The data goes out as it is compressed, between the two halves of
	// the page: the small part, then the event columns, then the CSV.
	ew := &errWriter{w: w}
	ew.Write(before)
	ew.Write(bytes.TrimSuffix(bytes.TrimSpace(js.Bytes()), []byte("}")))
	ew.WriteString(`,"core":`)
	if err := writeBlock(ew, gzipLevel(len(events)*16), func(b *blockWriter) { coreColumns(b, events, laneOf) }); err != nil {
		<-csvDone
		return err
	}
	ew.WriteString(`,"text":`)
	if err := writeBlock(ew, gzipLevel(textSize(events)), func(b *blockWriter) { textColumns(b, events, tr) }); err != nil {
		<-csvDone
		return err
	}
	if err := <-csvDone; err != nil {
		return err
	}
	if len(csvGz) > 0 {
		ew.WriteString(`,"csv":"`)
		b64 := base64.NewEncoder(base64.StdEncoding, ew)
		b64.Write(csvGz)
		b64.Close()
		ew.WriteString(`"`)
	}
	ew.WriteString("}\n")
	ew.Write(after)
	return ew.err
}

// GzipCSV compresses a dataset's CSV as the page carries it.
func GzipCSV(csv []byte) ([]byte, error) {
	var gz bytes.Buffer
	gz.Grow(len(csv) / 4)
	zw, err := gzip.NewWriterLevel(&gz, gzipLevel(len(csv)))
	if err != nil {
		return nil, err
	}
	zw.Write(csv)
	err = zw.Close()
	return gz.Bytes(), err
}

// dataMark stands for the data in the page's frame, where RenderPage
// writes it; no template value can contain it, being JSON or escaped.
const dataMark = "\x00tl-data\x00"

// errWriter keeps the first error of a run of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) WriteString(s string) { e.Write([]byte(s)) }

// The table is not drawn while the page is parsed (a browser that lays out a
// growing table of 100,000 rows as it arrives takes ten times as long); the
// script shows it once the page is loaded, and without JavaScript this
// style does.
const noScriptCSS = ".tablewrap{content-visibility:visible}"

// echartsLocale returns ECharts' locale script for lang; English is built
// into ECharts.
func echartsLocale(lang string) (string, error) {
	if lang == "en" {
		return "", nil
	}
	b, err := localeFS.ReadFile("assets/echarts/lang" + strings.ToUpper(lang) + ".js")
	return string(b), err
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// laneIndex numbers the lanes in order of first appearance and gives each
// event's lane indexes (none for an era, which is drawn behind every lane).
func laneIndex(events []Event, none string) ([]string, func(int) []uint32) {
	var lanes []string
	idx := map[string]uint32{}
	get := func(l string) uint32 {
		if l == "" {
			l = none
		}
		i, ok := idx[l]
		if !ok {
			i = uint32(len(lanes))
			idx[l] = i
			lanes = append(lanes, l)
		}
		return i
	}
	// The lanes are numbered before the chart option is made, which
	// lists them; an event's indexes are looked up again when its column
	// is written.
	var buf []uint32
	of := func(i int) []uint32 {
		e := events[i]
		buf = buf[:0]
		if e.Era {
			return buf
		}
		if len(e.Lanes) == 0 {
			return append(buf, get(""))
		}
		for _, v := range e.Lanes {
			buf = append(buf, get(v))
		}
		return buf
	}
	for i := range events {
		of(i)
	}
	return lanes, of
}

// startAttr is the page's data-start: empty for the timeline view, which
// needs none.
func startAttr(s string) string {
	if s == "timeline" {
		return ""
	}
	return s
}

// pageView is what page.tmpl sees.
type pageView struct {
	Lang, Theme string
	Embed       bool
	Start       string // data-start: "story", or empty for the timeline
	CSP         string
	Meta        Meta
	T           map[string]string
	LaneTitle   string
	Count       int
	CSS         template.CSS
	NoScriptCSS template.CSS
	ECharts     template.JS
	Locale      template.JS
	Script      template.JS
	Data        template.JS
	TableRows   template.HTML // the table body, written by tableRows, for a page of up to NoScriptRows events
	// NoScriptTable says, on a larger page, how to get the rows without
	// JavaScript.
	NoScriptTable string
	HasGeo        bool   // some events have coordinates: offer the map
	ValueTitle    string // the column summed by the sum panel, if any
}

// row is one line of the event table.
type row struct {
	ID, Date, Title, Description, Lane, Location, Confidence string
	Actors, Tags                                             string
	Sources                                                  []source
	Media, MediaCaption, MediaCredit                         string
	Era                                                      bool
}

type source struct {
	Text string
	URL  string // set when Text is a link the page may make clickable
}

func rows(events []Event, tr map[string]string) []row {
	out := make([]row, len(events))
	for i, e := range events {
		r := row{ID: e.ID, Date: e.Date, Title: e.Title, Description: e.Description, Era: e.Era,
			Lane: strings.Join(e.Lanes, "; "), Actors: strings.Join(e.Actors, "; "), Tags: strings.Join(e.Tags, "; ")}
		place := e.Location
		if e.Country != "" && e.Country != e.Location {
			if place != "" {
				place += ", "
			}
			place += e.Country
		}
		r.Location = place
		if e.Confidence != "" {
			r.Confidence = tr["conf_"+e.Confidence]
			if r.Confidence == "" {
				r.Confidence = e.Confidence
			}
		}
		for _, s := range e.Sources {
			src := source{Text: s}
			if timeline.IsLink(s) {
				src.URL = s
			}
			r.Sources = append(r.Sources, src)
		}
		if timeline.IsLink(e.Media) && !strings.HasPrefix(strings.ToLower(e.Media), "mailto:") {
			r.Media, r.MediaCaption, r.MediaCredit = e.Media, e.MediaCaption, e.MediaCredit
		}
		out[i] = r
	}
	return out
}

// tableRows writes the rows of the event table. It is written by hand rather
// than by html/template, which spent most of the render time of a large
// page on them: every value is text or a quoted attribute, escaped with
// html.EscapeString, and links are only ever http, https or mailto URLs
// (checked by rows).
func tableRows(rs []row, tr map[string]string) string {
	var b strings.Builder
	b.Grow(len(rs) * 120)
	esc := func(s string) { b.WriteString(html.EscapeString(s)) }
	for _, r := range rs {
		b.WriteString("\n<tr id=\"")
		esc(r.ID)
		b.WriteString("\"")
		if r.Era {
			b.WriteString(` class="era"`)
		}
		b.WriteString("><td>")
		esc(r.Date)
		b.WriteString("<td><b>")
		esc(r.Title)
		b.WriteString("</b>")
		if r.Description != "" {
			b.WriteString("<span>")
			esc(r.Description)
			b.WriteString("</span>")
		}
		if r.Media != "" {
			b.WriteString(`<a class="m" href="`)
			esc(r.Media)
			b.WriteString(`">`)
			esc(tr["media"])
			if r.MediaCaption != "" {
				b.WriteString(": ")
				esc(r.MediaCaption)
			}
			if r.MediaCredit != "" {
				b.WriteString(" (")
				esc(r.MediaCredit)
				b.WriteString(")")
			}
			b.WriteString("</a>")
		}
		b.WriteString("<td>")
		esc(r.Lane)
		b.WriteString("<td>")
		esc(r.Actors)
		b.WriteString("<td>")
		esc(r.Location)
		b.WriteString("<td>")
		for i, s := range r.Sources {
			if i > 0 {
				b.WriteString("; ")
			}
			if s.URL != "" {
				b.WriteString(`<a href="`)
				esc(s.URL)
				b.WriteString(`">`)
				esc(s.Text)
				b.WriteString("</a>")
			} else {
				esc(s.Text)
			}
		}
		b.WriteString("<td>")
		esc(r.Confidence)
		b.WriteString("<td>")
		esc(r.Tags)
	}
	return b.String()
}

var pageTemplate = template.Must(template.New("page.tmpl").ParseFS(pageFS, "page.tmpl"))
