package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"timeline/charts"
	"timeline/timeline"
)

func renderCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "render",
		Usage:     "write the interactive page: timeline, story view, search and the event table",
		ArgsUsage: "[DATASET]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "the HTML file to write (- for standard output)", Required: true},
			&cli.StringFlag{Name: "lanes", Value: "category", Usage: "the column whose values make the lanes"},
			&cli.StringFlag{Name: "value", Usage: "a numeric extra column the page can sum per period (e.g. fatalities)"},
			&cli.StringFlag{Name: "theme", Value: "light", Usage: "light, dark, contrast or auto (follows the system)"},
			&cli.StringFlag{Name: "lang", Value: "en", Usage: "language of the interface and dates: en, ru, fr, de, es"},
			&cli.BoolFlag{Name: "embed", Usage: "drop the page chrome for an <iframe> and print the snippet to paste"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("render takes at most one dataset, got %d", c.NArg())
			}
			opt := charts.Options{Theme: c.String("theme"), Lang: c.String("lang"), Embed: c.Bool("embed"), LaneTitle: c.String("lanes"), ValueTitle: c.String("value")}
			return render(c.Args().First(), c.String("output"), opt, e)
		},
	}
}

func render(arg, output string, opt charts.Options, e *env) error {
	if err := opt.Validate(); err != nil {
		return usageError{err}
	}
	src, err := resolveSource(arg, e)
	if err != nil {
		return err
	}
	raw, err := src.readAll()
	if err != nil {
		return err
	}
	ds, counts, err := timeline.Read(bytes.NewReader(raw), src.name, nil)
	if errors.Is(err, timeline.ErrNoHeader) {
		return fmt.Errorf("%s: no header line: run 'timeline validate %s' for details", src.name, src.arg)
	}
	if err != nil {
		return err
	}
	ds.Package = src.pkg
	meta, events, left, err := charts.FromDataset(ds, raw, src.csvFileName(), opt)
	if err != nil {
		return usageError{err}
	}
	var page bytes.Buffer
	if err := charts.RenderPage(&page, meta, events, opt); err != nil {
		return err
	}
	if output == "-" {
		_, err = e.stdout.Write(page.Bytes())
	} else {
		err = writeFileAtomic(output, page.Bytes())
	}
	if err != nil {
		return err
	}
	if output != "-" {
		fmt.Fprintf(e.stderr, "timeline: wrote %s (%s, %d bytes)\n", output, plural(len(events), "event"), page.Len())
	}
	if left > 0 || counts.Errors > 0 {
		fmt.Fprintf(e.stderr, "timeline: %s has %s; %s without a usable date left out; run 'timeline validate %s'\n",
			src.name, plural(counts.Errors, "error"), plural(left, "row"), src.arg)
	}
	if opt.Embed && output != "-" {
		fmt.Fprintln(e.stdout, charts.EmbedSnippet(filepath.Base(output)))
	}
	return nil
}
