package timeline

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"timeline/internal/benchdata"
)

// scanEach reads input with s, returning each delivered row's line,
// fields, errors and event, and every diagnostic.
func scanEach(t *testing.T, s *Scanner) (rows []string, diags []string) {
	t.Helper()
	s.Report = func(d Diagnostic) { diags = append(diags, d.String()) }
	err := s.Scan(func(r *Row) {
		rows = append(rows, fmt.Sprintf("%d %q %d %+v", r.Line, r.Fields, r.Errors, r.Event()))
	})
	if err != io.EOF && err != ErrNoHeader {
		t.Fatalf("Scan: %v", err)
	}
	return rows, diags
}

// NewScannerBytes reads whatever NewScanner reads the same way: rows,
// events and diagnostics, for each kind of input the readers NewScanner
// chains treat specially.
func TestScannerBytesSameAsReader(t *testing.T) {
	const head = "id,start,end,title,description,actors,note\n"
	inputs := map[string]string{
		"empty":              "",
		"header only":        head,
		"plain":              head + "a,2017,,T,d,X;Y,n\nb,a+P1D,,U,,,\n",
		"bom":                "\xef\xbb\xbf" + head + "a,2017,,T,,,\n",
		"crlf":               strings.ReplaceAll(head+"a,2017,,T,,,\nb,2018,,U,,,\n", "\n", "\r\n"),
		"cr only":            strings.ReplaceAll(head+"a,2017,,T,,,\nb,2018,,U,,,\n", "\n", "\r"),
		"no final newline":   head + "a,2017,,T,,,",
		"quoted":             head + "a,2017,,\"T, \"\"q\"\"\",\"two\nlines\",,\n",
		"unclosed quote":     head + "a,2017,,\"T,,,\n",
		"bare quote":         head + "a,2017,,T\"x,,,\n",
		"not utf-8 late":     head + "a,2017,,T,,,\n" + "b,2018,,Caf\xe9,,,\n",
		"control late":       head + "a,2017,,T,,,\n" + "b,2018,,Bell\x07,,,\n",
		"wrong field count":  head + "a,2017,T\n",
		"relative and cycle": head + "a,b+P1D,,T,,,\nb,a+P1D,,U,,,\nc,2017,,V,,,\nd,c+P2D,,W,,,\n",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			wantRows, wantDiags := scanEach(t, NewScanner(strings.NewReader(in), "t.csv"))
			gotRows, gotDiags := scanEach(t, NewScannerBytes([]byte(in), "t.csv"))
			if !reflect.DeepEqual(gotRows, wantRows) {
				t.Errorf("rows:\n got %q\nwant %q", gotRows, wantRows)
			}
			if !reflect.DeepEqual(gotDiags, wantDiags) {
				t.Errorf("diagnostics:\n got %q\nwant %q", gotDiags, wantDiags)
			}
		})
	}
}

// NewScannerBytes does not copy its input: scanning a file allocates far
// less than the file's size (NewScanner copies the whole file into its
// blocks), and the cells are substrings of the input.
func TestScannerBytesDoesNotCopy(t *testing.T) {
	var in bytes.Buffer
	if err := benchdata.Write(&in, 20_000, 1); err != nil {
		t.Fatal(err)
	}
	raw := in.Bytes()
	allocated := func(s *Scanner) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if err := s.Scan(func(*Row) {}); err != io.EOF {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	copied := allocated(NewScanner(bytes.NewReader(raw), "t.csv"))
	shared := allocated(NewScannerBytes(raw, "t.csv"))
	if copied < uint64(len(raw)) {
		t.Fatalf("NewScanner allocated %d bytes for %d of input: the test no longer tells copies apart", copied, len(raw))
	}
	if shared > copied-uint64(len(raw))*9/10 {
		t.Errorf("NewScannerBytes allocated %d bytes for %d of input; NewScanner %d: the input is copied", shared, len(raw), copied)
	}
	// Rows held back to resolve a relative date keep copies of their
	// cells; the rest point into the input.
	s := NewScannerBytes(raw, "t.csv")
	cells, inside := 0, 0
	s.Scan(func(r *Row) {
		for _, f := range r.Fields {
			if f != "" {
				cells++
				if within(raw, f) {
					inside++
				}
			}
		}
	})
	if inside < cells*9/10 {
		t.Errorf("%d of %d cells are substrings of the input", inside, cells)
	}
}

// within reports whether s lies in the memory of b.
func within(b []byte, s string) bool {
	p := uintptr(unsafePointer(s))
	lo := uintptr(unsafePointerBytes(b))
	return p >= lo && p < lo+uintptr(len(b))
}

func unsafePointer(s string) unsafe.Pointer      { return unsafe.Pointer(unsafe.StringData(s)) }
func unsafePointerBytes(b []byte) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(b)) }
