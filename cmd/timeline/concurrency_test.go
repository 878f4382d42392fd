package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"timeline/internal/benchdata"
	"timeline/timeline"
)

// buildBinary builds the timeline command once for tests that need real
// processes.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "timeline-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "timeline")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func binary(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build the binary with")
	}
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// TestConcurrentAdds starts 40 `timeline add` processes at once on one
// dataset: all 40 events must be there afterwards and the file valid.
func TestConcurrentAdds(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	if out, err := exec.Command(bin, "init", dir).CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			cmd := exec.Command(bin, "add", dir, "--start", fmt.Sprintf("2017-04-%02d", i%28+1),
				"--title", "Concurrent event", "--actor", fmt.Sprintf("actor %d", i))
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("add %d: %v\n%s", i, err, out)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	f, err := os.Open(filepath.Join(dir, "events.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var problems []string
	ds, _, err := timeline.Read(f, "events.csv", func(d timeline.Diagnostic) { problems = append(problems, d.String()) })
	if err != nil || len(problems) > 0 {
		t.Fatalf("dataset after concurrent adds: %v %v", err, problems)
	}
	if len(ds.Events) != n {
		t.Fatalf("%d events after %d concurrent adds", len(ds.Events), n)
	}
	actors := map[string]bool{}
	for _, e := range ds.Events {
		actors[e.Actors[0]] = true
	}
	if len(actors) != n {
		t.Errorf("%d distinct events, want %d", len(actors), n)
	}
}

// TestKilledWriteLeavesOldFile kills `timeline fmt` at different moments
// while it rewrites a large file: the file must always be either the old one
// or the complete new one.
func TestKilledWriteLeavesOldFile(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	var unsorted bytes.Buffer
	if err := benchdata.Write(&unsorted, 100_000, 7); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "events.csv")
	var formatted []byte
	for i, delay := range []time.Duration{20, 60, 120, 200, 300, 500, 5000} {
		if err := os.WriteFile(path, unsorted.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "fmt", path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(delay * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(got, unsorted.Bytes()) {
			continue
		}
		if formatted == nil {
			// The first complete rewrite tells what the new file is.
			cmd := exec.Command(bin, "fmt", "--stdout", "-")
			cmd.Stdin = bytes.NewReader(unsorted.Bytes())
			var err error
			if formatted, err = cmd.Output(); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(got, formatted) {
			t.Fatalf("run %d (killed after %v): file is neither the old nor the new one (%d bytes)", i, delay*time.Millisecond, len(got))
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") && i == 6 {
				t.Errorf("temporary file %s left after a completed run", e.Name())
			}
		}
	}
}
