package timeline

import (
	"fmt"
	"strings"
)

// Severity says whether a problem makes a dataset invalid.
type Severity int

// Severities, from least to most serious.
const (
	Warning Severity = iota
	Error
)

// Diagnostic is one problem found in a dataset, with its position.
// Line and Column are 1-based; Column counts bytes, as encoding/csv does.
type Diagnostic struct {
	File     string
	Line     int
	Column   int
	Field    string
	Severity Severity
	// Code names the kind of problem with a stable dotted word
	// (date.syntax, id.duplicate, …; see the Code constants), so that a
	// program can branch on it without matching messages.
	Code string
	Msg  string
}

// String formats the diagnostic as FILE:LINE:COLUMN: FIELD: message, with
// "warning: " before the message of a warning.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.Grow(len(d.File) + len(d.Field) + len(d.Msg) + 32)
	b.WriteString(d.File)
	fmt.Fprintf(&b, ":%d:%d: ", d.Line, d.Column)
	if d.Field != "" {
		b.WriteString(d.Field)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Error makes a Diagnostic usable as an error.
func (d Diagnostic) Error() string { return d.String() }

// Counts tallies diagnostics by severity.
type Counts struct {
	Errors, Warnings int
}

// Add counts one diagnostic.
func (c *Counts) Add(d Diagnostic) {
	if d.Severity == Error {
		c.Errors++
	} else {
		c.Warnings++
	}
}

// The codes of the problems the Scanner reports. A code never changes
// once released; a message may.
const (
	CodeCSVSyntax       = "csv.syntax"        // malformed CSV: quotes
	CodeCSVFields       = "csv.fields"        // a row with the wrong number of fields
	CodeCSVLineEnds     = "csv.line-ends"     // warning: carriage returns alone end the lines
	CodeHeaderEmpty     = "header.empty"      // no header line at all
	CodeHeaderName      = "header.name"       // a column without a name, or with spaces around it
	CodeHeaderDuplicate = "header.duplicate"  // a column name that appears twice
	CodeHeaderMissing   = "header.missing"    // a required column is missing
	CodeHeaderDelimiter = "header.delimiter"  // the file is separated by something other than commas
	CodeTextEncoding    = "text.encoding"     // text that is not UTF-8
	CodeTextNUL         = "text.nul"          // a NUL byte in a cell
	CodeTextControl     = "text.control"      // warning: a control character in a cell
	CodeTextFormula     = "text.formula"      // warning: a cell a spreadsheet would run as a formula
	CodeRequired        = "value.required"    // start or title is blank
	CodeIDBlank         = "id.blank"          // warning: fmt fills it in
	CodeIDSyntax        = "id.syntax"         // not a slug
	CodeIDDuplicate     = "id.duplicate"      // an id used before
	CodeDateSyntax      = "date.syntax"       // not an EDTF or relative date, or an impossible one
	CodeDateOrder       = "date.order"        // end before start
	CodeDateOngoing     = "date.ongoing"      // '..' after an interval start
	CodeRelativeUnknown = "relative.unknown"  // a relative date refers to an unknown id
	CodeRelativeTarget  = "relative.target"   // it refers to an event whose start is unusable
	CodeRelativeCycle   = "relative.cycle"    // relative dates that refer to each other in a loop
	CodeCoordSyntax     = "coordinate.syntax" // not a decimal number
	CodeCoordRange      = "coordinate.range"  // outside ±90 or ±180
	CodeCoordPair       = "coordinate.pair"   // latitude without longitude or the other way round
	CodeConfidence      = "confidence.unknown"
	CodeKind            = "kind.unknown"
	CodeLinkScheme      = "link.scheme" // a source link other than http, https or mailto
	CodeMediaURL        = "media.url"   // media that is not an http or https URL
)

// severityOf says how serious a problem of the given code is.
func severityOf(code string) Severity {
	switch code {
	case CodeCSVLineEnds, CodeTextControl, CodeTextFormula, CodeIDBlank:
		return Warning
	}
	return Error
}
