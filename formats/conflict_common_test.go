package formats

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"timeline/timeline/edtf"
)

// conflictSink is an ImportSink that keeps everything, for the tests of
// the conflict-data importers.
type conflictSink struct {
	meta    []Meta
	records []*Record
	skips   []Skip
	warns   []Skip
}

func (s *conflictSink) Meta(m Meta) error       { s.meta = append(s.meta, m); return nil }
func (s *conflictSink) Record(r *Record) error  { s.records = append(s.records, r); return nil }
func (s *conflictSink) Skip(k Skip)             { s.skips = append(s.skips, k) }
func (s *conflictSink) Warn(line int, m string) { s.warns = append(s.warns, Skip{line, m}) }

func (s *conflictSink) bySource(id string) *Record {
	for _, r := range s.records {
		if r.SourceID == id {
			return r
		}
	}
	return nil
}

// precisions counts the records by the precision of their start date,
// failing on a start that is not EDTF.
func (s *conflictSink) precisions(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, r := range s.records {
		d, err := edtf.Parse(r.Cells["start"])
		if err != nil {
			t.Fatalf("line %d: start %q: %v", r.Line, r.Cells["start"], err)
		}
		if e := r.Cells["end"]; e != "" {
			if _, err := edtf.Parse(e); err != nil {
				t.Fatalf("line %d: end %q: %v", r.Line, e, err)
			}
		}
		out[d.Precision().String()]++
	}
	return out
}

// realData returns the path of a file of ../shared/realdata, skipping the
// test when it is not there (it is beside the checkout, not in it), except
// in CI, which has it.
func realData(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "realdata", name)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real data file missing: %v", err)
		}
		t.Skipf("real data file missing: %v", err)
	}
	return p
}

// checkCells compares the named cells of rec with want; a want of "" means
// the cell must be absent or empty.
func checkCells(t *testing.T, rec *Record, want map[string]string) {
	t.Helper()
	if rec == nil {
		t.Fatal("record not found")
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got := rec.Cells[k]; got != want[k] {
			t.Errorf("line %d: %s = %q, want %q", rec.Line, k, got, want[k])
		}
	}
}

func TestOneDayIn(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(dayLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct{ a, b, want, prec string }{
		{"2020-01-05", "2020-01-05", "2020-01-05", "day"},
		{"2020-01-01", "2020-01-31", "2020-01-XX", "month"},
		{"2020-02-01", "2020-02-29", "2020-02-XX", "month"},
		{"2020-02-01", "2020-02-28", "2020-02-01/2020-02-28", "interval"}, // a leap year's February minus a day
		{"2021-01-01", "2021-12-31", "2021-XX-XX", "year"},
		{"2020-01-01", "2020-01-07", "2020-01-01/2020-01-07", "interval"},
		{"2019-12-30", "2020-01-02", "2019-12-30/2020-01-02", "interval"},
	} {
		got, err := oneDayIn(day(c.a), day(c.b))
		if err != nil || got != c.want {
			t.Errorf("oneDayIn(%s, %s) = %q, %v; want %q", c.a, c.b, got, err, c.want)
			continue
		}
		d, err := edtf.Parse(got)
		if err != nil {
			t.Fatalf("%q: %v", got, err)
		}
		if d.Precision().String() != c.prec {
			t.Errorf("%q has precision %s, want %s", got, d.Precision(), c.prec)
		}
		if !d.Lower().Equal(day(c.a)) || !d.Upper().Equal(day(c.b).AddDate(0, 0, 1)) {
			t.Errorf("%q has bounds %s–%s, want the window %s–%s", got, d.Lower(), d.Upper(), c.a, c.b)
		}
	}
	if _, err := oneDayIn(day("2020-01-02"), day("2020-01-01")); err == nil {
		t.Error("a window that ends before it starts was accepted")
	}
}

func TestHeadedCSVSkipsDamagedRows(t *testing.T) {
	in := "\xef\xbb\xbfa,b\n1,2\n3\n\"4,5\n"
	tb, err := newHeadedCSV(strings.NewReader(in), ',')
	if err != nil {
		t.Fatal(err)
	}
	if tb.header[0] != "a" {
		t.Fatalf("header %q: the byte-order mark was kept", tb.header)
	}
	var skips []Skip
	var lines []int
	for {
		_, line, err := tb.next(func(s Skip) { skips = append(skips, s) })
		if err != nil {
			break
		}
		lines = append(lines, line)
	}
	if len(lines) != 1 || lines[0] != 2 {
		t.Errorf("records at lines %v, want [2]", lines)
	}
	if len(skips) != 2 || skips[0].Line != 3 || skips[1].Line != 4 {
		t.Errorf("skips %+v, want lines 3 and 4", skips)
	}
}

// TestDetectConflictFormats checks that detection, with every format
// registered, names the right importer for each of these files.
func TestDetectConflictFormats(t *testing.T) {
	files := map[string]string{
		"testdata/ucdp-ged-sample.csv": "ucdp",
		"testdata/acled-synthetic.csv": "acled",
		"testdata/gtd-synthetic.csv":   "gtd",
		"testdata/gdelt-mixed.CSV":     "gdelt",
		"ucdp-ged-23.1-car.geojson":    "ucdp",
		"gdelt-1.0-sample.csv":         "gdelt",
	}
	for path, want := range files {
		if !strings.HasPrefix(path, "testdata/") {
			if p := filepath.Join("..", "..", "shared", "realdata", path); fileExists(p) {
				path = p
			} else {
				continue
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		head := data[:min(len(data), DetectSize)]
		im, ok := Detect(path, head)
		if !ok || im.Name() != want {
			got := "nothing"
			if ok {
				got = im.Name()
			}
			t.Errorf("%s detected as %s, want %s", path, got, want)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
