package timeline

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"timeline/internal/benchdata"
)

// diags validates input and returns its diagnostics as strings.
func diags(t *testing.T, input string) []string {
	t.Helper()
	var out []string
	s := NewScanner(strings.NewReader(input), "t.csv")
	s.Report = func(d Diagnostic) { out = append(out, d.String()) }
	if err := s.Scan(func(*Row) {}); err != io.EOF && err != ErrNoHeader {
		t.Fatalf("Scan: %v", err)
	}
	return out
}

func TestValidation(t *testing.T) {
	const head = "id,start,end,title,latitude,longitude,sources,confidence,kind,media,note\n"
	tests := []struct {
		name  string
		input string
		want  []string // each must appear, in this order; nothing else may
	}{
		{"clean", head + "a,2017-04-03,,Fine,59.9,30.3,https://example.org;Galeotti 2017: p. 3,high,,https://example.org/x.jpg,\n", nil},
		{"impossible date", head + "a,2017-02-30,,T,,,,,,,\n", []string{"t.csv:2:3: start: "}},
		{"month 13", head + "a,2017-13,,T,,,,,,,\n", []string{"t.csv:2:3: start: "}},
		{"end before start", head + "a,2017-05,2017-04,T,,,,,,,\n", []string{"t.csv:2:11: end: end 2017-04 is before start 2017-05"}},
		{"end in start's span is fine", head + "a,2017,2017-03,T,,,,,,,\n", nil},
		{"ongoing", head + "a,1995,..,T,,,,,,,\n", nil},
		{"ongoing after an interval", head + "a,/2014,..,T,,,,,,,\n", []string{"t.csv:2:9: end: '..' (still ongoing) needs a single start date"}},
		{"missing title and start", head + "a,,,,,,,,,,\n", []string{"t.csv:2:3: start: required value is missing", "t.csv:2:5: title: required value is missing"}},
		{"blank id is a warning", head + ",2017,,T,,,,,,,\n", []string{"t.csv:2:1: id: warning: id is blank"}},
		{"bad id", head + "Bad_Id,2017,,T,,,,,,,\n", []string{`t.csv:2:1: id: "Bad_Id" is not a valid id`}},
		{"duplicate id", head + "a,2017,,T,,,,,,,\na,2018,,U,,,,,,,\n", []string{`t.csv:3:1: id: duplicate id "a" (first on line 2)`}},
		{"latitude out of range", head + "a,2017,,T,91,10,,,,,\n", []string{"t.csv:2:11: latitude: 91 out of range: want -90 to 90"}},
		{"longitude not a number", head + "a,2017,,T,10,east,,,,,\n", []string{`t.csv:2:14: longitude: "east" is not a number`}},
		{"half coordinates", head + "a,2017,,T,10,,,,,,\n", []string{"t.csv:2:11: latitude: latitude and longitude go together"}},
		{"unknown confidence", head + "a,2017,,T,,,,sure,,,\n", []string{`t.csv:2:14: confidence: unknown confidence "sure"`}},
		{"unknown kind", head + "a,2017,,T,,,,,period,,\n", []string{`t.csv:2:15: kind: unknown kind "period"`}},
		{"javascript link", head + "a,2017,,T,,,javascript:alert(1),,,,\n", []string{`t.csv:2:13: sources: link "javascript:alert(1)": only http, https and mailto`}},
		{"links among sources", head + "a,2017,,T,,,Galeotti 2017; see p. 3; javascript:x ; https://x.org;FILE:///etc;mailto:a@b,,,,\n", []string{`t.csv:2:13: sources: link "javascript:x"`, `t.csv:2:13: sources: link "FILE:///etc"`}},
		{"ftp link", head + "a,2017,,T,,,ftp://x.org/f,,,,\n", []string{`sources: link "ftp://x.org/f"`}},
		{"media not http", head + "a,2017,,T,,,,,,data:image/png;base64,\n", []string{"t.csv:2:16: media: "}},
		{"formula in title", head + "a,2017,,=1+1,,,,,,,\n", []string{`t.csv:2:9: title: warning: starts with "="`}},
		{"formula in extra column", head + "a,2017,,T,,,,,,,@SUM(A1)\n", []string{`t.csv:2:17: note: warning: starts with "@"`}},
		{"negative number is not a formula", head + "a,2017,,T,-33.9,18.4,,,,,-5\n", nil},
		{"not utf-8", head + "a,2017,,Caf\xe9,,,,,,,\n", []string{"t.csv:2:12: title: text is not UTF-8 (byte 0xe9)"}},
		{"wrong field count", head + "a,2017,T\n", []string{"t.csv:2:1: wrong number of fields: got 3, want 11"}},
		{"bare quote", head + "a,2017,,Bad \"quote,,,,,,,\n", []string{`t.csv:2:13: malformed CSV: bare " in non-quoted-field`}},
		{"unknown relative id", head + "a,b+P1D,,T,,,,,,,\n", []string{`t.csv:2:3: start: relative date b+P1D refers to unknown id "b"`}},
		{"relative to later row", head + "a,b+P1D,,T,,,,,,,\nb,2017,,U,,,,,,,\n", nil},
		{"relative chain", head + "a,b+P1D,,T,,,,,,,\nb,c-P1W~,,U,,,,,,,\nc,2017-04-03,,V,,,,,,,\n", nil},
		{"relative end", head + "a,2017-04-03,a+P2D,T,,,,,,,\n", nil},
		{"relative end before start", head + "a,2017-04-03,a-P2D,T,,,,,,,\n", []string{"t.csv:2:14: end: end 2017-04-01 is before start 2017-04-03"}},
		{"cycle", head + "a,b+P1D,,T,,,,,,,\nb,a+P1D,,U,,,,,,,\n", []string{"t.csv:3:3: start: relative date a+P1D depends on a cycle", "t.csv:2:3: start: relative date b+P1D depends on a cycle"}},
		{"self reference", head + "a,a+P1D,,T,,,,,,,\n", []string{"t.csv:2:3: start: relative date a+P1D depends on a cycle"}},
		{"relative to invalid date", head + "a,b+P1D,,T,,,,,,,\nb,2017-13,,U,,,,,,,\n", []string{"t.csv:3:3: start: ", `t.csv:2:3: start: relative date b+P1D refers to "b", whose start is not a valid date`}},
		{"bad duration", head + "a,b+3W,,T,,,,,,,\n", []string{"t.csv:2:3: start: "}},
		{"missing required column", "id,title\na,T\n", []string{`t.csv:1:1: start: header: required column "start" is missing`}},
		{"duplicate column", "id,start,title,title\na,2017,T,U\n", []string{`t.csv:1:16: title: header: column "title" appears twice`}},
		{"empty", "", []string{"t.csv:1:1: empty file"}},
		{"bom and crlf", "\xef\xbb\xbfid,start,title\r\na,2017,T\r\n", nil},
		{"multi-line field keeps line numbers", "id,start,title,description\na,2017,T,\"two\nlines\"\nb,2017-13,U,\n", []string{"t.csv:4:3: start: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diags(t, tt.input)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("diagnostic %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestRelativeResolution(t *testing.T) {
	in := "id,start,end,title\nclaim,bomb+P3W~,,Claim\nbomb,2017-04-03,,Bombing\nbefore,bomb-P1D,,Eve\n"
	ds, c, err := Read(strings.NewReader(in), "t.csv", nil)
	if err != nil || c.Errors != 0 {
		t.Fatalf("Read: %v, %+v", err, c)
	}
	got := map[string]string{}
	for _, e := range ds.Events {
		got[e.ID] = e.StartDate.String()
	}
	want := map[string]string{"claim": "2017-04-24~", "bomb": "2017-04-03", "before": "2017-04-02"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("resolved starts = %v, want %v", got, want)
	}
}

func TestManyBadRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,start,title\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&b, "e%d,2017-13,T\n", i)
	}
	if got := len(diags(t, b.String())); got != 10000 {
		t.Errorf("got %d diagnostics for 10000 bad rows", got)
	}
}

func TestReferencedIDsAndLean(t *testing.T) {
	in := "id,start,end,title,latitude\nclaim,bomb+P3W~,,Claim,\nbomb,2017-04-03,,Bomb,95\nx,2017,a-b-P1D,\"Note: +P is here\",\n"
	ids, err := referencedIDsIn(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if !ids["bomb"] || !ids["a-b"] || len(ids) != 2 {
		t.Errorf("referenced ids %v", ids)
	}
	// Read a byte at a time, and with a line longer than the buffer, the
	// stream gives what the whole input gives.
	long := in + "y," + strings.Repeat("P", 3<<20) + ",x-P1D,t,\nz,PP+P,,t,\n"
	whole := referencedIDs([]byte(long))
	streamed, err := referencedIDsIn(iotest.OneByteReader(strings.NewReader(long)))
	if err != nil || fmt.Sprint(streamed) != fmt.Sprint(whole) || !whole["x"] || whole["pp"] {
		t.Errorf("streamed %v (%v), whole %v", streamed, err, whole)
	}
	// Read in parts at once, cut at line breaks, it gives the same.
	for _, text := range []string{in, long, "id,start\rb,x-1+P2W\rc,y+P1D\r", "a,b+P1D\n\n\nc,d-P2D\n"} {
		for parts := 1; parts <= 7; parts++ {
			got := map[string]bool{}
			var mu sync.Mutex
			err := eachReferencedIDAt(strings.NewReader(text), 0, int64(len(text)), parts, func(_ int, id []byte) {
				mu.Lock()
				got[string(id)] = true
				mu.Unlock()
			})
			if want := referencedIDs([]byte(text)); err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%.30q in %d parts: %v (%v), want %v", text, parts, got, err, want)
			}
		}
	}
	// A lean scan keeping only the wanted ids still resolves relative dates,
	// and skips the other checks (the latitude out of range).
	s := NewScanner(strings.NewReader(in), "t.csv")
	s.Lean = true
	s.want(ids)
	var problems []string
	s.Report = func(d Diagnostic) { problems = append(problems, d.String()) }
	starts := map[string]string{}
	s.Scan(func(r *Row) { starts[r.Get(ColID)] = r.Start.String() })
	if starts["claim"] != "2017-04-24~" {
		t.Errorf("claim resolved to %q", starts["claim"])
	}
	if len(problems) != 1 || !strings.Contains(problems[0], `unknown id "a-b"`) {
		t.Errorf("lean problems: %v", problems)
	}
}

func TestScanDoesNotKeepBlocks(t *testing.T) {
	// Cells are slices of the reader's blocks of input. What the Scanner
	// keeps until the end (rows held back for their relative dates, about
	// one in eighty here) must not keep those blocks alive, or a chart's
	// lean scan of a large file would hold the whole file.
	var in bytes.Buffer
	if err := benchdata.Write(&in, 100_000, 1); err != nil {
		t.Fatal(err)
	}
	size := in.Len()
	s := NewScanner(bytes.NewReader(in.Bytes()), "big.csv")
	s.Lean = true
	s.want(referencedIDs(in.Bytes()))
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var grown int64 = -1
	rows := 0
	err := s.Scan(func(r *Row) {
		if rows++; rows == 90_000 {
			var now runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&now)
			grown = int64(now.HeapAlloc) - int64(before.HeapAlloc)
		}
	})
	if err != io.EOF {
		t.Fatal(err)
	}
	if grown < 0 || grown > int64(size)/4 {
		t.Errorf("after 90%% of a %d-byte input the heap grew by %d bytes, want under a quarter of the input", size, grown)
	}
}

func TestWithinDegrees(t *testing.T) {
	for _, tt := range []struct {
		v     string
		limit int
		want  bool
	}{
		{"0", 90, true}, {"89.9999", 90, true}, {"90", 90, true}, {"90.000", 90, true}, {"-90.0", 90, true},
		{"90.0001", 90, false}, {"-90.5", 90, false}, {"91", 90, false}, {"0090", 90, true}, {"00091", 90, false},
		{"180", 180, true}, {"+179.99", 180, true}, {"180.01", 180, false}, {"1000", 180, false},
		{"99999999999999999999", 180, false}, {".5", 90, true}, {"5.", 90, true},
	} {
		if got := withinDegrees(tt.v, tt.limit); got != tt.want {
			t.Errorf("withinDegrees(%q, %d) = %v, want %v", tt.v, tt.limit, got, tt.want)
		}
	}
}

func TestScanFindsWantedIDs(t *testing.T) {
	// Given input it can read twice, the Scanner keeps start dates only for
	// the ids relative dates refer to, and still finds every duplicate; the
	// diagnostics and dates are those of a scan that keeps every id.
	const in = "id,start,end,title\n" +
		"a,2017-01-01,,A\n" +
		"b,a+P3D,c-P1D,B\n" + // refers back to a, and forward to c
		"dup,2016,,C\n" +
		"c,b+P1M,,D\n" + // a chain: c depends on b, which depends on a
		"dup,2015,,E\n" + // a duplicate among the ids nothing refers to
		"x,y+P1D,,F\n" + "y,x+P1D,,G\n" + // a cycle
		"z,nobody+P1D,,H\n"
	scan := func(r io.Reader) (*Scanner, []string) {
		s := NewScanner(r, "t.csv")
		var out []string
		s.Report = func(d Diagnostic) { out = append(out, d.String()) }
		if err := s.Scan(func(row *Row) { out = append(out, row.Get(ColID)+" "+row.Start.String()+" "+row.End.String()) }); err != io.EOF {
			t.Fatal(err)
		}
		return s, out
	}
	seekable, got := scan(strings.NewReader(in))
	_, want := scan(struct{ io.Reader }{strings.NewReader(in)})
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("with the ids found first:\n%s\nkeeping every id:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	isWanted := func(id string) bool { return seekable.wanted.has(maphash.String(seekable.seed, id)) }
	if seekable.wanted == nil || isWanted("dup") || !isWanted("a") || seekable.wanted.len() != 6 || len(seekable.ids) > 6 {
		t.Errorf("%d ids kept: want a, b, c, x, y and nobody", len(seekable.ids))
	}
	if !strings.Contains(strings.Join(got, "\n"), `duplicate id "dup" (first on line 4)`) {
		t.Errorf("the duplicate is not reported:\n%s", strings.Join(got, "\n"))
	}
}

func TestScanReturnsReadErrors(t *testing.T) {
	boom := fmt.Errorf("disk on fire")
	in := io.MultiReader(strings.NewReader("id,start,title\na,2017,A\nb,2018,B\n"), iotest.ErrReader(boom))
	s := NewScanner(in, "t.csv")
	var ids []string
	err := s.Scan(func(r *Row) { ids = append(ids, r.Get(ColID)) })
	if err != boom {
		t.Errorf("Scan returned %v, want the read error", err)
	}
	if len(ids) != 0 && fmt.Sprint(ids) != "[a b]" {
		t.Errorf("rows before the error: %v", ids)
	}
}
