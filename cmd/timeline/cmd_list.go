package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"timeline/timeline"
	"timeline/timeline/textdate"
)

func listCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "list",
		Usage:     "print the events that pass the filters, in date order",
		ArgsUsage: "[DATASET]",
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
				return usagef("list takes at most one dataset, got %d", c.NArg())
			}
			f, err := filterFromFlags(c)
			if err != nil {
				return err
			}
			format := c.String("format")
			switch format {
			case "table", "csv", "json", "jsonl":
			default:
				return usagef("unknown --format %q: want table, csv, json or jsonl", format)
			}
			return list(c.Args().First(), f, format, c.String("lang"), e)
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

// list prints the matching events in date order. A file whose matching rows
// are already in date order (as timeline fmt leaves them) is read twice and
// streamed; otherwise only the matching events are held, then sorted.
func list(arg string, f *timeline.Filter, format, lang string, e *env) error {
	src, err := resolveSource(arg, e)
	if err != nil {
		return err
	}
	sorted := false
	if src.reopenable() {
		r, err := src.open()
		if err != nil {
			return err
		}
		sorted, err = timeline.InOrder(r, src.name, f)
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
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	var p *printer
	// Events of an unsorted file are held as their sort key and their
	// output, already formatted: a few hundred bytes each, not an Event.
	var held []heldEvent
	var arena []byte
	report := func(timeline.Diagnostic) {}
	counts, skipped, err := timeline.Each(r, src.name, f, report, func(ev *timeline.Event) error {
		rec, err := p.record(ev)
		if err != nil {
			return err
		}
		if sorted {
			return p.emit(rec)
		}
		key := ev.Key()
		key.ID = strings.Clone(key.ID)
		held = append(held, heldEvent{key: key, off: len(arena), n: len(rec)})
		arena = append(arena, rec...)
		return nil
	}, func(h *timeline.Header) { p = newPrinter(out, format, lang, h.Extra()) })
	if errors.Is(err, timeline.ErrNoHeader) {
		return fmt.Errorf("%s: no header line: run 'timeline validate %s' for details", src.name, src.arg)
	}
	if err != nil {
		return err
	}
	slices.SortStableFunc(held, func(a, b heldEvent) int { return timeline.CompareKeys(a.key, b.key) })
	for _, h := range held {
		if err := p.emit(arena[h.off : h.off+h.n]); err != nil {
			return err
		}
	}
	if err := p.close(); err != nil {
		return err
	}
	return reportSkipped(src, counts, skipped, e)
}

// heldEvent is an event of an unsorted file waiting to be printed in order:
// the key timeline.Compare sorts by, and where its output is in the arena.
type heldEvent struct {
	key    timeline.Key
	off, n int
}

func reportSkipped(src *source, c timeline.Counts, skipped int, e *env) error {
	if c.Errors == 0 {
		return nil
	}
	fmt.Fprintf(e.stderr, "timeline: %s has %s; %s left out; run 'timeline validate %s' for details\n",
		src.name, plural(c.Errors, "error"), plural(skipped, "row"), src.arg)
	return silentError{1}
}

// printer writes events in one of the list formats.
type printer struct {
	w       *bufio.Writer
	format  string
	lang    string
	extra   []string
	scw     *csv.Writer // formats one record into scratch
	scratch bytes.Buffer
	tw      *tabwriter.Writer
	rec     []string
	n       int
}

func newPrinter(w *bufio.Writer, format, lang string, extra []string) *printer {
	p := &printer{w: w, format: format, lang: lang, extra: extra}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(append(timeline.Columns(), extra...))
		cw.Flush()
		p.scw = csv.NewWriter(&p.scratch)
		p.rec = make([]string, len(timeline.Columns())+len(extra))
	case "table":
		p.tw = tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
		fmt.Fprintln(p.tw, "DATE\tID\tCATEGORY\tTITLE")
	case "json":
		w.WriteString("[")
	}
	return p
}

// record formats one event in the printer's format, without separators.
func (p *printer) record(ev *timeline.Event) ([]byte, error) {
	switch p.format {
	case "csv":
		cols := timeline.Columns()
		for i := range cols {
			p.rec[i] = ev.Field(timeline.Column(i))
		}
		for k := range p.extra {
			p.rec[len(cols)+k] = ev.Extra[k]
		}
		p.scratch.Reset()
		if err := p.scw.Write(p.rec); err != nil {
			return nil, err
		}
		p.scw.Flush()
		return p.scratch.Bytes(), p.scw.Error()
	case "table":
		date := ev.DisplayDate
		if date == "" {
			date = ev.StartDate.Format(p.lang)
			if !ev.EndDate.IsZero() && !ev.EndDate.Ongoing() {
				date += " – " + ev.EndDate.Format(p.lang)
			} else if ev.End == ".." {
				date += " –"
			}
		}
		return []byte(date + "\t" + ev.ID + "\t" + ev.Category + "\t" + truncate(ev.Title, 70) + "\n"), nil
	}
	return eventJSON(ev, p.extra)
}

// emit writes one formatted record with the separators its format needs.
func (p *printer) emit(rec []byte) error {
	p.n++
	var err error
	switch p.format {
	case "csv":
		_, err = p.w.Write(rec)
	case "table":
		_, err = p.tw.Write(rec)
	case "json":
		if p.n > 1 {
			p.w.WriteString(",")
		}
		p.w.WriteString("\n  ")
		_, err = p.w.Write(rec)
	case "jsonl":
		p.w.Write(rec)
		err = p.w.WriteByte('\n')
	}
	return err
}

func (p *printer) close() error {
	switch p.format {
	case "table":
		if err := p.tw.Flush(); err != nil {
			return err
		}
	case "json":
		if p.n > 0 {
			p.w.WriteString("\n")
		}
		p.w.WriteString("]\n")
	}
	return p.w.Flush()
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// eventJSON writes one event as a JSON object with a fixed key order: the
// canonical columns (lists as arrays, coordinates as numbers), the extra
// columns, then the computed bounds.
func eventJSON(ev *timeline.Event, extra []string) ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	put := func(key string, v any) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(raw)
		return nil
	}
	for i, name := range timeline.Columns() {
		c := timeline.Column(i)
		var v any = ev.Field(c)
		switch c {
		case timeline.ColActors:
			v = nonNil(ev.Actors)
		case timeline.ColSources:
			v = nonNil(ev.Sources)
		case timeline.ColTags:
			v = nonNil(ev.Tags)
		case timeline.ColLatitude, timeline.ColLongitude:
			if s := ev.Field(c); s != "" {
				if f, err := strconv.ParseFloat(s, 64); err == nil {
					v = f
				}
			} else {
				v = nil
			}
		}
		if err := put(name, v); err != nil {
			return nil, err
		}
	}
	for k, name := range extra {
		if err := put(name, ev.Extra[k]); err != nil {
			return nil, err
		}
	}
	lo, hi := timeline.Span(ev.StartDate, ev.EndDate)
	put("lower", lo.Format(time.RFC3339))
	put("upper", hi.Format(time.RFC3339))
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
