package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// it comes from the module's build information.
var version = ""

// usageError marks a mistake in how the command was called (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// silentError is a failure whose explanation has already been printed.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// env is what a command may touch besides files.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:                 "timeline",
		Usage:                "build datasets of dated events and render them as interactive timelines",
		Version:              buildVersion(),
		Reader:               e.stdin,
		Writer:               e.stdout,
		ErrWriter:            e.stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true,
		ExitErrHandler:       func(*cli.Context, error) {},
		OnUsageError:         onUsageError,
		Description: `A dataset is a Frictionless Data Package directory (datapackage.json next to
events.csv), its datapackage.json, or a CSV file; - reads CSV from standard input.
Built-in datasets are named builtin:NAME. With no dataset argument and no
datapackage.json in the current directory, the built-in sample is used.

Dates are EDTF (2017, 2017-04-03, 2014?, 2016~, 201X, 2016-21, 2011/2012,
1995/.., -0043) or relative to another event (spb-metro-bombing+P3W~).`,
		Commands: []*cli.Command{
			initCommand(e),
			addCommand(e),
			validateCommand(e),
			listCommand(e),
			statsCommand(e),
			fmtCommand(e),
			renderCommand(e),
			chartCommand(e),
			completionCommand(e),
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = onUsageError
	}
	return app
}

func onUsageError(_ *cli.Context, err error, _ bool) error {
	return usageError{err}
}

// run is the whole program; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	app := newApp(e)
	err := app.Run(flagsFirst(app, args))
	return exitCode(err, stderr)
}

// exitCode prints err and maps it to an exit status: 0 ok, 1 failure, 2 usage.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var silent silentError
	if errors.As(err, &silent) {
		return silent.code
	}
	var usage usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(stderr, "timeline: %v\nRun 'timeline --help' for usage.\n", err)
		return 2
	}
	var exit cli.ExitCoder
	if errors.As(err, &exit) {
		fmt.Fprintf(stderr, "timeline: %v\n", err)
		return exit.ExitCode()
	}
	fmt.Fprintf(stderr, "timeline: %v\n", err)
	return 1
}
