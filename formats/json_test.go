package formats

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"timeline/timeline"
)

func TestJSONTyping(t *testing.T) {
	ds, _, err := timeline.Read(strings.NewReader("id,start,title,fatalities,code\na,-0048,Pharsalus,12,010\nb,2017,B,,020\nc,Y12000,C,n/a,030\n"), "t.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, _ := NewRecordWriter("jsonl", &out, "en")
	w.(Typed).SetTypes(map[string]string{"fatalities": "integer", "code": "string"})
	w.Begin(ds.Extra)
	for i := range ds.Events {
		w.Write(&ds.Events[i])
	}
	w.Close()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		got = append(got, m)
	}
	if got[0]["fatalities"] != 12.0 || got[1]["fatalities"] != nil || got[2]["fatalities"] != "n/a" || got[0]["code"] != "010" {
		t.Errorf("typed values: %v / %v / %v", got[0], got[1], got[2])
	}
	if got[0]["lower"] != "-000048-01-01T00:00:00Z" || got[0]["upper"] != "-000047-01-01T00:00:00Z" || got[2]["lower"] != "+012000-01-01T00:00:00Z" {
		t.Errorf("bounds %v %v %v", got[0]["lower"], got[0]["upper"], got[2]["lower"])
	}
}

func TestISODate(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2017, 4, 3, 8, 40, 0, 0, time.UTC), "2017-04-03T08:40:00Z"},
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "0000-01-01T00:00:00Z"},
		{time.Date(-48, 1, 1, 0, 0, 0, 0, time.UTC), "-000048-01-01T00:00:00Z"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "+010000-01-01T00:00:00Z"},
	} {
		if got := ISODate(tc.t); got != tc.want {
			t.Errorf("ISODate(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}
