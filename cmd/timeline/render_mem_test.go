package main

import (
	"bytes"
	"reflect"
	"runtime"
	"testing"
	"unsafe"

	"timeline/charts"
	"timeline/internal/benchdata"
	"timeline/timeline"
)

// pageEvents reads the file's bytes in place: its events are those a
// Scanner reading a copy of the file makes, their text is substrings of
// the file, and it allocates less than such a Scanner by at least the
// file's size.
func TestPageEventsInPlace(t *testing.T) {
	var in bytes.Buffer
	if err := benchdata.Write(&in, 5000, 1); err != nil {
		t.Fatal(err)
	}
	raw := in.Bytes()
	opt := charts.Options{Theme: "light", Lang: "en", Start: "timeline", LaneTitle: "category"}
	got, rows, left, _, err := pageEvents(raw, "t.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 5000 || len(got)+left != rows {
		t.Fatalf("rows %d, events %d, left out %d", rows, len(got), left)
	}

	copied := func() []charts.Event {
		s := timeline.NewScanner(bytes.NewReader(raw), "t.csv")
		h, err := s.ReadHeader()
		if err != nil {
			t.Fatal(err)
		}
		col, err := charts.NewCollector(h.Extra(), opt)
		if err != nil {
			t.Fatal(err)
		}
		s.Scan(func(row *timeline.Row) {
			if row.Errors == 0 && !row.Start.IsZero() {
				ev := row.Event()
				col.Add(&ev)
			}
		})
		ev, _ := col.Events()
		return ev
	}
	want := copied()
	if !reflect.DeepEqual(got, want) {
		t.Fatal("pageEvents of the file's bytes differs from a Scanner's events of a copy")
	}

	lo := uintptr(unsafe.Pointer(unsafe.SliceData(raw)))
	inside := 0
	for _, e := range got {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(e.Title))); p >= lo && p < lo+uintptr(len(raw)) {
			inside++
		}
	}
	if inside < len(got)*9/10 {
		t.Errorf("%d of %d titles are substrings of the file", inside, len(got))
	}

	// Reading in place saves at least the copy of the file that a
	// Scanner of a reader makes.
	inPlace := allocated(func() { pageEvents(raw, "t.csv", opt) })
	viaCopy := allocated(func() { copied() })
	if inPlace+uint64(len(raw))*9/10 > viaCopy {
		t.Errorf("pageEvents allocated %d bytes, a Scanner of a copy %d: the %d bytes of the file are copied", inPlace, viaCopy, len(raw))
	}
}

// allocated returns how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
