package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"

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
			&cli.BoolFlag{Name: "embed", Usage: "drop the page chrome for an <iframe> and print the snippet to paste"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("takes at most one dataset, got %d", c.NArg())
			}
			o := renderOptions{
				dataset: c.Args().First(),
				output:  c.String("output"),
				page:    charts.Options{Theme: c.String("theme"), Lang: c.String("lang"), Embed: c.Bool("embed"), LaneTitle: c.String("lanes"), ValueTitle: c.String("value")},
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
	ds, rows, left, counts, err := usableRows(bytes.NewReader(raw), src.name)
	if errors.Is(err, timeline.ErrNoHeader) {
		return noHeader(src)
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", src.name, err)
	}
	ds.Package = src.pkg
	meta, events, undated, err := charts.FromDataset(ds, raw, src.csvFileName(), o.page)
	if err != nil {
		return optionError(err)
	}
	left += undated
	if err := noUsableRows(src, rows, left, counts, e); err != nil {
		return err
	}
	var page bytes.Buffer
	if err := charts.RenderPage(&page, meta, events, o.page); err != nil {
		return err
	}
	if err := writeResult(o.output, page.Bytes(), e); err != nil {
		return err
	}
	if o.output != "-" {
		fmt.Fprintf(e.stderr, "timeline: wrote %s (%s, %d bytes)\n", o.output, plural(len(events), "event"), page.Len())
		if o.page.Embed {
			fmt.Fprintln(e.stdout, charts.EmbedSnippet(filepath.Base(o.output)))
		}
	}
	return rowsLeftOut(src, left, counts, e)
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
