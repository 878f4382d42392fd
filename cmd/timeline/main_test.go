package main

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"timeline": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scenarios in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Cmds: map[string]func(*testscript.TestScript, bool, []string){
		"exitcode": cmdExitCode,
	}})
}

// cmdExitCode is the script command "exitcode N PROGRAM [ARGS…]": it runs
// the program as exec does and fails unless it exits with status N exactly
// (exec and ! exec only tell zero from non-zero).
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

func TestWriteChange(t *testing.T) {
	for _, tc := range []struct{ name, old, new, want string }{
		{"line", "a\nb\nc\n", "a\nB\nc\n", "f:2: not in canonical form\n  is:       b\n  would be: B\n"},
		{"crlf", "a\r\nb\r\n", "a\nb\n", "f:1: not in canonical form\n  is:       a\\r\n  would be: a\n"},
		{"no line end", "a\nb", "a\nb\n", "f:2: not in canonical form\n  is:       b (no line end)\n  would be: b\n"},
		{"empty", "", "id\n", "f:1: not in canonical form\n  is:       (end of file)\n  would be: id\n"},
		{"shorter", "a\nb\n", "a\n", "f:2: not in canonical form\n  is:       b\n  would be: (end of file)\n"},
		{"escape", "a\x1b[2J\n", "b\n", "f:1: not in canonical form\n  is:       a\\x1b[2J\n  would be: b\n"},
	} {
		var b strings.Builder
		writeChange(&b, "f", []byte(tc.old), []byte(tc.new))
		if b.String() != tc.want {
			t.Errorf("%s: got\n%q\nwant\n%q", tc.name, b.String(), tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	cmds := []string{"init", "add", "validate", "list", "stats", "fmt", "render", "chart", "completion"}
	for _, tc := range []struct{ word, want string }{
		{"rendr", "render"}, {"vaildate", "validate"}, {"lsit", "list"}, {"chrat", "chart"},
		{"comp", "completion"}, {"frobnicate", ""}, {"x", ""}, {"render", ""},
	} {
		if got := suggest(tc.word, cmds); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"kitten", "sitting", 3}, {"ab", "ba", 1}, {"frequncy", "frequency", 1}, {"héllo", "hello", 1}} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
