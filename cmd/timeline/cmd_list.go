package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"timeline/formats"
	"timeline/timeline"
	"timeline/timeline/textdate"
)

func listCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "list",
		Usage:     "print the events that pass the filters, in date order",
		ArgsUsage: "[DATASET]",
		Description: `The table shows a tab in the data as a space and other control characters
visibly, as \x1b or \u202e; csv, json and jsonl keep the data exact.

Rows with errors are left out; the rest is listed, how many rows were left
out is said, and the exit status is 1 (see timeline validate).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "only events that reach into or after this date (EDTF or e.g. 'April 2017')"},
			&cli.StringFlag{Name: "to", Usage: "only events that begin by the end of this date"},
			&cli.StringSliceFlag{Name: "category", Usage: "only events of this category (repeatable)"},
			&cli.StringSliceFlag{Name: "actor", Usage: "only events with this actor (repeatable)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "only events with this tag (repeatable)"},
			&cli.StringFlag{Name: "text", Usage: "only events whose text contains this, ignoring case"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "table, csv, json or jsonl"},
			&cli.StringFlag{Name: "lang", Value: "en", Usage: "language of the dates in the table: en, ru, fr, de, es"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("takes at most one dataset, got %d", c.NArg())
			}
			f, err := filterFromFlags(c)
			if err != nil {
				return err
			}
			o := listOptions{dataset: c.Args().First(), format: c.String("format"), lang: c.String("lang"), filter: f}
			if !slices.Contains(formats.ListFormats, o.format) {
				return usagef("unknown --format %q: want %s", o.format, orList(formats.ListFormats))
			}
			return list(o, e)
		},
	}
}

func filterFromFlags(c *cli.Context) (*timeline.Filter, error) {
	f := &timeline.Filter{
		Categories: c.StringSlice("category"),
		Actors:     c.StringSlice("actor"),
		Tags:       c.StringSlice("tag"),
		Text:       c.String("text"),
	}
	for _, b := range []struct {
		flag string
		dst  *time.Time
		hi   bool
	}{{"from", &f.From, false}, {"to", &f.To, true}} {
		v := c.String(b.flag)
		if v == "" {
			continue
		}
		d, err := textdate.ParseHuman(v)
		if err != nil {
			return nil, usagef("--%s: %v", b.flag, err)
		}
		if b.hi {
			*b.dst = d.Upper()
		} else {
			*b.dst = d.Lower()
		}
	}
	return f, nil
}

// listOptions are the flags and arguments of timeline list.
type listOptions struct {
	dataset, format, lang string
	filter                *timeline.Filter
}

// list prints the matching events in date order. A file whose matching rows
// are already in date order (as timeline fmt leaves them) is read twice and
// streamed; otherwise only the matching events are held, then sorted.
func list(o listOptions, e *env) error {
	src, err := resolveSource(o.dataset, e)
	if err != nil {
		return err
	}
	sorted := false
	if src.reopenable() {
		r, err := src.open()
		if err != nil {
			return err
		}
		sorted, err = timeline.InOrder(r, src.name, o.filter)
		r.Close()
		if err != nil && !errors.Is(err, timeline.ErrNoHeader) {
			return err
		}
	}
	r, err := src.open()
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := formats.NewRecordWriter(o.format, e.stdout, o.lang)
	if err != nil {
		return usageError{err: err}
	}
	s := timeline.NewScanner(r, src.name)
	h, err := s.ReadHeader()
	if err != nil {
		return noHeader(src)
	}
	// Nothing is written before the first usable row, so that a dataset
	// without one gets no output at all.
	begun := false
	begin := func() error {
		if begun {
			return nil
		}
		begun = true
		return w.Begin(h.Extra())
	}
	// Events of an unsorted file are held as their sort key and their
	// output, already formatted: a few hundred bytes each, not an Event.
	var held []heldEvent
	var arena []byte
	used := 0
	var werr error
	err = s.Scan(func(row *timeline.Row) {
		if row.Errors > 0 || row.Start.IsZero() {
			return
		}
		used++
		if werr != nil {
			return
		}
		ev := row.Event()
		if !o.filter.Match(&ev) {
			return
		}
		if werr = begin(); werr != nil {
			return
		}
		if sorted {
			werr = w.Write(&ev)
			return
		}
		key := ev.Key()
		key.ID = strings.Clone(key.ID)
		off := len(arena)
		arena, werr = w.AppendRecord(arena, &ev)
		held = append(held, heldEvent{key: key, off: off, n: len(arena) - off})
	})
	if werr != nil {
		return werr
	}
	if err != io.EOF {
		return fmt.Errorf("reading %s: %w", src.name, err)
	}
	// Rows the Scanner cannot read as records are never delivered.
	left := s.Rows() - used
	if err := noUsableRows(src, s.Rows(), left, s.Counts(), e); err != nil {
		return err
	}
	if err := begin(); err != nil {
		return err
	}
	slices.SortStableFunc(held, func(a, b heldEvent) int { return timeline.CompareKeys(a.key, b.key) })
	for _, h := range held {
		if err := w.WriteRecord(arena[h.off : h.off+h.n]); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return rowsLeftOut(src, left, s.Counts(), e)
}

// heldEvent is an event of an unsorted file waiting to be printed in order:
// the key timeline.Compare sorts by, and where its output is in the arena.
type heldEvent struct {
	key    timeline.Key
	off, n int
}
