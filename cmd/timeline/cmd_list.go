package main

import (
	"bufio"
	"cmp"
	bin "encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/urfave/cli/v2"

	"timeline/formats"
	"timeline/timeline"
	"timeline/timeline/edtf"
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
	if tw, ok := w.(formats.Typed); ok && src.pkg != nil {
		tw.SetTypes(src.pkg.FieldTypes())
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
	// output, already formatted, and sorted in runs on disk past a budget.
	sorter := &eventSorter{budget: listBudget}
	defer sorter.close()
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
		werr = sorter.add(&ev, w)
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
	if err := sorter.writeTo(w); err != nil {
		return err
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

// listBudget is how many bytes of events list holds before it sorts them
// into a run on disk: a million unsorted events take a few runs, and
// memory stays within a few hundred megabytes whatever the file's size.
var listBudget = 32 << 20

// eventSorter sorts events by their keys, stably: in memory while they
// fit in budget bytes, then as sorted runs in temporary files, merged at
// the end.
type eventSorter struct {
	budget int
	held   []heldEvent
	arena  []byte
	runs   []*os.File
	buf    []byte
}

// heldSize is what a held event costs beyond its output and id.
const heldSize = int(unsafe.Sizeof(heldEvent{}))

// add formats ev with w and holds it.
func (s *eventSorter) add(ev *timeline.Event, w formats.RecordWriter) error {
	key := ev.Key()
	key.ID = strings.Clone(key.ID)
	off := len(s.arena)
	var err error
	if s.arena, err = w.AppendRecord(s.arena, ev); err != nil {
		return err
	}
	s.held = append(s.held, heldEvent{key: key, off: off, n: len(s.arena) - off})
	if len(s.arena)+len(s.held)*heldSize > s.budget {
		return s.spill()
	}
	return nil
}

func (s *eventSorter) sortHeld() {
	slices.SortStableFunc(s.held, func(a, b heldEvent) int { return timeline.CompareKeys(a.key, b.key) })
}

// spill sorts the held events into a run in a temporary file, removed at
// once where the system allows (the open file stays readable), else by
// close.
func (s *eventSorter) spill() error {
	s.sortHeld()
	f, err := os.CreateTemp("", "timeline-list-*.run")
	if err != nil {
		return fmt.Errorf("sorting the events: %w", err)
	}
	os.Remove(f.Name())
	s.runs = append(s.runs, f)
	bw := bufio.NewWriterSize(f, 256<<10)
	for _, h := range s.held {
		s.buf = appendRunRecord(s.buf[:0], h.key, s.arena[h.off:h.off+h.n])
		bw.Write(s.buf)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("sorting the events: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("sorting the events: %w", err)
	}
	clear(s.held) // the ids
	s.held, s.arena = s.held[:0], s.arena[:0]
	return nil
}

// appendRunRecord writes an event of a run: its key's dates as EDTF, its
// id and its output, each after its length.
func appendRunRecord(b []byte, k timeline.Key, rec []byte) []byte {
	for _, d := range []edtf.Date{k.Start, k.End} {
		at := len(b)
		b = append(b, 0)
		b, _ = d.AppendText(b)
		b[at] = byte(len(b) - at - 1) // EDTF dates are short
	}
	b = bin.AppendUvarint(b, uint64(len(k.ID)))
	b = append(b, k.ID...)
	b = bin.AppendUvarint(b, uint64(len(rec)))
	return append(b, rec...)
}

// runReader reads a run back, an event at a time.
type runReader struct {
	r   *bufio.Reader
	key timeline.Key
	rec []byte
	src int // the run's number: among equal keys, earlier runs go first
}

// next reads the next event; it returns io.EOF after the last.
func (rr *runReader) next() error {
	var dates [2]edtf.Date
	for i := range dates {
		n, err := rr.r.ReadByte()
		if err != nil {
			return err // io.EOF at the end of the run
		}
		rr.rec = slices.Grow(rr.rec[:0], int(n))[:n]
		if _, err := io.ReadFull(rr.r, rr.rec); err != nil {
			return errShortRun(err)
		}
		if n > 0 {
			if dates[i], err = edtf.Parse(string(rr.rec)); err != nil {
				return fmt.Errorf("sorting the events: reading a run back: %w", err)
			}
		}
	}
	id, err := rr.bytes()
	if err != nil {
		return err
	}
	rr.key = timeline.Key{Start: dates[0], End: dates[1], ID: string(id)}
	rr.rec, err = rr.bytes()
	return err
}

func (rr *runReader) bytes() ([]byte, error) {
	n, err := bin.ReadUvarint(rr.r)
	if err != nil {
		return nil, errShortRun(err)
	}
	rr.rec = slices.Grow(rr.rec[:0], int(n))[:n]
	if _, err := io.ReadFull(rr.r, rr.rec); err != nil {
		return nil, errShortRun(err)
	}
	return rr.rec, nil
}

func errShortRun(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("sorting the events: reading a run back: %w", err)
}

// writeTo writes every event in order: what is held, merged with the runs.
func (s *eventSorter) writeTo(w formats.RecordWriter) error {
	s.sortHeld()
	if len(s.runs) == 0 {
		for _, h := range s.held {
			if err := w.WriteRecord(s.arena[h.off : h.off+h.n]); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.held) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.arena = nil
	var heads []*runReader
	for i, f := range s.runs {
		rr := &runReader{r: bufio.NewReaderSize(f, 64<<10), src: i}
		switch err := rr.next(); err {
		case nil:
			heads = append(heads, rr)
		case io.EOF:
		default:
			return err
		}
	}
	less := func(a, b *runReader) int {
		if c := timeline.CompareKeys(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.src, b.src)
	}
	// A handful of runs: the smallest head is found by a linear scan.
	for len(heads) > 0 {
		m := 0
		for i := 1; i < len(heads); i++ {
			if less(heads[i], heads[m]) < 0 {
				m = i
			}
		}
		if err := w.WriteRecord(heads[m].rec); err != nil {
			return err
		}
		switch err := heads[m].next(); err {
		case nil:
		case io.EOF:
			heads = slices.Delete(heads, m, m+1)
		default:
			return err
		}
	}
	return nil
}

// close removes the runs.
func (s *eventSorter) close() {
	for _, f := range s.runs {
		f.Close()
		os.Remove(f.Name()) // where it could not be removed while open
	}
	s.runs = nil
}
