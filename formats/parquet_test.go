package formats

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	arrowpq "github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/parquet-go/parquet-go"

	"timeline/timeline"
)

// parquetFixture is a dataset with dates of every kind and extra columns
// of each type the export chooses.
const parquetFixture = `id,start,end,title,description,category,actors,latitude,longitude,sources,tags,fatalities,score,code,note
day,2017-04-03,,Metro bombing,"Two lines
of text",attack,A;B,59.9311,30.3609,https://example.org/a;Book p. 3,t1,15,1.5,010,x
month,2013-07-XX,,Raid,,raid,,7.0,-0.5,,,0,-2,001,
interval,2011/2012,,Deportations,,policy,C,,,,,,3.25,A7,
open,1995/..,,Appointed,,,,,,,,7,,,"quote ""here"""
bce,-0043-03-15,,Ides,,,,41.892,12.4853,,,23,0.125,,
after,day+P3W~,,Claim,,claim,,42.795912345678901234,1,,,,,,
ranged,2016-21,2016-08-01,Spring to August,,,,,,,,,,,
`

func readFixture(t *testing.T, csv string) *timeline.Dataset {
	t.Helper()
	ds, counts, err := timeline.Read(strings.NewReader(csv), "fixture.csv", func(d timeline.Diagnostic) { t.Log(d) })
	if err != nil {
		t.Fatal(err)
	}
	if counts.Errors > 0 {
		t.Fatalf("fixture has %d errors", counts.Errors)
	}
	return ds
}

func TestParquetRoundTrip(t *testing.T) {
	ds := readFixture(t, parquetFixture)
	var buf bytes.Buffer
	var lost []Loss
	if err := (Parquet{}).Export(&buf, ds, func(l Loss) { lost = append(lost, l) }); err != nil {
		t.Fatal(err)
	}
	// Only the latitude with more digits than a double keeps is lost.
	if len(lost) != 1 || lost[0].ID != "after" || !strings.Contains(lost[0].Reason, "latitude 42.795912345678901234") {
		t.Errorf("losses %+v, want one: the latitude of after", lost)
	}
	if !(Parquet{}).Detect("x.parquet", buf.Bytes()[:16]) {
		t.Error("the export is not detected as Parquet")
	}
	s := &conflictSink{}
	if err := (Parquet{}).Import(bytes.NewReader(buf.Bytes()), "x.parquet", ImportOptions{}, s); err != nil {
		t.Fatal(err)
	}
	if len(s.records) != len(ds.Events) || len(s.skips) != 0 {
		t.Fatalf("%d records, %d skips; want %d and 0", len(s.records), len(s.skips), len(ds.Events))
	}
	if got := strings.Join(s.records[0].Extra, ","); got != "fatalities,score,code,note" {
		t.Errorf("extra columns %s, want the dataset's order", got)
	}
	for i, rec := range s.records {
		e := &ds.Events[i]
		for c, name := range timeline.Columns() {
			want, got := e.Field(timeline.Column(c)), rec.Cells[name]
			if (name == "latitude" || name == "longitude") && want != "" {
				if !sameNumber(t, want, got) {
					t.Errorf("%s: %s %q, want %q", e.ID, name, got, want)
				}
				continue
			}
			if got != want {
				t.Errorf("%s: %s %q, want %q", e.ID, name, got, want)
			}
		}
		for j, name := range ds.Extra {
			want, got := e.Extra[j], rec.Cells[name]
			if name == "score" && want != "" {
				if !sameNumber(t, want, got) {
					t.Errorf("%s: %s %q, want %q", e.ID, name, got, want)
				}
				continue
			}
			if got != want {
				t.Errorf("%s: %s %q, want %q", e.ID, name, got, want)
			}
		}
	}
}

func sameNumber(t *testing.T, a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && x == y
}

// TestParquetReadByArrow reads the export with Apache Arrow's Parquet
// implementation, which shares no code with the writer, and checks the
// columns' types and values.
func TestParquetReadByArrow(t *testing.T) {
	ds := readFixture(t, parquetFixture)
	var buf bytes.Buffer
	if err := (Parquet{}).Export(&buf, ds, func(Loss) {}); err != nil {
		t.Fatal(err)
	}
	rdr, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	if n := rdr.NumRows(); n != int64(len(ds.Events)) {
		t.Fatalf("%d rows, want %d", n, len(ds.Events))
	}
	sc := rdr.MetaData().Schema
	type colType struct {
		phys    arrowpq.Type
		logical string
		rep     int16
	}
	want := map[string]colType{
		"id":                  {arrowpq.Types.ByteArray, "String", 0},
		"start":               {arrowpq.Types.ByteArray, "String", 0},
		"end":                 {arrowpq.Types.ByteArray, "String", 0},
		"first_day":           {arrowpq.Types.Int32, "Date", 0},
		"last_day":            {arrowpq.Types.Int32, "Date", 0},
		"precision":           {arrowpq.Types.ByteArray, "String", 0},
		"latitude":            {arrowpq.Types.Double, "None", 0},
		"fatalities":          {arrowpq.Types.Int64, "Int(bitWidth=64, isSigned=true)", 0},
		"score":               {arrowpq.Types.Double, "None", 0},
		"code":                {arrowpq.Types.ByteArray, "String", 0},
		"actors.list.element": {arrowpq.Types.ByteArray, "String", 1},
		"tags.list.element":   {arrowpq.Types.ByteArray, "String", 1},
	}
	index := map[string]int{}
	for i := 0; i < sc.NumColumns(); i++ {
		c := sc.Column(i)
		index[c.Path()] = i
		if w, ok := want[c.Path()]; ok {
			if c.PhysicalType() != w.phys || c.LogicalType().String() != w.logical || c.MaxRepetitionLevel() != w.rep {
				t.Errorf("%s: %s %s rep %d, want %s %s rep %d", c.Path(), c.PhysicalType(), c.LogicalType(), c.MaxRepetitionLevel(), w.phys, w.logical, w.rep)
			}
		}
	}
	for p := range want {
		if _, ok := index[p]; !ok {
			t.Errorf("no column %s", p)
		}
	}
	rg := rdr.RowGroup(0)
	n := len(ds.Events)
	// first_day and last_day: the day, the month, two years, an open end
	// (no last day), 44 BCE.
	days := func(s string) int32 {
		d, err := time.Parse(dayLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return int32(d.Unix() / 86400)
	}
	first := readInt32s(t, rg, index["first_day"], n)
	last := readInt32s(t, rg, index["last_day"], n)
	bce := int32(math.Floor(float64(time.Date(-43, 3, 15, 0, 0, 0, 0, time.UTC).Unix()) / 86400))
	wantDays := map[string][2]*int32{
		"day":      {ptr(days("2017-04-03")), ptr(days("2017-04-03"))},
		"month":    {ptr(days("2013-07-01")), ptr(days("2013-07-31"))},
		"interval": {ptr(days("2011-01-01")), ptr(days("2012-12-31"))},
		"open":     {ptr(days("1995-01-01")), nil},
		"bce":      {ptr(bce), ptr(bce)},
		"after":    {ptr(days("2017-04-24")), ptr(days("2017-04-24"))},
		"ranged":   {ptr(days("2016-03-01")), ptr(days("2016-08-01"))},
	}
	for i := range ds.Events {
		w := wantDays[ds.Events[i].ID]
		if !eqPtr(first[i], w[0]) || !eqPtr(last[i], w[1]) {
			t.Errorf("row %d (%s): first_day %v, last_day %v; want %v, %v", i, ds.Events[i].ID, show(first[i]), show(last[i]), show(w[0]), show(w[1]))
		}
	}
	fat := readInt64s(t, rg, index["fatalities"], n)
	if !eqPtr(fat[0], ptr(int64(15))) || !eqPtr(fat[1], ptr(int64(0))) || fat[2] != nil {
		t.Errorf("fatalities %v %v %v, want 15, 0, null", show(fat[0]), show(fat[1]), show(fat[2]))
	}
	// The list of actors: A, B for the first event, none for the second,
	// C for the third.
	actors := readStringList(t, rg, index["actors.list.element"])
	if got := strings.Join(actors[:3], "|"); got != "A;B||C" {
		t.Errorf("actors %q, want A;B, none, C", got)
	}
	kv := rdr.MetaData().KeyValueMetadata()
	if cols := kv.FindValue(parquetColumnsKey); cols == nil || !strings.HasPrefix(*cols, `["id","start","end","title"`) {
		t.Errorf("metadata %s = %v", parquetColumnsKey, cols)
	}
}

func ptr[T any](v T) *T { return &v }

func eqPtr[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func show[T any](p *T) string {
	if p == nil {
		return "null"
	}
	return strings.TrimSpace(strings.Trim(strings.ReplaceAll(strconv.Quote(fmtAny(*p)), `"`, ""), " "))
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case int32:
		return strconv.Itoa(int(x))
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return "?"
}

func readInt32s(t *testing.T, rg *file.RowGroupReader, col, n int) []*int32 {
	t.Helper()
	cr, err := rg.Column(col)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := cr.(*file.Int32ColumnChunkReader)
	if !ok {
		t.Fatalf("column %d is read by %T, not as INT32", col, cr)
	}
	vals, def := make([]int32, n), make([]int16, n)
	total, _, err := r.ReadBatch(int64(n), vals, def, nil)
	if err != nil || int(total) != n {
		t.Fatalf("read %d of %d: %v", total, n, err)
	}
	out, k := make([]*int32, n), 0
	for i := range n {
		if def[i] > 0 {
			out[i] = &vals[k]
			k++
		}
	}
	return out
}

func readInt64s(t *testing.T, rg *file.RowGroupReader, col, n int) []*int64 {
	t.Helper()
	cr, err := rg.Column(col)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := cr.(*file.Int64ColumnChunkReader)
	if !ok {
		t.Fatalf("column %d is read by %T, not as INT64", col, cr)
	}
	vals, def := make([]int64, n), make([]int16, n)
	total, _, err := r.ReadBatch(int64(n), vals, def, nil)
	if err != nil || int(total) != n {
		t.Fatalf("read %d of %d: %v", total, n, err)
	}
	out, k := make([]*int64, n), 0
	for i := range n {
		if def[i] > 0 {
			out[i] = &vals[k]
			k++
		}
	}
	return out
}

// readStringList reads a LIST<STRING> column, one ;-joined cell a row.
func readStringList(t *testing.T, rg *file.RowGroupReader, col int) []string {
	t.Helper()
	cr, err := rg.Column(col)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := cr.(*file.ByteArrayColumnChunkReader)
	if !ok {
		t.Fatalf("column %d is read by %T, not as BYTE_ARRAY", col, cr)
	}
	const max = 1000
	vals, def, rep := make([]arrowpq.ByteArray, max), make([]int16, max), make([]int16, max)
	total, _, err := r.ReadBatch(max, vals, def, rep)
	if err != nil {
		t.Fatal(err)
	}
	maxDef := r.Descriptor().MaxDefinitionLevel()
	var out []string
	var cur []string
	k := 0
	for i := range int(total) {
		if rep[i] == 0 && i > 0 {
			out = append(out, strings.Join(cur, ";"))
			cur = nil
		}
		if def[i] == maxDef {
			cur = append(cur, string(vals[k]))
			k++
		}
	}
	return append(out, strings.Join(cur, ";"))
}

// TestParquetImportForeign reads a Parquet file that the export did not
// write: a DATE start, a timestamp, numbers, a boolean, no metadata.
func TestParquetImportForeign(t *testing.T) {
	sch := parquet.NewSchema("t", parquet.Group{
		"start": parquet.Date(),
		"title": parquet.String(),
		"seen":  parquet.Optional(parquet.Timestamp(parquet.Microsecond)),
		"n":     parquet.Optional(parquet.Int(32)),
		"ok":    parquet.Optional(parquet.Leaf(parquet.BooleanType)),
		"tags":  parquet.List(parquet.String()),
	})
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, sch)
	day := int32(time.Date(2017, 4, 3, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	seen := time.Date(2017, 4, 3, 8, 40, 0, 0, time.UTC)
	for _, r := range []map[string]any{
		{"start": day, "title": "Metro bombing", "seen": seen, "n": int32(15), "ok": true, "tags": []string{"a", "b;c"}},
		{"start": day + 1, "title": "Next day", "seen": nil, "n": nil, "ok": nil, "tags": []string{}},
	} {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s := &conflictSink{}
	if err := (Parquet{}).Import(bytes.NewReader(buf.Bytes()), "x.parquet", ImportOptions{}, s); err != nil {
		t.Fatal(err)
	}
	if len(s.records) != 2 {
		t.Fatalf("%d records, want 2", len(s.records))
	}
	checkCells(t, s.records[0], map[string]string{
		"start": "2017-04-03", "title": "Metro bombing", "seen": "2017-04-03T08:40:00Z",
		"n": "15", "ok": "true", "tags": "a;b,c",
	})
	checkCells(t, s.records[1], map[string]string{"start": "2017-04-04", "seen": "", "n": "", "tags": ""})
	if got := strings.Join(s.records[0].Extra, ","); got != "n,ok,seen" {
		t.Errorf("extra columns %s", got)
	}
}
