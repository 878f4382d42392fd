package timeline

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteReadRoundTrip(t *testing.T) {
	in := "id,start,end,title,description,category,actors,location,country,latitude,longitude,sources,confidence,tags,media,media_caption,media_credit,display_date,kind,fatalities,notes\n" +
		"a,1995,..,Appointment,\"Line one\nline two, with comma and \"\"quotes\"\"\",appointment,SNB;Rustam Inoyatov,Tashkent,Uzbekistan,41.2995,69.2401,https://example.org,high,security,,,,,era,,x\n" +
		"b,2017-04-03,,Bombing,,attack,Akbarzhon Jalilov,St Petersburg,Russia,59.9343,30.3351,https://example.org/a;Citation p. 3,high,metro;attack,https://example.org/i.jpg,Caption,Credit,3 April,,14,\n"
	ds, c, err := Read(strings.NewReader(in), "t.csv", nil)
	if err != nil || c.Errors+c.Warnings != 0 {
		t.Fatalf("Read: %v %+v", err, c)
	}
	var out bytes.Buffer
	if err := ds.Write(&out); err != nil {
		t.Fatal(err)
	}
	if out.String() != in {
		t.Fatalf("canonical file not rewritten byte for byte:\n got %q\nwant %q", out.String(), in)
	}
	if got := ds.Extra; len(got) != 2 || got[0] != "fatalities" || got[1] != "notes" {
		t.Errorf("Extra = %v", got)
	}
	if e := ds.Events[1]; len(e.Sources) != 2 || e.Sources[1] != "Citation p. 3" || e.Extra[0] != "14" {
		t.Errorf("event b = %+v", e)
	}
}

func TestWriteKeepsColumnsInCanonicalOrder(t *testing.T) {
	in := "\xef\xbb\xbfnote,title,start,id\r\nx,T,2017,a\r\n"
	ds, _, err := Read(strings.NewReader(in), "t.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	ds.Write(&out)
	want := "id,start,end,title,description,category,actors,location,country,latitude,longitude,sources,confidence,tags,media,media_caption,media_credit,display_date,kind,note\na,2017,,T,,,,,,,,,,,,,,,,x\n"
	if out.String() != want {
		t.Errorf("got %q\nwant %q", out.String(), want)
	}
}

func TestSortFillCanonicalize(t *testing.T) {
	in := "id,start,title,latitude,longitude\n,2017-04-03,St Petersburg metro bombing,59.90,30.295912345678901234\nx,2016?~,Earlier,,\nz,2016,Same year,,\n,2018,St Petersburg metro bombing,,\n"
	ds, _, err := Read(strings.NewReader(in), "t.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := ds.FillIDs(); n != 2 {
		t.Errorf("FillIDs = %d", n)
	}
	ds.Canonicalize()
	ds.Sort()
	var ids, starts []string
	for _, e := range ds.Events {
		ids = append(ids, e.ID)
		starts = append(starts, e.Start)
	}
	if got := strings.Join(ids, " "); got != "z x st-petersburg-metro-bombing st-petersburg-metro-bombing-2" {
		t.Errorf("ids in order = %s", got)
	}
	if got := strings.Join(starts, " "); got != "2016 2016% 2017-04-03 2018" {
		t.Errorf("starts = %s", got)
	}
	// Numbers keep every digit they were written with.
	if e := ds.Events[2]; e.Latitude != "59.90" || e.Longitude != "30.295912345678901234" {
		t.Errorf("coordinates = %q, %q", e.Latitude, e.Longitude)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"St Petersburg metro bombing":             "st-petersburg-metro-bombing",
		"Jalilov's return — to Moscow":            "jalilovs-return-to-moscow",
		"Café Zürich":                             "cafe-zurich",
		"  ":                                      "event",
		"Взрыв в метро":                           "event",
		"one two three four five six seven eight": "one-two-three-four-five-six",
		"2017: 3 April":                           "2017-3-april",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if !validID(Slug(in)) {
			t.Errorf("Slug(%q) is not a valid id", in)
		}
	}
	taken := map[string]bool{"a": true, "a-2": true}
	if got := uniqueID("A", taken); got != "a-3" {
		t.Errorf("uniqueID = %q", got)
	}
}

func TestFilter(t *testing.T) {
	in := "id,start,end,title,category,actors,tags,description\nold,1995,..,Appointment,appointment,SNB,,\nr,2011/2012,,Deportations,deportation,FSB,,\nb,2017-04-03,,Bombing,attack,Akbarzhon Jalilov,metro,Bomb in the metro\n"
	ds, _, _ := Read(strings.NewReader(in), "t.csv", nil)
	match := func(f Filter) string {
		var ids []string
		for i := range ds.Events {
			if f.Match(&ds.Events[i]) {
				ids = append(ids, ds.Events[i].ID)
			}
		}
		return strings.Join(ids, " ")
	}
	from := ds.Events[2].StartDate.Lower() // 2017-04-03
	tests := []struct {
		f    Filter
		want string
	}{
		{Filter{}, "old r b"},
		{Filter{From: from}, "old b"}, // the ongoing era reaches 2017
		{Filter{To: ds.Events[1].StartDate.Upper()}, "old r"},
		{Filter{Categories: []string{"ATTACK"}}, "b"},
		{Filter{Actors: []string{"fsb", "snb"}}, "old r"},
		{Filter{Tags: []string{"Metro"}}, "b"},
		{Filter{Text: "METRO"}, "b"},
		{Filter{Text: "jalilov"}, "b"},
	}
	for i, tt := range tests {
		if got := match(tt.f); got != tt.want {
			t.Errorf("%d: matched %q, want %q", i, got, tt.want)
		}
	}
}
