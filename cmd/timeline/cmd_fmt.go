package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

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
			&cli.BoolFlag{Name: "check", Usage: "write nothing; exit 1 and name the file if it is not canonical"},
			&cli.BoolFlag{Name: "stdout", Usage: "write the result to standard output instead of the file"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("fmt takes at most one dataset, got %d", c.NArg())
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
			fmt.Fprintln(e.stdout, src.name)
		}
		if pkgChanged {
			fmt.Fprintln(e.stdout, src.pkgPath)
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
