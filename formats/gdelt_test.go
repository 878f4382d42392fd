package formats

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
)

func TestGDELTRealFile(t *testing.T) {
	s := importFile(t, GDELT{}, realData(t, "gdelt-1.0-sample.csv"))
	if len(s.records) != 710 || len(s.skips) != 0 {
		t.Fatalf("%d records, %d skipped (%v); want 710 and 0", len(s.records), len(s.skips), s.skips)
	}
	if prec := s.precisions(t); prec["day"] != 710 {
		t.Errorf("precisions %v, want 710 days", prec)
	}
	withURL, fights, centroid := 0, 0, 0
	for _, r := range s.records {
		if r.Cells["sources"] != "" {
			withURL++
		}
		if r.Cells["category"] == "Fight" {
			fights++
		}
		if strings.Contains(r.Cells["tags"], "country centroid") {
			centroid++
		}
	}
	// 509 lines have the 58th cell, SOURCEURL; 48 have root code 19;
	// 168 place the action in a country as a whole.
	if withURL != 509 || fights != 48 || centroid != 168 {
		t.Errorf("%d with a URL, %d fights, %d at a country centroid; want 509, 48, 168", withURL, fights, centroid)
	}
	first := s.records[0]
	if first.Line != 1 || first.SourceID != "564111644" {
		t.Errorf("first record: line %d, id %s", first.Line, first.SourceID)
	}
	checkCells(t, first, map[string]string{
		"start": "20060731"[:4] + "-07-31", "title": "Make public statement: UNITED STATES",
		"category": "Make public statement", "actors": "UNITED STATES",
		"location": "National Postal Museum, District of Columbia, United States",
		"country":  "United States", "latitude": "38.8973", "longitude": "-77.0083",
		"sources":   "http://wtop.com/lifestyle/2016/07/deepest-darkest-secrets-now-display-national-postal-museum/",
		"EventCode": "010", "EventRootCode": "01", "QuadClass": "1", "ActionGeo_CountryCode": "US",
		"ActionGeo_ADM1Code": "USDC", "Actor1Code": "USA", "DATEADDED": "20160728", "tags": "verbal cooperation",
		"GoldsteinScale": "0.0", "ActionGeo_ADM2Code": "", "SQLDATE": "", "FractionDate": "",
	})
	// Line 540's place name has U+0091 where Windows-1252 text was read
	// as Latin-1; it is repaired.
	if loc := s.records[539].Cells["location"]; loc != "Sanaa, San‘a', Yemen" {
		t.Errorf("line 540: location %q, want the C1 character repaired", loc)
	}
	last := s.records[709]
	checkCells(t, last, map[string]string{
		"start": "1982-12-31", "title": "Fight: VIETNAMESE → VILLAGE", "actors": "VIETNAMESE;VILLAGE",
		"country": "Vietnam, Republic Of", "tags": "place: country centroid;material conflict",
		"sources": "", "EventCode": "190",
	})
	if last.Line != 710 || last.SourceID != "230523753" {
		t.Errorf("last record: line %d, id %s", last.Line, last.SourceID)
	}
}

func TestGDELTMixedLayouts(t *testing.T) {
	s := importFile(t, GDELT{}, "testdata/gdelt-mixed.CSV")
	if len(s.records) != 3 {
		t.Fatalf("%d records, want 3", len(s.records))
	}
	if len(s.skips) != 2 || s.skips[0].Line != 3 || !strings.Contains(s.skips[0].Reason, "12 tab-separated cells") ||
		s.skips[1].Line != 4 || !strings.Contains(s.skips[1].Reason, "20221302") {
		t.Errorf("skips %+v, want line 3 (12 cells) and line 4 (SQLDATE)", s.skips)
	}
	checkCells(t, s.bySource("1000000001"), map[string]string{
		"start": "2022-02-24", "category": "Fight", "title": "Fight: RUSSIA → UKRAINE",
		"ActionGeo_ADM2Code": "UP12-xyz", "ActionGeo_FeatureID": "-1044367", "DATEADDED": "20220224051500",
		"sources": "https://example.org/news/1", "country": "Ukraine", "latitude": "50.4333",
	})
	checkCells(t, s.bySource("1000000002"), map[string]string{
		"EventCode": "0231", "EventRootCode": "02", "category": "Appeal", "ActionGeo_ADM2Code": "",
		"ActionGeo_FeatureID": "-1044367", "DATEADDED": "20220225",
	})
	checkCells(t, s.bySource("1000000005"), map[string]string{
		"start": "1999-01-01", "country": "Ukraine", "tags": "place: country centroid;verbal cooperation", "sources": "",
	})
	// 1.0 and 2.0 lines give the same columns.
	if a, b := s.records[0].Extra, s.records[2].Extra; strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("extra columns differ: %v and %v", a, b)
	}
}

func TestGDELTDetect(t *testing.T) {
	line := strings.Repeat("x\t", 56) + "x\n"
	good := "1\t20200101\t" + line[4:]
	for _, c := range []struct {
		name, head string
		want       bool
	}{
		{"20200101.export.CSV", good, true},
		{"events.csv", good + good, true},
		{"events.csv", "id\tstart\n", false},
		{"events.json", good, false},
		{"events.csv", "GLOBALEVENTID\tSQLDATE\t" + line[4:], false}, // a header
	} {
		if got := (GDELT{}).Detect(c.name, []byte(c.head)); got != c.want {
			t.Errorf("Detect(%s, %.30q) = %v", c.name, c.head, got)
		}
	}
}

// gdeltGenerator produces n GDELT-shaped lines (58 cells, ~330 bytes)
// without holding them.
type gdeltGenerator struct {
	n, i int
	buf  []byte
}

func (g *gdeltGenerator) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.i < g.n {
		g.i++
		g.buf = fmt.Appendf(g.buf, "%d\t2015%02d%02d\t201501\t2015\t2015.0027\tUSA\tUNITED STATES\tUSA\t\t\t\t\t\t\t\tGOV\tGOVERNMENT\t\t\t\t\t\tGOV\t\t\t1\t%03d\t%03d\t%02d\t1\t1.9\t%d\t1\t10\t2.5\t3\tWashington, District of Columbia, United States\tUS\tUSDC\t38.8951\t-77.0364\t531871\t0\t\t\t\t\t\t\t3\tWashington, District of Columbia, United States\tUS\tUSDC\t38.8951\t-77.0364\t531871\t20150101\thttp://example.org/news/%d\n",
			g.i, g.i%12+1, g.i%28+1, g.i%200+10, g.i%200+10, g.i%20+1, g.i%50, g.i)
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = append(g.buf[:0], g.buf[n:]...)
	return n, nil
}

// peakSink counts records and samples the heap in use every 10,000.
type peakSink struct {
	n    int
	peak uint64
	ms   runtime.MemStats
}

func (s *peakSink) Meta(Meta) error { return nil }
func (s *peakSink) Record(*Record) error {
	if s.n++; s.n%10000 == 0 {
		runtime.ReadMemStats(&s.ms)
		s.peak = max(s.peak, s.ms.HeapInuse)
	}
	return nil
}
func (s *peakSink) Skip(Skip)        {}
func (s *peakSink) Warn(int, string) {}

// TestGDELTStreams checks that memory does not grow with the file: the
// heap in use while importing 200,000 lines stays within a few MB.
func TestGDELTStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 200,000 generated lines")
	}
	runtime.GC()
	s := &peakSink{}
	if err := (GDELT{}).Import(&gdeltGenerator{n: 200000}, "big.CSV", ImportOptions{}, s); err != nil {
		t.Fatal(err)
	}
	if s.n != 200000 {
		t.Fatalf("%d records, want 200000", s.n)
	}
	if s.peak > 32<<20 {
		t.Errorf("heap in use peaked at %.1f MB for 200,000 lines: the import holds records", float64(s.peak)/(1<<20))
	}
}

// BenchmarkGDELTMillion imports a generated 1,000,000-line file (330 MB)
// and reports the peak heap in use and the process's peak resident size.
func BenchmarkGDELTMillion(b *testing.B) {
	for b.Loop() {
		s := &peakSink{}
		if err := (GDELT{}).Import(&gdeltGenerator{n: 1000000}, "big.CSV", ImportOptions{}, s); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(s.peak)/(1<<20), "peak-heap-MB")
	}
	b.ReportMetric(peakRSS()/(1<<20), "peak-RSS-MB")
}

// peakRSS returns the process's peak resident set size in bytes (VmHWM of
// /proc/self/status), or 0 where there is none.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var kb float64
		if n, _ := fmt.Sscanf(sc.Text(), "VmHWM: %f kB", &kb); n == 1 {
			return kb * 1024
		}
	}
	return 0
}
