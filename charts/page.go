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
var pageModules = []string{"plural.js", "periods.js", "rank.js", "timeline.js", "panels.js", "story.js", "table.js", "main.js"}

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
	for u := agg.Day; u <= agg.Decade; u++ {
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
	CSVName             string // its file name, e.g. "events.csv"
}

// Link is a titled URL.
type Link struct{ Title, URL string }

// Event is one event as the page shows it. Times are Unix milliseconds, UTC;
// Upper is exclusive.
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

// EmbedSnippet returns the HTML to paste into a page to embed file.
func EmbedSnippet(file string) string {
	return fmt.Sprintf(`<iframe src="%s" title="Timeline" style="width:100%%;height:640px;border:0" loading="lazy"></iframe>`,
		template.HTMLEscapeString(file))
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

// pageData is what the page script gets, as JSON. Per-event data is
// columnar and numeric; the text is read from the table rows, so it is in the
// page once.
type pageData struct {
	Lang    string            `json:"lang"`
	Strings map[string]string `json:"strings"`
	Lanes   []string          `json:"lanes"`
	// Lo holds each event's lower bound in minutes since the epoch, as the
	// difference from the previous event's (events are in date order); Dur
	// the length in minutes.
	Lo      []int64         `json:"lo"`
	Dur     []int64         `json:"dur"`
	Flags   []int           `json:"f"`
	LaneOf  []any           `json:"ln"` // a lane index, or a list of them
	IDs     []string        `json:"id"`
	Option  json.RawMessage `json:"option"`
	CSVGz   string          `json:"csv,omitempty"` // the dataset CSV, gzip, base64
	CSVName string          `json:"csvName,omitempty"`
	// Geo lists the geolocated events as [index, latitude, longitude], and
	// World is the world map they are drawn on; both only when there are any.
	Geo [][3]float64 `json:"geo,omitempty"`
	// Val holds [index, value] of the events with a number in the value
	// column, and ValName names it.
	Val     [][2]float64    `json:"val,omitempty"`
	ValName string          `json:"valName,omitempty"`
	World   json.RawMessage `json:"world,omitempty"`
	// Units, MaxPeriods and Top are the panel's rules: the units its
	// automatic unit chooses from, finest first, the most periods it
	// makes, and how many actors it shows.
	Units      []string `json:"units"`
	MaxPeriods int      `json:"maxPeriods"`
	Top        int      `json:"top"`
}

// RenderPage writes the whole page. events must be in date order.
func RenderPage(w io.Writer, meta Meta, events []Event, opt Options) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	tr := translations[opt.Lang]
	lanes, laneOf := laneIndex(events, tr["none"])
	data := pageData{Lang: opt.Lang, Strings: tr, Lanes: lanes, CSVName: meta.CSVName,
		Units: pageUnits, MaxPeriods: AutoPeriods, Top: TopActors}
	data.Lo = make([]int64, len(events))
	data.Dur = make([]int64, len(events))
	data.Flags = make([]int, len(events))
	data.LaneOf = laneOf
	data.IDs = make([]string, len(events))
	var prev int64
	var first, last int64
	for i, e := range events {
		lo, hi := e.Lower/60000, (e.Upper+59999)/60000
		data.Lo[i] = lo - prev
		prev = lo
		data.Dur[i] = hi - lo
		data.IDs[i] = e.ID
		f := 0
		for _, b := range []struct {
			on   bool
			flag int
		}{{e.Point, flagPoint}, {e.Uncertain, flagUncertain}, {e.Approximate, flagApproximate}, {e.LowerOpen, flagLowerOpen}, {e.UpperOpen, flagUpperOpen}, {e.Ongoing, flagOngoing}, {e.Era, flagEra}} {
			if b.on {
				f |= b.flag
			}
		}
		data.Flags[i] = f
		if i == 0 || e.Lower < first {
			first = e.Lower
		}
		if e.Upper > last {
			last = e.Upper
		}
	}
	option, err := chartOption(meta, events, lanes, first, last, opt, tr)
	if err != nil {
		return err
	}
	data.Option = option
	for i, e := range events {
		if e.HasValue && !e.Era {
			data.Val = append(data.Val, [2]float64{float64(i), e.Value})
		}
		if e.HasCoords && !e.Era {
			data.Geo = append(data.Geo, [3]float64{float64(i), e.Lat, e.Lon})
		}
	}
	if opt.ValueTitle != "" {
		data.ValName = opt.ValueTitle
	}
	if len(data.Geo) > 0 {
		if data.World, err = worldGeoJSON(); err != nil {
			return err
		}
	}
	if len(meta.CSV) > 0 {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
		zw.Write(meta.CSV)
		if err := zw.Close(); err != nil {
			return err
		}
		data.CSVGz = base64.StdEncoding.EncodeToString(gz.Bytes())
	}
	var js bytes.Buffer
	enc := json.NewEncoder(&js) // escapes <, >, & and U+2028/2029: safe inside <script>
	if err := enc.Encode(data); err != nil {
		return err
	}

	css, _ := pageFS.ReadFile("page.css")
	script, err := pageFS.ReadFile("page.js")
	if err != nil {
		return err
	}
	locale, err := echartsLocale(opt.Lang)
	if err != nil {
		return err
	}
	for _, s := range []string{echartsJS, locale, string(script)} {
		if strings.Contains(strings.ToLower(s), "</script") {
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
		Data:        template.JS(js.String()),
		TableRows:   template.HTML(tableRows(rows(events, tr), tr)),
		HasGeo:      len(data.Geo) > 0,
		ValueTitle:  opt.ValueTitle,
	}
	var out bytes.Buffer
	out.Grow(len(echartsJS) + js.Len() + len(events)*160 + 64<<10)
	if err := pageTemplate.Execute(&out, view); err != nil {
		return err
	}
	_, err = w.Write(out.Bytes())
	return err
}

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
// event its lane index, or list of indexes.
func laneIndex(events []Event, none string) ([]string, []any) {
	var lanes []string
	idx := map[string]int{}
	of := make([]any, len(events))
	get := func(l string) int {
		if l == "" {
			l = none
		}
		i, ok := idx[l]
		if !ok {
			i = len(lanes)
			idx[l] = i
			lanes = append(lanes, l)
		}
		return i
	}
	for i, e := range events {
		if e.Era {
			of[i] = -1 // eras are drawn behind every lane
			continue
		}
		switch len(e.Lanes) {
		case 0:
			of[i] = get("")
		case 1:
			of[i] = get(e.Lanes[0])
		default:
			l := make([]int, len(e.Lanes))
			for k, v := range e.Lanes {
				l[k] = get(v)
			}
			of[i] = l
		}
	}
	return lanes, of
}

// pageView is what page.tmpl sees.
type pageView struct {
	Lang, Theme string
	Embed       bool
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
	TableRows   template.HTML // the table body, written by tableRows
	HasGeo      bool          // some events have coordinates: offer the map
	ValueTitle  string        // the column summed by the sum panel, if any
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
