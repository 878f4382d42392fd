package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"timeline/timeline"
)

func validateCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "report every problem as FILE:LINE:COLUMN: FIELD: message; exit 1 if any error",
		ArgsUsage: "[DATASET…]",
		Description: `--format text (default) writes each problem to standard error as
FILE:LINE:COLUMN: FIELD: message. --format json writes each to standard output
as one JSON object a line, {"file","line","column","field","severity","code",
"message"}, with severity "error" or "warning" and code a stable name of the
kind of problem (date.syntax, id.duplicate, …); the summary stays on standard
error.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the problems, not the summary"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json (one JSON object per problem per line, on standard output)"},
		},
		Action: func(c *cli.Context) error {
			o := validateOptions{quiet: c.Bool("quiet"), format: c.String("format")}
			if o.format != "text" && o.format != "json" {
				return usagef("unknown --format %q: want text or json", o.format)
			}
			args := c.Args().Slice()
			if len(args) == 0 {
				args = []string{""}
			}
			failed := false
			for _, a := range args {
				bad, err := validate(a, o, e)
				if err != nil {
					return err
				}
				failed = failed || bad
			}
			if failed {
				return silentError{1}
			}
			return nil
		},
	}
}

// validateOptions are the flags of timeline validate.
type validateOptions struct {
	quiet  bool
	format string // text or json
}

// validate checks one dataset as a stream and reports whether it has errors.
func validate(arg string, o validateOptions, e *env) (bool, error) {
	src, err := resolveSource(arg, e)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return false, err
		}
		fmt.Fprintf(e.stderr, "timeline: %v\n", err)
		return true, nil
	}
	r, err := src.open()
	if err != nil {
		return false, err
	}
	defer r.Close()
	out := bufio.NewWriterSize(e.stderr, 64<<10)
	defer out.Flush()
	s := timeline.NewScanner(r, src.name)
	s.Report = func(d timeline.Diagnostic) {
		out.WriteString(d.String())
		out.WriteByte('\n')
	}
	if o.format == "json" {
		jout := bufio.NewWriterSize(e.stdout, 64<<10)
		defer jout.Flush()
		s.Report = func(d timeline.Diagnostic) {
			jout.Write(diagnosticJSON(d))
			jout.WriteByte('\n')
		}
	}
	err = s.Scan(func(*timeline.Row) {})
	if err != io.EOF && !errors.Is(err, timeline.ErrNoHeader) {
		return false, fmt.Errorf("reading %s: %w", src.name, err)
	}
	c := s.Counts()
	if !o.quiet {
		fmt.Fprintf(out, "%s: %d rows, %s, %s\n", src.name, s.Rows(), plural(c.Errors, "error"), plural(c.Warnings, "warning"))
	}
	return c.Errors > 0, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// diagnosticJSON is one problem as a JSON object, keys in a fixed order.
func diagnosticJSON(d timeline.Diagnostic) []byte {
	sev := "error"
	if d.Severity == timeline.Warning {
		sev = "warning"
	}
	b, _ := json.Marshal(struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Field    string `json:"field"`
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	}{d.File, d.Line, d.Column, d.Field, sev, d.Code, d.Msg})
	return b
}
