package timeline

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// csvCases are inputs where encoding/csv has rules of its own: line ends,
// empty lines, quotes, and the end of input in odd places.
var csvCases = []string{
	"",
	"a,b,c\n1,2,3\n",
	"a,b\r\n1,2\r\n",
	"a,b\n\n\r\n1,2\n",
	"a,b",
	"a,b\r",
	"a,b\r\r",
	"a,\"b\"\n",
	"a,\"b,c\"\n",
	"a,\"b\"\"c\"\n",
	"a,\"b\nc\"\n",
	"a,\"b\r\nc\"\r\n",
	"a,\"b\r\n",
	"a,\"b",
	"a,\"b\n\r",
	"a,\"b\n",
	"a,\"\"\n",
	"a,\"b\"c\n2,3\n",
	"a,b\"c\n2,3\n",
	"a,\"b\"\rc\n",
	"a,\"b\"\r\n",
	",\n,,\n",
	"a,\n\"\n",
	"\"a\nb\nc\",d\"\ne,f\n",
	"x\r\ny\rz\n",
	"\"\"\"\",\"\"\n",
	"a,b\n\"c\n\nd\",e\n",
	"é,\"ü\"\n",
	"a,\"b\" ,c\n",
	" \"a\",b\n",
	"\n\n\n",
	"\r\n\r\n",
	"\r",
}

// compareCSV reads in with encoding/csv and with csvReader, its input cut
// into reads of the given sizes and its blocks size bytes long, and reports
// the first difference in records, field positions or errors; csvReader
// reads it both in the caller's goroutine and in one of its own.
func compareCSV(t *testing.T, in string, size int) {
	t.Helper()
	compareCSVAhead(t, in, size, false)
	compareCSVAhead(t, in, size, true)
}

func compareCSVAhead(t *testing.T, in string, size int, ahead bool) {
	t.Helper()
	want := csv.NewReader(strings.NewReader(in))
	want.FieldsPerRecord = -1
	want.ReuseRecord = true
	got := newCSVReader(iotest.HalfReader(strings.NewReader(in)), false)
	got.src.size = size
	if ahead {
		defer got.readLinesAhead()()
		size = -size // in the messages
	}
	for n := 0; ; n++ {
		wrec, werr := want.Read()
		grec, gerr := got.Read()
		var wpe, gpe *csv.ParseError
		switch {
		case werr == io.EOF || gerr == io.EOF:
			if werr != gerr {
				t.Fatalf("%q (block %d): record %d: encoding/csv says %v, csvReader %v (%q)", in, size, n, werr, gerr, grec)
			}
			return
		case errors.As(werr, &wpe):
			if !errors.As(gerr, &gpe) || *wpe != *gpe {
				t.Fatalf("%q (block %d): record %d: encoding/csv fails with %#v, csvReader gives %q, %#v", in, size, n, wpe, grec, gerr)
			}
			continue
		case werr != nil || gerr != nil:
			t.Fatalf("%q (block %d): record %d: errors %v and %v", in, size, n, werr, gerr)
		}
		if !slices.Equal(wrec, grec) {
			t.Fatalf("%q (block %d): record %d: encoding/csv reads %q, csvReader %q", in, size, n, wrec, grec)
		}
		for i := range wrec {
			wl, wc := want.FieldPos(i)
			gl, gc := got.FieldPos(i)
			if wl != gl || wc != gc {
				t.Fatalf("%q (block %d): record %d field %d: encoding/csv puts it at %d:%d, csvReader at %d:%d", in, size, n, i, wl, wc, gl, gc)
			}
		}
	}
}

func TestCSVReaderMatchesEncodingCSV(t *testing.T) {
	for _, in := range csvCases {
		for _, size := range []int{1, 2, 3, 7, csvBlock} {
			compareCSV(t, in, size)
		}
	}
}

func TestCSVReaderLongRecords(t *testing.T) {
	// Records much longer than a block, with and without line breaks in
	// their cells, make the block grow.
	long := strings.Repeat("x", 5000)
	in := "a,b\n" + long + ",\"" + long + "\n" + long + "\"\"\"\n1,2\n"
	compareCSV(t, in, 64)
	compareCSV(t, in, 4096)
}

func TestCSVReaderSkipsBOM(t *testing.T) {
	r := newCSVReader(strings.NewReader("\xef\xbb\xbfid,start\n\xef\xbb\xbf,x\n"), true)
	rec, err := r.Read()
	if err != nil || !slices.Equal(rec, []string{"id", "start"}) {
		t.Fatalf("header: %q, %v", rec, err)
	}
	if line, col := r.FieldPos(0); line != 1 || col != 1 {
		t.Errorf("first field at %d:%d, want 1:1 after the byte-order mark", line, col)
	}
	// Only a mark at the very start is dropped.
	if rec, err = r.Read(); err != nil || rec[0] != "\xef\xbb\xbf" {
		t.Fatalf("second record: %q, %v", rec, err)
	}
}

func FuzzCSVReader(f *testing.F) {
	for _, in := range csvCases {
		f.Add(in, uint8(3))
	}
	f.Fuzz(func(t *testing.T, in string, size uint8) {
		compareCSV(t, in, int(size)%64+1)
	})
}

// nothingReader returns neither bytes nor an error, forever.
type nothingReader struct{}

func (nothingReader) Read([]byte) (int, error) { return 0, nil }

func TestCSVReaderGivesUpOnAReaderThatGivesNothing(t *testing.T) {
	for _, ahead := range []bool{false, true} {
		r := newCSVReader(nothingReader{}, false)
		if ahead {
			defer r.readLinesAhead()()
		}
		if _, err := r.Read(); err != io.ErrNoProgress {
			t.Errorf("ahead %v: got %v, want io.ErrNoProgress", ahead, err)
		}
	}
}

// TestCSVReaderReadError reads the records before a read error, then the
// error, whether the input is read in the caller's goroutine or ahead.
func TestCSVReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	for _, ahead := range []bool{false, true} {
		in := io.MultiReader(strings.NewReader("a,b\nc,d\ne,"), iotest.ErrReader(boom))
		r := newCSVReader(in, false)
		r.src.size = 4
		if ahead {
			defer r.readLinesAhead()()
		}
		var got []string
		var err error
		for err == nil {
			var rec []string
			if rec, err = r.Read(); err == nil {
				got = append(got, strings.Join(rec, "|"))
			}
		}
		if err != boom || strings.Join(got, " ") != "a|b c|d" {
			t.Errorf("ahead %v: read %q, then %v; want a|b c|d, then boom", ahead, got, err)
		}
	}
}
