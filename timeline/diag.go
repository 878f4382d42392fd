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
