package timeline

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"testing"
	"testing/iotest"
)

// scanAll reads input as the Scanner does, one byte a read when slow is
// set, and returns its diagnostics and rows.
func scanAll(t *testing.T, input string, slow bool) ([]Diagnostic, []Event) {
	t.Helper()
	var r io.Reader = strings.NewReader(input)
	if slow {
		r = iotest.OneByteReader(r)
	}
	var ds []Diagnostic
	var evs []Event
	s := NewScanner(r, "t.csv")
	s.Report = func(d Diagnostic) { ds = append(ds, d) }
	if err := s.Scan(func(row *Row) { evs = append(evs, row.Event()) }); err != io.EOF && err != ErrNoHeader {
		t.Fatalf("Scan: %v", err)
	}
	return ds, evs
}

func codes(ds []Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Code))
	}
	return strings.Join(out, " ")
}

func TestLongChainOfRelativeDates(t *testing.T) {
	// Each row is relative to the next: resolving the first walks the
	// whole chain. With a small stack, a resolver that recursed once a
	// link would crash the test binary.
	defer debug.SetMaxStack(debug.SetMaxStack(1 << 20))
	const n = 50000
	var b strings.Builder
	b.WriteString("id,start,title\n")
	for i := 0; i < n-1; i++ {
		fmt.Fprintf(&b, "e%d,e%d+P1D,T\n", i, i+1)
	}
	fmt.Fprintf(&b, "e%d,2017-01-01,T\n", n-1)
	ds, evs := scanAll(t, b.String(), false)
	if len(ds) != 0 || len(evs) != n {
		t.Fatalf("%d diagnostics, %d events", len(ds), len(evs))
	}
	for _, e := range evs {
		if e.ID == "e0" && e.StartDate.String() != "2153-11-23" {
			t.Errorf("e0 starts %s, want 2153-11-23 (%d days after 2017-01-01)", e.StartDate, n-1)
		}
	}
	// A cycle at the end of a long chain is reported on every row of it.
	b.Reset()
	b.WriteString("id,start,title\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "e%d,e%d+P1D,T\n", i, (i+1)%n)
	}
	ds, _ = scanAll(t, b.String(), false)
	if len(ds) != n || ds[0].Code != CodeRelativeCycle {
		t.Fatalf("cycle of %d: %d diagnostics, first %v", n, len(ds), ds[0])
	}
}

func TestReferencedIDs(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"id,start\nb,a+P1D\n", "a"},
		{"id,start\nb,\"a-P1D~\"\n", "a"},
		{"id,start\rb,x-1+P2W\r", "x-1"},
		{"id,start\nb,Not an id+P1D\n", ""},
		{"id,start\nb,-a+P1D\n", ""},
		// The first "a" of these cells looks like an id: one too many, never
		// too few.
		{"title\n\"" + strings.Repeat("a+P", 100000) + "\"\n", "a"},
		{"title\n\"X" + strings.Repeat("a-P", 1000) + "\",b+P1D\n", "b"},
	} {
		var got []string
		for id := range referencedIDs([]byte(tt.in)) {
			got = append(got, id)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("referencedIDs(%.40q) = %v, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkReferencedIDsLongCell(b *testing.B) {
	// One 300 KB cell of "a+P": linear, not quadratic, in the cell.
	data := []byte("id,start,title\nx,2017,\"" + strings.Repeat("a+P", 100000) + "\"\n")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		referencedIDs(data)
	}
}

func TestCROnlyLineEnds(t *testing.T) {
	in := "id,start,title\ra,2017,\"two\rlines\"\rb,2018,B\r"
	for _, slow := range []bool{false, true} {
		ds, evs := scanAll(t, in, slow)
		if codes(ds) != "1:1 csv.line-ends" || len(evs) != 2 || evs[0].Title != "two\nlines" || evs[1].ID != "b" {
			t.Errorf("slow=%v: %s; events %+v", slow, codes(ds), evs)
		}
	}
	// In a CRLF file, a lone CR inside a cell is text, not a line end.
	ds, evs := scanAll(t, "id,start,title\r\na,2017,\"l1\rl2\"\r\n", true)
	if len(ds) != 0 || len(evs) != 1 || evs[0].Title != "l1\rl2" {
		t.Errorf("CRLF: %s; %+v", codes(ds), evs)
	}
}

func TestControlCharacters(t *testing.T) {
	ds, _ := scanAll(t, "id,start,title,note\n"+
		"a,2017,ok\ttab,Café « » Â\n"+ // tab, and characters whose UTF-8 starts with 0xC2 or 0xC3
		"b,2017,x\x1b]0;title\x07,\n"+
		"c,2017,y,z\x00\n"+
		"d,2017,next\u0085line,\n"+
		"e,2017,del\x7f,\n", false)
	want := "3:8 text.control 4:10 text.nul 5:8 text.control 6:8 text.control"
	if got := codes(ds); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, d := range ds {
		if (d.Code == CodeTextNUL) != (d.Severity == Error) {
			t.Errorf("%v: severity %v", d, d.Severity)
		}
	}
}

func TestHasControlMatchesBytewise(t *testing.T) {
	// The word-at-a-time check finds what a byte-by-byte look finds, at
	// every offset.
	// Lengths past 32 and 64 reach the 32-byte steps and the words and
	// bytes after them; a line break beside the byte is what every line
	// of a file has.
	for _, c := range []byte{0, 1, 7, 0x1b, 0x1f, 0x7f, 0xc2, '\t', '\n', '\r', ' ', 'a', 0x80, 0xff} {
		for _, n := range []int{20, 45, 75} {
			for at := 0; at < n; at++ {
				for _, nl := range []int{-1, (at + 1) % n, (at + 9) % n} {
					b := []byte(strings.Repeat("abcdefgh", 10))[:n]
					if nl >= 0 {
						b[nl] = '\n'
					}
					b[at] = c
					if got, want := hasControl(b), controlIn(b); got != want {
						t.Errorf("byte 0x%02x at %d of %d, line break at %d: hasControl %v, want %v", c, at, n, nl, got, want)
					}
				}
			}
		}
	}
}

func TestHeaderHints(t *testing.T) {
	for _, tt := range []struct{ name, in, code, msg string }{
		{"semicolons", "id;start;title\na;2017;x\n", CodeHeaderDelimiter, "semicolon-separated"},
		{"tabs", "id\tstart\ttitle\na\t2017\tx\n", CodeHeaderDelimiter, "tab-separated"},
		{"utf-16", "\xff\xfei\x00d\x00,\x00s\x00\n\x00", CodeTextEncoding, "UTF-16"},
		{"latin-1 header", "id,start,titre\xe9\n", CodeTextEncoding, "Windows-1252"},
	} {
		ds, _ := scanAll(t, tt.in, false)
		if len(ds) == 0 || ds[0].Code != tt.code || !strings.Contains(ds[0].Msg, tt.msg) {
			t.Errorf("%s: %v", tt.name, ds)
		}
		if tt.code == CodeHeaderDelimiter && len(ds) != 1 {
			t.Errorf("%s: want one diagnostic, not also missing columns: %v", tt.name, ds)
		}
	}
	// The hint at the encoding comes once, with the first cell.
	ds, _ := scanAll(t, "id,start,title\na,2017,caf\xe9\nb,2017,\xe9t\xe9\n", false)
	if len(ds) != 2 || !strings.Contains(ds[0].Msg, "Windows-1252") || strings.Contains(ds[1].Msg, "Windows-1252") {
		t.Errorf("encoding hints: %v", ds)
	}
}

func TestUnclosedQuoteReportedWhereItOpens(t *testing.T) {
	for _, slow := range []bool{false, true} {
		ds, evs := scanAll(t, "id,start,title\na,2017,x\nb,2018,\"unclosed\nc,2019,z\nd,2020,w\n", slow)
		if codes(ds) != "3:8 csv.syntax" || !strings.Contains(ds[0].Msg, "never closed") || !strings.Contains(ds[0].Msg, "line 5") || len(evs) != 1 {
			t.Errorf("slow=%v: %v, %d events", slow, ds, len(evs))
		}
	}
	// A quote closed too early is reported where the stray text is.
	ds, _ := scanAll(t, "id,start,title\nb,2018,\"bad\"x\n", false)
	if codes(ds) != "2:12 csv.syntax" {
		t.Errorf("extraneous quote: %v", ds)
	}
}

func TestEveryDiagnosticHasACode(t *testing.T) {
	ds, _ := scanAll(t, "id,start,end,title,latitude,longitude,sources,confidence,kind,media,title\n"+
		"Bad,2017-13,,=x,91,,javascript:x,sure,period,ftp://x,t\n"+
		",b+P1D,2016,,,,,,,,t\n,\n", false)
	if len(ds) < 10 {
		t.Fatalf("only %d diagnostics", len(ds))
	}
	for _, d := range ds {
		if d.Code == "" || severityOf(d.Code) != d.Severity {
			t.Errorf("%v: code %q, severity %v", d, d.Code, d.Severity)
		}
	}
}

func TestDuplicatePackageKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"resources":[{"path":"events.csv"}]`)
	for i := range 80000 {
		fmt.Fprintf(&b, `,"k%d":1`, i)
	}
	b.WriteString(`,"k79999":2}`)
	if _, err := ReadPackage(strings.NewReader(b.String()), "datapackage.json"); err == nil || !strings.Contains(err.Error(), `"k79999" appears twice`) {
		t.Errorf("err = %v", err)
	}
}
