package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"timeline/charts"
	"timeline/timeline"
)

func renderCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "render",
		Usage:     "write the interactive page: timeline, story view, search and the event table",
		ArgsUsage: "[DATASET] -o FILE",
		Description: `Rows with errors are left out; the page is written, how many rows were left out
is said, and the exit status is 1 (see timeline validate).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "the HTML file to write (- for standard output; required)"},
			&cli.StringFlag{Name: "lanes", Value: "category", Usage: "the column whose values make the lanes"},
			&cli.StringFlag{Name: "value", Usage: "a numeric extra column the page can sum per period (e.g. fatalities)"},
			&cli.StringFlag{Name: "theme", Value: "light", Usage: "light, dark, contrast or auto (follows the system)"},
			&cli.StringFlag{Name: "lang", Value: "en", Usage: "language of the interface and dates: en, ru, fr, de, es"},
			&cli.BoolFlag{Name: "embed", Usage: "a page for an <iframe>: no header, a one-line credit; prints the snippet to paste"},
			&cli.StringFlag{Name: "start", Value: "timeline", Usage: "the view the page opens in: timeline, or story (one event at a time, as slides)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("takes at most one dataset, got %d", c.NArg())
			}
			o := renderOptions{
				dataset: c.Args().First(),
				output:  c.String("output"),
				page:    charts.Options{Theme: c.String("theme"), Lang: c.String("lang"), Embed: c.Bool("embed"), Start: c.String("start"), LaneTitle: c.String("lanes"), ValueTitle: c.String("value")},
			}
			if o.output == "" {
				return usagef("-o FILE is required (- for standard output)")
			}
			if err := o.page.Validate(); err != nil {
				return optionError(err)
			}
			return render(o, e)
		},
	}
}

// renderOptions are the flags and arguments of timeline render.
type renderOptions struct {
	dataset, output string
	page            charts.Options
}

func render(o renderOptions, e *env) error {
	src, err := resolveSource(o.dataset, e)
	if err != nil {
		return err
	}
	raw, err := src.readAll()
	if err != nil {
		return err
	}
	warnHeavy(len(raw), e)
	if len(raw) > bigInput {
		// The live heap of a large render is mostly the page's events,
		// which it keeps to the end: collecting sooner than Go's default
		// (at twice the live heap) costs a little time and saves a third
		// of the memory.
		debug.SetGCPercent(40)
	}
	// The CSV the page offers is compressed while the rows are read; then
	// the file's bytes are no longer needed.
	type gzipped struct {
		b   []byte
		err error
	}
	csvGz := make(chan gzipped, 1)
	go func(raw []byte) {
		if len(raw) == 0 {
			csvGz <- gzipped{}
			return
		}
		b, err := charts.GzipCSV(raw)
		csvGz <- gzipped{b, err}
	}(raw)
	events, rows, left, counts, err := pageEvents(raw, src.name, o.page)
	gz := <-csvGz
	if errors.Is(err, timeline.ErrNoHeader) {
		return noHeader(src)
	}
	if errors.Is(err, charts.ErrOption) {
		return optionError(err)
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", src.name, err)
	}
	if gz.err != nil {
		return gz.err
	}
	meta := charts.MetaOf(src.pkg, raw, src.csvFileName())
	meta.CSVGzip = gz.b
	size := len(raw)
	raw, meta.CSV = nil, nil
	if err := noUsableRows(src, rows, left, counts, e); err != nil {
		return err
	}
	var page bytes.Buffer
	page.Grow(int(float64(size)*pageShare) + 2<<20)
	if err := charts.RenderPage(&page, meta, events, o.page); err != nil {
		return err
	}
	if err := writeResult(o.output, page.Bytes(), e); err != nil {
		return err
	}
	if o.output != "-" {
		fmt.Fprintf(e.stderr, "timeline: wrote %s (%s, %d bytes)\n", o.output, plural(len(events), "event"), page.Len())
		if o.page.Embed {
			fmt.Fprintln(e.stdout, charts.EmbedSnippet(filepath.Base(o.output), meta.Title))
		}
	}
	return rowsLeftOut(src, left, counts, e)
}

// A page above heavyPage bytes takes seconds to open and much of a
// browser's memory; render says so before it writes one. The page carries
// up to pageShare of the CSV's bytes (measured on the benchmark's full
// rows: 0.36 at 100,000 events, 0.43 at 1,000,000, where a faster
// compression packs less), and ECharts and the script, about 1.3 MB.
const (
	heavyPage = 40 << 20
	pageShare = 0.45
	bigInput  = 64 << 20
)

// warnHeavy says how big the page of a CSV of size bytes will be, when it
// will be heavy, and what draws all those events lightly.
func warnHeavy(size int, e *env) {
	est := int(float64(size)*pageShare) + 1300<<10
	if est <= heavyPage {
		return
	}
	fmt.Fprintf(e.stderr, "timeline: the page will be about %d MB, which takes a browser seconds to open; "+
		"timeline chart KIND (frequency, cumulative, calendar, actors, network, map) draws all the events in a page of about 1 MB\n", est>>20)
}

// pageEvents reads a whole events table into the page's events, keeping
// the rows without errors and with a usable date, as usableRows does
// (and counting alike), but holding only the page's events: a million
// rows' events would double render's memory. The events' text is
// substrings of raw, which is not copied: raw must not change while they
// are in use.
func pageEvents(raw []byte, name string, opt charts.Options) (events []charts.Event, rows, left int, c timeline.Counts, err error) {
	s := timeline.NewScannerBytes(raw, name)
	h, err := s.ReadHeader()
	if err != nil {
		return nil, 0, 0, s.Counts(), err
	}
	col, err := charts.NewCollector(h.Extra(), opt)
	if err != nil {
		return nil, 0, 0, s.Counts(), err
	}
	// A row takes at least a line: the lines after the header bound
	// the events, and room made for them at once saves the copies that
	// growing a million events' list costs.
	col.Grow(bytes.Count(raw, []byte("\n")))
	kept := 0
	err = s.Scan(func(row *timeline.Row) {
		if row.Errors > 0 || row.Start.IsZero() {
			return
		}
		ev := row.Event()
		col.Add(&ev)
		kept++
	})
	events, undated := col.Events()
	left = s.Rows() - kept + undated
	if err != io.EOF {
		return nil, s.Rows(), left, s.Counts(), err
	}
	return events, s.Rows(), left, s.Counts(), nil
}

// usableRows reads a whole events table, keeping the rows without errors. It
// returns how many data rows there were and how many it left out (rows the
// Scanner cannot read as records are never delivered, so they are counted
// as the difference).
func usableRows(r io.Reader, name string) (ds *timeline.Dataset, rows, left int, c timeline.Counts, err error) {
	s := timeline.NewScanner(r, name)
	h, err := s.ReadHeader()
	if err != nil {
		return nil, 0, 0, s.Counts(), err
	}
	ds = &timeline.Dataset{Extra: h.Extra()}
	err = s.Scan(func(row *timeline.Row) {
		if row.Errors > 0 || row.Start.IsZero() {
			return
		}
		ds.Events = append(ds.Events, row.Event())
	})
	left = s.Rows() - len(ds.Events)
	if err != io.EOF {
		return nil, s.Rows(), left, s.Counts(), err
	}
	return ds, s.Rows(), left, s.Counts(), nil
}
