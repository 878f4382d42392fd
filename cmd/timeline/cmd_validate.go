package main

import (
	"bufio"
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
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the problems, not the summary"},
		},
		Action: func(c *cli.Context) error {
			args := c.Args().Slice()
			if len(args) == 0 {
				args = []string{""}
			}
			failed := false
			for _, a := range args {
				bad, err := validate(a, c.Bool("quiet"), e)
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

// validate checks one dataset as a stream and reports whether it has errors.
func validate(arg string, quiet bool, e *env) (bool, error) {
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
	err = s.Scan(func(*timeline.Row) {})
	if err != io.EOF && !errors.Is(err, timeline.ErrNoHeader) {
		return false, fmt.Errorf("reading %s: %w", src.name, err)
	}
	c := s.Counts()
	if !quiet {
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
