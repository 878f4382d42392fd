package timeline

import (
	"bytes"
	"testing"
)

// FuzzReadWrite checks that whatever the reader accepts, writing it and
// reading it back gives the same events, and that a second write is
// identical to the first (canonical output is a fixed point).
func FuzzReadWrite(f *testing.F) {
	f.Add([]byte("id,start,title\na,2017,T\n"))
	f.Add([]byte("\xef\xbb\xbfid,start,end,title,actors,fatalities\r\nb,2017-04-03,..,\"Two\nlines\",A;B,3\r\n"))
	f.Add([]byte("id,start,title\nc,b+P3W~,Claim\nb,2017-04-03,Bomb\n"))
	f.Add([]byte("title,start\n\"a \"\"quoted\"\" title\",2011/2012\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		ds, _, err := Read(bytes.NewReader(in), "f.csv", nil)
		if err != nil {
			return
		}
		var first bytes.Buffer
		if err := ds.Write(&first); err != nil {
			t.Fatalf("Write: %v", err)
		}
		ds2, _, err := Read(bytes.NewReader(first.Bytes()), "f.csv", nil)
		if err != nil {
			t.Fatalf("reading written output: %v\n%q", err, first.String())
		}
		var second bytes.Buffer
		if err := ds2.Write(&second); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("write-read-write differs:\n%q\n%q", first.String(), second.String())
		}
		if len(ds.Events) != len(ds2.Events) {
			t.Fatalf("%d events, then %d", len(ds.Events), len(ds2.Events))
		}
	})
}
