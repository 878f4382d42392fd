package timeline

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/gocarina/gocsv"

	"timeline/internal/benchdata"
)

// benchRows is the size of the benchmark file: 1,000,000 rows, about 270 MB.
var benchRows = 1_000_000

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchFile returns the generated benchmark file, made once per run in
// TIMELINE_BENCH_DIR (kept between runs) or a temporary directory.
func benchFile(b *testing.B) string {
	benchOnce.Do(func() {
		dir := os.Getenv("TIMELINE_BENCH_DIR")
		if dir == "" {
			dir = filepath.Join(os.TempDir(), "timeline-bench")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			benchErr = err
			return
		}
		benchPath, benchErr = benchdata.File(dir, benchRows)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

func openBench(b *testing.B) (*os.File, int64) {
	f, err := os.Open(benchFile(b))
	if err != nil {
		b.Fatal(err)
	}
	fi, _ := f.Stat()
	return f, fi.Size()
}

// BenchmarkCSVScan is the baseline: a bare encoding/csv scan of the file.
func BenchmarkCSVScan(b *testing.B) {
	benchRecords(b, func(f io.Reader) recordReader {
		r := csv.NewReader(f)
		r.ReuseRecord = true
		r.FieldsPerRecord = -1
		return r
	})
}

// BenchmarkCSVReader is the Scanner's own CSV reader on the same file.
func BenchmarkCSVReader(b *testing.B) {
	benchRecords(b, func(f io.Reader) recordReader { return newCSVReader(f, true) })
}

type recordReader interface{ Read() ([]string, error) }

// benchRecords reads every record of the file with the reader open makes.
func benchRecords(b *testing.B, open func(io.Reader) recordReader) {
	benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, size := openBench(b)
		b.SetBytes(size)
		r := open(f)
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		f.Close()
		b.ReportMetric(float64(n), "rows")
	}
}

// BenchmarkValidate is what timeline validate does with the file.
func BenchmarkValidate(b *testing.B) {
	benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, size := openBench(b)
		b.SetBytes(size)
		s := NewScanner(f, "bench.csv")
		errs := 0
		s.Report = func(d Diagnostic) { errs++ }
		if err := s.Scan(func(*Row) {}); err != io.EOF {
			b.Fatal(err)
		}
		f.Close()
		if errs != 0 {
			b.Fatalf("%d diagnostics on the generated file", errs)
		}
	}
}

// BenchmarkStats is what timeline stats does with the file.
func BenchmarkStats(b *testing.B) {
	benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, size := openBench(b)
		b.SetBytes(size)
		st, err := Summarize(f, "bench.csv", nil)
		f.Close()
		if err != nil || st.Events == 0 {
			b.Fatal(err)
		}
	}
}

// gocsvRow is the benchmark file mapped with gocsv's struct tags.
type gocsvRow struct {
	ID          string `csv:"id"`
	Start       string `csv:"start"`
	End         string `csv:"end"`
	Title       string `csv:"title"`
	Description string `csv:"description"`
	Category    string `csv:"category"`
	Actors      string `csv:"actors"`
	Location    string `csv:"location"`
	Country     string `csv:"country"`
	Latitude    string `csv:"latitude"`
	Longitude   string `csv:"longitude"`
	Sources     string `csv:"sources"`
	Confidence  string `csv:"confidence"`
	Tags        string `csv:"tags"`
	Fatalities  string `csv:"fatalities"`
}

// BenchmarkGocsvPull measures gocsv's reflection-based mapping (its
// streaming pull loop) on the same file, to decide where gocsv fits.
func BenchmarkGocsvPull(b *testing.B) {
	benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, size := openBench(b)
		b.SetBytes(size)
		r := csv.NewReader(f)
		r.ReuseRecord = true
		u, err := gocsv.NewUnmarshaller(r, gocsvRow{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := u.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
}

// BenchmarkValidateChain validates 1,000,000 rows each relative to the one
// before (the benchmark rows, made once beside the benchmark file): the
// held rows' memory, reported as the heap in use at the end of the scan.
func BenchmarkValidateChain(b *testing.B) {
	path := chainFile(b)
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		fi, _ := f.Stat()
		b.SetBytes(fi.Size())
		s := NewScanner(f, "chain.csv")
		errs, rows := 0, 0
		s.Report = func(d Diagnostic) { errs++ }
		var heap runtime.MemStats
		if err := s.Scan(func(*Row) {
			if rows++; rows == benchRows-1 {
				runtime.GC()
				runtime.ReadMemStats(&heap)
			}
		}); err != io.EOF {
			b.Fatal(err)
		}
		f.Close()
		if errs != 0 || rows != benchRows {
			b.Fatalf("%d diagnostics, %d rows", errs, rows)
		}
		b.ReportMetric(float64(heap.HeapAlloc)/float64(benchRows), "heap-B/row")
	}
}

// chainFile returns the chain file, written the first time from the
// benchmark file: each row's start is the previous id +P1D.
func chainFile(b *testing.B) string {
	src := benchFile(b)
	path := filepath.Join(filepath.Dir(src), fmt.Sprintf("chain-%d.csv", benchRows))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.CreateTemp(filepath.Dir(src), "chain-*.tmp")
	if err != nil {
		b.Fatal(err)
	}
	defer os.Remove(out.Name())
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriter(out)
	prev := ""
	for sc.Scan() {
		line := sc.Text()
		if prev != "" || strings.HasPrefix(line, "e0000000,") {
			// id,start,end,rest: the start becomes relative, the end blank.
			parts := strings.SplitN(line, ",", 4)
			start := "1990-01-01"
			if prev != "" {
				start = prev + "+P1D"
			}
			prev = parts[0]
			line = parts[0] + "," + start + ",," + parts[3]
		}
		w.WriteString(line + "\n")
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(out.Name(), path); err != nil {
		b.Fatal(err)
	}
	return path
}
