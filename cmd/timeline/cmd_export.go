package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"timeline/formats"
	"timeline/timeline"
)

func exportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write a dataset in another format",
		ArgsUsage: "FORMAT [DATASET]",
		Description: `Writes the dataset's events, in date order, in FORMAT. Whatever the format
cannot hold (a field it has no place for, a date it cannot express) is listed on
standard error with the ids of the events concerned; nothing is left out
without saying so.

Formats: ` + strings.Join(formats.Names(formats.Exporters()), ", ") + `.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "the file to write (- for standard output)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("needs a FORMAT: %s", orList(formats.Names(formats.Exporters())))
			}
			if c.NArg() > 2 {
				return usagef("takes a FORMAT and at most one dataset, got %d arguments", c.NArg())
			}
			name := c.Args().First()
			ex, ok := formats.ExporterByName(name)
			if !ok {
				names := formats.Names(formats.Exporters())
				msg := fmt.Sprintf("unknown format %q", name)
				if s := suggest(name, names); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				} else {
					msg += ": want " + orList(names)
				}
				return usageError{err: errors.New(msg)}
			}
			if c.String("output") == "" {
				return usagef("-o FILE is required (- for standard output)")
			}
			return exportDataset(ex, c.Args().Get(1), c.String("output"), e)
		},
	}
}

func exportDataset(ex formats.Exporter, dataset, output string, e *env) error {
	src, err := resolveSource(dataset, e)
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
	if err := noUsableRows(src, rows, left, counts, e); err != nil {
		return err
	}
	ds.Sort()
	var losses []formats.Loss
	var out bytes.Buffer
	if err := ex.Export(&out, ds, func(l formats.Loss) { losses = append(losses, l) }); err != nil {
		return fmt.Errorf("exporting %s as %s: %w", src.name, ex.Name(), err)
	}
	if err := notTheDataset(output, src); err != nil {
		return err
	}
	if err := writeResult(output, out.Bytes(), e); err != nil {
		return err
	}
	reportLosses(ex.Name(), losses, e)
	if output != "-" {
		fmt.Fprintf(e.stderr, "timeline: wrote %s (%s as %s, %d bytes)\n", output, plural(len(ds.Events), "event"), ex.Name(), out.Len())
	}
	return rowsLeftOut(src, left, counts, e)
}

// reportLosses says, reason by reason, which events lost what: the count and
// the first ids.
func reportLosses(format string, losses []formats.Loss, e *env) {
	var reasons []string
	ids := map[string][]string{}
	for _, l := range losses {
		if _, ok := ids[l.Reason]; !ok {
			reasons = append(reasons, l.Reason)
		}
		if list := ids[l.Reason]; len(list) == 0 || list[len(list)-1] != l.ID {
			ids[l.Reason] = append(list, l.ID)
		}
	}
	for _, r := range reasons {
		fmt.Fprintf(e.stderr, "timeline: %s: %s: %s (%s)\n", format, plural(len(ids[r]), "event"), r, idList(ids[r], 10))
	}
}

// notTheDataset refuses an output that is the dataset's own CSV or
// descriptor, which an export would replace.
func notTheDataset(output string, src *source) error {
	if output == "-" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil {
		return nil // a new file
	}
	for _, p := range []string{src.csvPath, src.pkgPath} {
		if p == "" {
			continue
		}
		if fi, err := os.Stat(p); err == nil && os.SameFile(fi, out) {
			return fmt.Errorf("%s is the dataset's own file: not overwriting it with the export", output)
		}
	}
	return nil
}
