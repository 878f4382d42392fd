package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"timeline/formats"
	"timeline/timeline"
)

func fmtCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "fmt",
		Usage:     "rewrite a dataset in canonical order and date spelling, filling in ids",
		ArgsUsage: "[DATASET]",
		Description: `Rows are sorted by date, dates spelled canonically (2017-04-24~, not 2017-04-24~ with
qualifiers in another order), lists joined with ';', every canonical column written in
canonical order followed by the extra columns, and blank ids filled in from titles. A
dataset with errors is not rewritten. Standard input and built-in datasets are written
to standard output.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 and show the first line that would change if it is not canonical"},
			&cli.BoolFlag{Name: "stdout", Usage: "write the result to standard output instead of the file"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("takes at most one dataset, got %d", c.NArg())
			}
			return formatDataset(c.Args().First(), c.Bool("check"), c.Bool("stdout"), e)
		},
	}
}

func formatDataset(arg string, check, toStdout bool, e *env) error {
	src, err := resolveSource(arg, e)
	if err != nil {
		return err
	}
	if src.writable() && !toStdout && !check {
		unlock, err := lockDataset(src.csvPath)
		if err != nil {
			return err
		}
		defer unlock()
	}
	old, err := src.readAll()
	if err != nil {
		return err
	}
	var diags []timeline.Diagnostic
	ds, counts, err := timeline.Read(bytes.NewReader(old), src.name, func(d timeline.Diagnostic) { diags = append(diags, d) })
	if err != nil || counts.Errors > 0 {
		for _, d := range diags {
			fmt.Fprintln(e.stderr, d)
		}
		if err != nil && err != timeline.ErrNoHeader {
			return err
		}
		fmt.Fprintf(e.stderr, "timeline: %s has %s: not rewriting it\n", src.name, plural(counts.Errors, "error"))
		return silentError{1}
	}
	for _, d := range diags {
		fmt.Fprintln(e.stderr, d)
	}
	ds.Package = src.pkg
	filled := ds.FillIDs()
	ds.Canonicalize()
	ds.Sort()
	var buf bytes.Buffer
	if err := ds.Write(&buf); err != nil {
		return err
	}
	var pkgOld, pkgNew []byte
	if src.pkgPath != "" {
		if pkgOld, err = os.ReadFile(src.pkgPath); err != nil {
			return err
		}
		src.pkg.SyncSchema(ds.Header())
		src.pkg.TypeExtraColumns(ds)
		var pb bytes.Buffer
		if err := src.pkg.Write(&pb); err != nil {
			return err
		}
		pkgNew = pb.Bytes()
	}
	csvChanged := !bytes.Equal(old, buf.Bytes())
	pkgChanged := src.pkgPath != "" && !bytes.Equal(pkgOld, pkgNew)
	switch {
	case check:
		if csvChanged {
			writeChange(e.stdout, src.name, old, buf.Bytes())
		}
		if pkgChanged {
			writeChange(e.stdout, src.pkgPath, pkgOld, pkgNew)
		}
		if csvChanged || pkgChanged {
			return silentError{1}
		}
		return nil
	case toStdout || !src.writable():
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if csvChanged {
		if err := writeFileAtomic(src.csvPath, buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "timeline: formatted %s (%s, %d ids filled in)\n", src.name, plural(len(ds.Events), "event"), filled)
	}
	if pkgChanged {
		if err := writeFileAtomic(src.pkgPath, pkgNew); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "timeline: formatted %s\n", src.pkgPath)
	}
	return nil
}

// writeChange says what fmt would change in the file name: the first line
// that differs, as it is and as it would be. Lines are shown as a table
// cell is, so that no text of the data reaches a terminal as a control
// sequence, and cut at 200 characters.
func writeChange(w io.Writer, name string, old, new []byte) {
	line := 1
	for {
		o, oRest, oMore := bytes.Cut(old, []byte("\n"))
		n, nRest, nMore := bytes.Cut(new, []byte("\n"))
		if !bytes.Equal(o, n) || oMore != nMore {
			fmt.Fprintf(w, "%s:%d: not in canonical form\n", name, line)
			is, becomes := shownLine(o, len(old) == 0), shownLine(n, len(new) == 0)
			if bytes.Equal(o, n) { // the same text, but one ends the file without a line end
				if !oMore {
					is += " (no line end)"
				} else {
					becomes += " (no line end)"
				}
			}
			fmt.Fprintf(w, "  is:       %s\n", is)
			fmt.Fprintf(w, "  would be: %s\n", becomes)
			return
		}
		if !oMore {
			return
		}
		old, new = oRest, nRest
		line++
	}
}

func shownLine(b []byte, end bool) string {
	if end {
		return "(end of file)"
	}
	s := formats.TableCell(string(b))
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}
