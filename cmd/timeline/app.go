package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"timeline/charts"
	"timeline/timeline"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise
// it comes from the module's build information.
var version = ""

// usageError marks a mistake in how the command was called (exit 2). cmd is
// the command it was made in, filled in by newApp's wrapper of each Action.
type usageError struct {
	cmd string
	err error
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
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
		Description: `A dataset is a Frictionless Data Package directory (datapackage.json next to
events.csv), its datapackage.json, or a CSV file; - reads CSV from standard input.
Built-in datasets are named builtin:NAME. With no dataset argument and no
datapackage.json in the current directory, the built-in sample is used.

Dates are EDTF (2017, 2017-04-03, 2014?, 2016~, 201X, 2016-21, 2011/2012,
1995/.., -0043) or relative to another event (spb-metro-bombing+P3W~).

Exit status: 0 success, 1 failure (bad data, I/O; a command that reads a
dataset uses the rows without errors, says how many it left out and exits 1),
2 usage error.`,
		Commands: []*cli.Command{
			initCommand(e),
			addCommand(e),
			validateCommand(e),
			listCommand(e),
			statsCommand(e),
			fmtCommand(e),
			renderCommand(e),
			chartCommand(e),
			importCommand(e), exportCommand(e),
			extractCommand(e),
			completionCommand(e),
		},
	}
	app.OnUsageError = func(c *cli.Context, err error, _ bool) error {
		return flagError("", slices.Concat(app.Flags, []cli.Flag{cli.HelpFlag, cli.VersionFlag}), err)
	}
	app.Action = func(c *cli.Context) error { return rootAction(c, app) }
	for _, cmd := range app.Commands {
		name, action, flags := cmd.Name, cmd.Action, cmd.Flags
		cmd.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
			return flagError(name, slices.Concat(flags, []cli.Flag{cli.HelpFlag}), err)
		}
		cmd.Action = func(c *cli.Context) error { return inCommand(name, action(c)) }
	}
	return app
}

// rootAction runs when no command matched: "help [COMMAND]" (the help
// command is hidden, so urfave/cli leaves it to us), no command at all, or
// a mistyped one.
func rootAction(c *cli.Context, app *cli.App) error {
	names := commandNames(app)
	if c.NArg() == 0 {
		return usagef("no command given: want %s", orList(names))
	}
	name := c.Args().First()
	if name == "help" || name == "h" {
		if c.NArg() == 1 {
			return cli.ShowAppHelp(c)
		}
		topic := c.Args().Get(1)
		if app.Command(topic) == nil {
			return usageError{cmd: "help", err: errors.New(unknownCommand(topic, names))}
		}
		return cli.ShowCommandHelp(c, topic)
	}
	return usageError{err: errors.New(unknownCommand(name, names))}
}

func unknownCommand(name string, names []string) string {
	msg := fmt.Sprintf("unknown command %q", name)
	if s := suggest(name, names); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += ": want " + orList(names)
	}
	return msg
}

func commandNames(app *cli.App) []string {
	var names []string
	for _, c := range app.Commands {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}

// inCommand records in a usage error the command it was made in, for the
// message.
func inCommand(name string, err error) error {
	var ue usageError
	if errors.As(err, &ue) && ue.cmd == "" {
		ue.cmd = name
		return ue
	}
	return err
}

// flagError turns an error of the flag parser into a usage error in the
// words of this program, with a "did you mean" for a mistyped flag. The
// standard flag package returns plain errors, so its messages are read
// here, and passed on unchanged when they are not recognised.
func flagError(cmd string, flags []cli.Flag, err error) error {
	msg := err.Error()
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	const undefined = "flag provided but not defined: "
	const needsArg = "flag needs an argument: "
	switch {
	case strings.HasPrefix(msg, undefined):
		name := strings.TrimLeft(strings.TrimPrefix(msg, undefined), "-")
		msg = "unknown flag " + dashed(name)
		if s := suggest(name, names); s != "" {
			msg += "; did you mean " + dashed(s) + "?"
		}
	case strings.HasPrefix(msg, needsArg):
		msg = dashed(strings.TrimLeft(strings.TrimPrefix(msg, needsArg), "-")) + " needs a value"
	default:
		// invalid value "x" for flag -top: parse error
		if i := strings.Index(msg, " for flag -"); i >= 0 {
			rest := msg[i+len(" for flag -"):]
			name, tail, _ := strings.Cut(rest, ":")
			msg = msg[:i] + " for " + dashed(name)
			if strings.TrimSpace(tail) != "" && !strings.Contains(tail, "parse error") {
				msg += ":" + tail
			}
		}
	}
	return usageError{cmd: cmd, err: errors.New(msg)}
}

// dashed spells a flag name as it is written: -o, --output.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// run is the whole program; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	app := newApp(e)
	err := app.Run(flagsFirst(app, args))
	return exitCode(err, stderr)
}

// exitCode prints err and maps it to an exit status: 0 ok, 1 failure, 2
// usage. A usage error is one line naming the command and what is wrong,
// then where to find the help.
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
		prog, msg := "timeline", err.Error()
		if usage.cmd != "" {
			prog += " " + usage.cmd
			// "add needs --start" reads "timeline add: needs --start".
			msg = strings.TrimPrefix(msg, usage.cmd+" ")
		}
		help := prog + " --help"
		if usage.cmd == "help" {
			help = "timeline --help"
		}
		fmt.Fprintf(stderr, "%s: %s\nRun '%s' for usage.\n", prog, msg, help)
		return 2
	}
	fmt.Fprintf(stderr, "timeline: %v\n", err)
	return 1
}

// The rule for rows with errors, for every command that reads a dataset to
// write something else (list, stats, render, chart): use every row without
// errors, write the output, say how many rows were left out, and exit 1.
// When there are data rows but none is usable, say so and write nothing. A
// header-only dataset is no error.

// noUsableRows reports, before anything is written, a dataset whose every
// data row has errors.
func noUsableRows(src *source, rows, left int, c timeline.Counts, e *env) error {
	if rows == 0 || left < rows {
		return nil
	}
	fmt.Fprintf(e.stderr, "timeline: %s: no row is usable (%s in %s); nothing written; run 'timeline validate %s' for details\n",
		src.name, plural(c.Errors, "error"), plural(rows, "row"), src.arg)
	return silentError{1}
}

// rowsLeftOut reports, after the output is written, the rows left out for
// errors.
func rowsLeftOut(src *source, left int, c timeline.Counts, e *env) error {
	if c.Errors == 0 && left == 0 {
		return nil
	}
	fmt.Fprintf(e.stderr, "timeline: %s has %s; %s left out; run 'timeline validate %s' for details\n",
		src.name, plural(c.Errors, "error"), plural(left, "row"), src.arg)
	return silentError{1}
}

// noHeader is the error of a command given input without a header line.
func noHeader(src *source) error {
	return fmt.Errorf("%s: no header line: run 'timeline validate %s' for details", src.name, src.arg)
}

// optionError makes a usage error of an error about an option value.
func optionError(err error) error {
	return usageError{err: errors.New(strings.TrimPrefix(err.Error(), charts.ErrOption.Error()+": "))}
}

// writeResult writes a command's output to the file named by output, or to
// standard output for "-".
func writeResult(output string, data []byte, e *env) error {
	if output == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	return writeFileAtomic(output, data)
}
