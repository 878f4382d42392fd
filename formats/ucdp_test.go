package formats

import (
	"os"
	"strings"
	"testing"
)

func importFile(t *testing.T, im Importer, path string) *conflictSink {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, DetectSize)
	n, _ := f.ReadAt(head, 0)
	if !im.Detect(path, head[:n]) {
		t.Errorf("%s: %s does not recognise the file", path, im.Name())
	}
	s := &conflictSink{}
	if err := im.Import(f, path, ImportOptions{}, s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

func TestUCDPGeoJSONRealFile(t *testing.T) {
	s := importFile(t, UCDPGED{}, realData(t, "ucdp-ged-23.1-car.geojson"))
	if len(s.records) != 1848 || len(s.skips) != 0 {
		t.Fatalf("%d records, %d skipped (%v); want 1848 and 0", len(s.records), len(s.skips), s.skips)
	}
	// 1,367 single days; of the 481 windows, 86 are exactly a calendar
	// month and 7 a calendar year, the other 388 are intervals.
	prec := s.precisions(t)
	if prec["day"] != 1367 || prec["month"] != 86 || prec["year"] != 7 || prec["interval"] != 388 {
		t.Errorf("precisions %v", prec)
	}
	if len(s.warns) != 20 {
		t.Errorf("%d warnings, want 20 (low ≤ best ≤ high fails in 20 rows): %v", len(s.warns), s.warns)
	}
	for _, w := range s.warns {
		if !strings.Contains(w.Reason, "not in order") || w.Line < 2 {
			t.Errorf("warning %+v", w)
		}
	}
	checkCells(t, s.bySource("36210"), map[string]string{
		"start": "2009-02-20", "end": "", "title": "Government of Uganda - LRA, Southeast Central African Republic",
		"category": "state-based conflict", "actors": "Government of Uganda;LRA",
		"location": "Southeast Central African Republic", "country": "Central African Republic",
		"latitude": "5.399784", "longitude": "26.486881", "sources": "Reuters  25/2-09",
		"best": "3", "low": "3", "high": "3", "date_prec": "1", "where_prec": "5", "tags": "",
		"conflict_name": "Uganda: Government", "id": "",
	})
	if r := s.bySource("36210"); r.Line != 6 {
		t.Errorf("36210 at line %d, want 6 (the first feature)", r.Line)
	}
	checkCells(t, s.bySource("36211"), map[string]string{
		"start":   "2009-08-07/2009-09-10",
		"sources": "BBC Monitoring Newsfile 10/9-09;The New Vision website, Kampala, in English 10 Sep 09",
	})
	checkCells(t, s.bySource("61575"), map[string]string{
		"start": "2013-09-25/2013-10-01", "tags": "place: country centroid",
		"latitude": "7.0", "longitude": "21.0", "where_prec": "6",
		"sources":     "BBC Monitoring Africa,2013-10-03,African Union troops kill eight Ugandan rebels in DRCongo, CAR - report",
		"description": "African Union troops kill eight Ugandan rebels in DRCongo, CAR - report",
	})
	checkCells(t, s.bySource("30490"), map[string]string{"start": "2012-03-XX", "date_prec": "4"})
	checkCells(t, s.bySource("22775"), map[string]string{"start": "2000-XX-XX", "date_prec": "5"})
	// Every record names the same extra columns, in the file's order.
	ex := strings.Join(s.records[0].Extra, ",")
	if !strings.HasPrefix(ex, "relid,year,active_year,code_status,conflict_dset_id") || strings.Contains(ex, "date_start") {
		t.Errorf("extra columns %s", ex)
	}
}

func TestUCDPCSV(t *testing.T) {
	s := importFile(t, UCDPGED{}, "testdata/ucdp-ged-sample.csv")
	if len(s.records) != 7 {
		t.Fatalf("%d records, want 7", len(s.records))
	}
	if len(s.skips) != 1 || s.skips[0].Line != 4 || !strings.Contains(s.skips[0].Reason, "2009-13-40") {
		t.Errorf("skips %+v, want the invented row at line 4", s.skips)
	}
	if len(s.warns) != 1 || s.warns[0].Line != 7 {
		t.Errorf("warnings %+v, want one at line 7 (low 7, best 6, high 7)", s.warns)
	}
	prec := s.precisions(t)
	if prec["day"] != 1 || prec["month"] != 1 || prec["year"] != 1 || prec["interval"] != 4 {
		t.Errorf("precisions %v", prec)
	}
	// The CSV gives the same events as the GeoJSON: coordinates from its
	// columns, the same dates and cells.
	checkCells(t, s.bySource("61575"), map[string]string{
		"start": "2013-09-25/2013-10-01", "tags": "place: country centroid",
		"latitude": "7.0", "longitude": "21.0", "actors": "Government of Uganda;LRA",
		"best": "8", "country": "Central African Republic",
	})
	checkCells(t, s.bySource("36210"), map[string]string{"start": "2009-02-20", "latitude": "5.399784"})
	for _, r := range s.records {
		for _, c := range r.Extra {
			if c == "geom_wkt" || c == "latitude" || c == "id" {
				t.Errorf("column %s kept as extra", c)
			}
		}
	}
}

func TestUCDPDetect(t *testing.T) {
	for _, c := range []struct {
		head string
		want bool
	}{
		{`{"type": "FeatureCollection", "features": [{"properties": {"id": 1, "date_prec": 1, "date_start": "", "date_end": "", "side_a": "", "side_b": "", "where_prec": 1}}]}`, true},
		{`{"type": "FeatureCollection", "features": [{"properties": {"date": "2020"}}]}`, false},
		{"id,start,title\n", false},
		{"id,date_prec,date_start,date_end,side_a,side_b,where_prec,best\n", true},
	} {
		if got := (UCDPGED{}).Detect("x", []byte(c.head)); got != c.want {
			t.Errorf("Detect(%.40q) = %v", c.head, got)
		}
	}
}
