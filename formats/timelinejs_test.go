package formats

import (
	"testing"

	"timeline/timeline/edtf"
)

// TestTimelineJSCosmological imports TimelineJS's cosmological scale: years
// of billions are kept as EDTF Y-years, which read as people write them.
func TestTimelineJSCosmological(t *testing.T) {
	in := `{"scale": "cosmological", "events": [
  {"start_date": {"year": -13798000000}, "text": {"headline": "Big Bang"}},
  {"start_date": {"year": "-4540000000"}, "end_date": {"year": -4000000000}, "text": {"headline": "Hadean"}},
  {"start_date": {"year": -66000000}, "text": {"headline": "Dinosaurs die out"}},
  {"start_date": {"year": -99999999999}, "text": {"headline": "Far before"}},
  {"start_date": {"year": -44, "month": 3, "day": 15}, "text": {"headline": "Caesar"}}
]}`
	c := collect(t, TimelineJSJSON{}, "cosmos.json", []byte(in), ImportOptions{})
	if len(c.Records) != 5 || len(c.Skips) != 0 {
		t.Fatalf("records %d, skips %v", len(c.Records), c.Skips)
	}
	for i, want := range []string{"13.8 billion years ago", "4.54 billion years ago – 4 billion years ago", "66 million years ago", "100 billion years ago", "15 March 44 BCE"} {
		r := c.Records[i].Cells
		s := r["start"]
		if r["end"] != "" {
			s += "/" + r["end"]
		}
		d, err := edtf.Parse(s)
		if err != nil {
			t.Errorf("record %d: %q: %v", i, s, err)
			continue
		}
		if got := d.Format("en"); got != want {
			t.Errorf("record %d: %q reads %q, want %q", i, s, got, want)
		}
	}
}
