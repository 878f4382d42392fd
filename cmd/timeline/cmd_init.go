package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"timeline/timeline"
)

func initCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "create a Data Package with an empty events.csv",
		ArgsUsage: "DIR",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "title", Usage: "the dataset's title (default: the directory's name)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("takes one directory, got %d arguments", c.NArg())
			}
			return initDataset(c.Args().First(), c.String("title"), e)
		},
	}
}

func initDataset(dir, title string, e *env) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if title == "" {
		title = filepath.Base(abs)
	}
	pkgPath := filepath.Join(dir, "datapackage.json")
	csvPath := filepath.Join(dir, timeline.DefaultResourcePath)
	for _, p := range []string{pkgPath, csvPath} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("%s already exists: not overwriting it", p)
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	pkg := timeline.NewPackage(timeline.Slug(filepath.Base(abs)), title)
	var pb, cb bytes.Buffer
	if err := pkg.Write(&pb); err != nil {
		return err
	}
	if err := (&timeline.Dataset{}).Write(&cb); err != nil {
		return err
	}
	if err := writeFileAtomic(csvPath, cb.Bytes()); err != nil {
		return err
	}
	if err := writeFileAtomic(pkgPath, pb.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "timeline: created %s and %s\n", pkgPath, csvPath)
	return nil
}
