package formats

import (
	"strings"
	"testing"
)

func TestACLEDSynthetic(t *testing.T) {
	s := importFile(t, ACLED{}, "testdata/acled-synthetic.csv")
	if len(s.records) != 4 {
		t.Fatalf("%d records, want 4", len(s.records))
	}
	if len(s.skips) != 2 || s.skips[0].Line != 6 || !strings.Contains(s.skips[0].Reason, "2023-02-30") ||
		s.skips[1].Line != 7 || !strings.Contains(s.skips[1].Reason, "5 cells") {
		t.Errorf("skips %+v, want line 6 (date) and line 7 (cut short)", s.skips)
	}
	if len(s.warns) != 1 || s.warns[0].Line != 8 || !strings.Contains(s.warns[0].Reason, `time_precision "7"`) {
		t.Errorf("warnings %+v, want line 8 (time_precision 7)", s.warns)
	}
	if prec := s.precisions(t); prec["day"] != 2 || prec["interval"] != 1 || prec["month"] != 1 {
		t.Errorf("precisions %v", prec)
	}
	r := s.bySource("KEN1001")
	if r.Line != 2 {
		t.Errorf("KEN1001 at line %d, want 2", r.Line)
	}
	checkCells(t, r, map[string]string{
		"start": "2023-02-16", "title": "Peaceful protest in Nairobi-Westlands", "category": "Protests",
		"actors":      "Protesters (Kenya);Teachers (Kenya);Students (Kenya)",
		"description": "Synthetic row: teachers march to the ministry over pay.",
		"location":    "Nairobi-Westlands", "country": "Kenya", "latitude": "-1.2667", "longitude": "36.8000",
		"sources": "The Standard;Twitter", "tags": "crowd size=around 200",
		"sub_event_type": "Peaceful protest", "disorder_type": "Demonstrations", "fatalities": "0",
		"admin3": "", "actor2": "", "event_id_cnty": "", "time_precision": "1", "geo_precision": "1",
	})
	checkCells(t, s.bySource("KEN1002"), map[string]string{
		"start":       "2022-12-25/2022-12-31",
		"actors":      "Military Forces of Kenya (2022-);Al Shabaab;Clan Militia (Kenya)",
		"description": "Synthetic row: an invented clash.\nA second line of notes.",
		"fatalities":  "3", "time_precision": "2",
	})
	if r := s.bySource("KEN1003"); r == nil || r.Line != 5 {
		t.Fatalf("KEN1003 missing or not at line 5: %+v", r)
	}
	checkCells(t, s.bySource("KEN1003"), map[string]string{"start": "2023-03-XX", "fatalities": "", "civilian_targeting": "Civilian targeting"})
	checkCells(t, s.bySource("KEN1006"), map[string]string{"start": "2023-04-02", "title": "Agreement in Nairobi"})
	for _, c := range s.records[0].Extra {
		if c == "notes" || c == "event_date" || c == "location" {
			t.Errorf("column %s kept as extra", c)
		}
	}
}

func TestACLEDDetect(t *testing.T) {
	if !(ACLED{}).Detect("x.csv", []byte("\xef\xbb\xbfevent_id_cnty,event_date,year,event_type\n")) {
		t.Error("an ACLED header with a BOM is not recognised")
	}
	if (ACLED{}).Detect("x.csv", []byte("id,event_date,event_type\n")) {
		t.Error("a header without event_id_cnty is taken for ACLED")
	}
}
