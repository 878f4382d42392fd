package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAddKeepsBytes runs add on files whose bytes txtar cannot carry: a
// CRLF file with a lone CR inside a quoted cell, given a new column, and a
// file whose lines end with CR alone.
func TestAddKeepsBytes(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		args     []string
		want     string
	}{
		{"crlf", "id,start,title,note\r\na,2017,\"l1\rl2\",x\r\n", []string{"--start", "2018", "--title", "C", "--set", "fatalities=3"},
			"id,start,title,note,fatalities\r\na,2017,\"l1\rl2\",x,\r\nc,2018,C,,3\r\n"},
		{"cr only", "id,start,title\ra,2017,A\r", []string{"--id", "b", "--start", "2018", "--title", "B"},
			"id,start,title\ra,2017,A\rb,2018,B\r"},
	} {
		path := filepath.Join(t.TempDir(), "events.csv")
		if err := os.WriteFile(path, []byte(tt.in), 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"timeline", "add", path}, tt.args...), strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.name, code, stderr.String())
		}
		got, _ := os.ReadFile(path)
		if string(got) != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
