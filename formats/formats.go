// Package formats is the one home for reading and writing events in formats
// other than the dataset's own CSV: the outputs of timeline list today (a
// table for people, CSV, JSON and JSON Lines), and the importers and
// exporters to come (TimelineJS, ACLED, UCDP GED, GDELT, GTD, Wikidata,
// GeoJSON, iCal, Parquet). A format that writes events implements
// EventWriter; it reads *timeline.Event values and writes an io.Writer, and
// never touches paths.
package formats

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"timeline/timeline"
)

// EventWriter writes events, one at a time, in one format.
type EventWriter interface {
	// Begin writes what comes before the first event (a header line, an
	// opening bracket). extra names the dataset's extra columns, in the
	// order of Event.Extra.
	Begin(extra []string) error
	// Write writes one event.
	Write(ev *timeline.Event) error
	// Close writes what comes after the last event and flushes the output.
	// It does not close the underlying writer.
	Close() error
}

// RecordWriter is an EventWriter that can format an event apart from
// writing it, so that a caller can hold formatted events and write them
// later in another order: timeline list sorts an unsorted file this way,
// holding a few hundred bytes an event rather than an Event. Write(ev) is
// WriteRecord of AppendRecord(nil, ev).
type RecordWriter interface {
	EventWriter
	// AppendRecord appends the event, formatted without the separators
	// between events, to dst. It may be called only after Begin.
	AppendRecord(dst []byte, ev *timeline.Event) ([]byte, error)
	// WriteRecord writes a record made by AppendRecord, with the separators
	// it needs.
	WriteRecord(rec []byte) error
}

// ListFormats are the formats NewRecordWriter knows.
var ListFormats = []string{"table", "csv", "json", "jsonl"}

// NewRecordWriter returns a writer of the named list format (see
// ListFormats) to w. lang is the language of the table's dates.
func NewRecordWriter(format string, w io.Writer, lang string) (RecordWriter, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "table":
		return newTableWriter(bw, lang), nil
	case "csv":
		return &csvWriter{w: bw}, nil
	case "json":
		return &jsonWriter{w: bw}, nil
	case "jsonl":
		return &jsonWriter{w: bw, lines: true}, nil
	}
	return nil, fmt.Errorf("unknown format %q: want %s", format, strings.Join(ListFormats, ", "))
}

// write is Write for a RecordWriter.
func write(w RecordWriter, ev *timeline.Event, scratch *[]byte) error {
	rec, err := w.AppendRecord((*scratch)[:0], ev)
	*scratch = rec
	if err != nil {
		return err
	}
	return w.WriteRecord(rec)
}
