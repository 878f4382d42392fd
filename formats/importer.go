package formats

import (
	"io"

	"timeline/timeline"
)

// Importer reads one format of other people's event files and maps each
// record onto the dataset's columns. It reads an io.Reader, streaming where
// the format allows, and never touches paths: the import command opens the
// files, validates what the importer emits and writes the Data Package.
type Importer interface {
	// Name is the format's name on the command line ("acled", "timelinejs").
	Name() string
	// Detect reports whether a file looks like this format, from its name
	// and its first bytes (up to DetectSize; fewer for a short file).
	Detect(name string, head []byte) bool
	// Import reads r, the file called name, and passes what it finds to
	// sink in file order. A record that cannot be mapped is passed to
	// sink.Skip with its line and the reason, and the import goes on; the
	// error is for input that cannot be read at all.
	Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error
}

// DetectSize is how many leading bytes of a file Detect is given.
const DetectSize = 64 << 10

// ImportOptions are the choices a user can make on the command line. An
// importer ignores those that do not apply to its format.
type ImportOptions struct {
	// Map maps a dataset column to the source column that fills it
	// (generic CSV: --map start=event_date).
	Map map[string]string
	// DateFormat is the layout of dates in the source (generic CSV), in
	// Go's time layout notation; empty means detect.
	DateFormat string
	// Delimiter separates cells (generic CSV); 0 means the format's own.
	Delimiter rune
	// Encoding is the text encoding of the source ("utf-8",
	// "windows-1252"); empty means the format's own.
	Encoding string
	// TrustDays keeps day precision of dates that may be placeholders
	// (Wikidata's -01-01 without a precision).
	TrustDays bool
}

// Record is one event as an importer maps it.
type Record struct {
	// Line is where the record starts in its file (a line number, or for
	// a JSON file the line of the record's opening brace), for reports.
	Line int
	// SourceID is the id the source gives the event (ACLED's
	// event_id_cnty, UCDP's id), by which a re-import recognises it; empty
	// when the source has none.
	SourceID string
	// Cells are the event's values by column name, canonical columns
	// (timeline.Columns) and extra ones alike, in the dataset's own
	// spelling: dates in EDTF, lists ;-separated, numbers as written.
	Cells map[string]string
	// Extra names the extra columns of Cells in the order they should
	// appear in the dataset.
	Extra []string
}

// Meta is what a file says of the dataset as a whole, such as the title
// slide of a TimelineJS sheet.
type Meta struct {
	Title, Description string
	Sources            []timeline.Source
	Licenses           []timeline.License
}

// Skip is a source record that did not become an event.
type Skip struct {
	Line   int
	Reason string
}

// ImportSink receives what an importer reads.
type ImportSink interface {
	// Meta is called at most once, before or between records.
	Meta(m Meta) error
	// Record is called for each mapped event. The sink may keep rec.
	Record(rec *Record) error
	// Skip reports a record that was left out.
	Skip(s Skip)
	// Warn reports something kept but doubtful at a line (a fatality
	// range out of order, a date marked as possibly a placeholder).
	Warn(line int, msg string)
}

// Exporter writes a dataset in another format.
type Exporter interface {
	// Name is the format's name on the command line.
	Name() string
	// Export writes ds to w. Every event, or part of one, that the format
	// cannot hold is passed to lost; nothing is dropped silently.
	Export(w io.Writer, ds *timeline.Dataset, lost func(Loss)) error
}

// Loss is an event, or a field of one, that an export could not hold.
type Loss struct {
	ID     string
	Line   int
	Reason string
}
