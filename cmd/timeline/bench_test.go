package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/internal/benchdata"
)

// BenchmarkChartFrequency is timeline chart frequency on the 1,000,000-row
// benchmark file, made once in
// TIMELINE_BENCH_DIR or the temporary directory. Compare it with
// BenchmarkCSVScan in timeline/, the bare encoding/csv scan of the same file.
func BenchmarkChartFrequency(b *testing.B) {
	path := benchPath(b)
	out := filepath.Join(b.TempDir(), "chart.html")
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		var stderr strings.Builder
		if code := run([]string{"timeline", "chart", "frequency", path, "-o", out}, strings.NewReader(""), io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}

func benchPath(b *testing.B) string {
	dir := os.Getenv("TIMELINE_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "timeline-bench")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	path, err := benchdata.File(dir, 1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkListUnsorted is timeline list --format csv of the benchmark
// file, whose rows are not in date order: sorted in runs on disk past
// listBudget.
func BenchmarkListUnsorted(b *testing.B) {
	path := benchPath(b)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		var stderr strings.Builder
		if code := run([]string{"timeline", "list", path, "--format", "csv"}, strings.NewReader(""), io.Discard, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
}
