package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestListSortsInRuns lists an unsorted file with a budget so small that
// the events are sorted in many runs on disk: the output is the one of
// sorting them all in memory, ties in file order included.
func TestListSortsInRuns(t *testing.T) {
	var in strings.Builder
	in.WriteString("id,start,end,title,category\n")
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		start := fmt.Sprintf("%04d-%02d", 1990+r.IntN(30), 1+r.IntN(12))
		if i%7 == 0 {
			start = fmt.Sprintf("%04d", 1990+r.IntN(30)) // ties and coarse dates
		}
		fmt.Fprintf(&in, "e%d,%s,,Event %d,c%d\n", i, start, i, i%5)
	}
	path := filepath.Join(t.TempDir(), "events.csv")
	if err := os.WriteFile(path, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	list := func(budget int, format string) string {
		t.Helper()
		old := listBudget
		listBudget = budget
		defer func() { listBudget = old }()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"timeline", "list", path, "--format", format}, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return stdout.String()
	}
	for _, format := range []string{"csv", "jsonl", "table"} {
		whole, runs := list(64<<20, format), list(4<<10, format)
		if whole != runs {
			t.Errorf("%s: sorted in runs, the output differs from sorting in memory", format)
		}
		if strings.Count(whole, "\n") < 3000 {
			t.Errorf("%s: %d lines for 3000 events", format, strings.Count(whole, "\n"))
		}
	}
}

// TestProgress draws the progress of a read on a terminal, clears it
// before other text, and draws nothing when standard error is not a
// terminal.
func TestProgress(t *testing.T) {
	old := progressAfter
	progressAfter = 0
	defer func() { progressAfter = old }()

	var buf bytes.Buffer
	e := &env{stderr: &terminal{w: &buf}} // as withProgress makes of a terminal
	data := strings.Repeat("x", 1000)
	r := withProgress(io.NopCloser(strings.NewReader(data)), e, "big.csv", int64(len(data)))
	io.CopyN(io.Discard, r, 500)
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(lockedString(e.stderr.(*terminal), &buf), "50%") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Fprintf(e.stderr, "timeline: a message\n")
	r.Close()
	got := lockedString(e.stderr.(*terminal), &buf)
	if !strings.Contains(got, "\r\x1b[Ktimeline: reading big.csv: 50% (0.0 MB of 0.0 MB)") {
		t.Errorf("no progress line: %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[Ktimeline: a message\n") {
		t.Errorf("the progress line is not cleared before the message: %q", got)
	}

	// Not a terminal: the reader is returned as it is, and nothing drawn.
	var plain bytes.Buffer
	e = &env{stderr: &plain}
	in := io.NopCloser(strings.NewReader(data))
	if r := withProgress(in, e, "big.csv", 1000); r != in || e.stderr != &plain {
		t.Error("progress on a writer that is not a terminal")
	}
}

func lockedString(t *terminal, b *bytes.Buffer) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return b.String()
}
