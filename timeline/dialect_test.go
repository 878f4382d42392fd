package timeline

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestDialectReader(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    Dialect
		in   string
		want string
	}{
		{"semicolon", Dialect{Delimiter: ';'}, "a;b\n1;\"x;y\"\n", "a,b\n1,x;y\n"},
		{"comma in a cell", Dialect{Delimiter: ';'}, "a;b\r\n1,5;2\r\n", "a,b\r\n\"1,5\",2\r\n"},
		{"single quotes", Dialect{Quote: '\''}, "a,b\n'it''s, \"so\"',2\n", "a,b\n\"it's, \"\"so\"\"\",2\n"},
		{"escape", Dialect{Delimiter: '\t', Escape: '\\'}, "a\tb\n\"x\\\"y\"\t2\n", "a,b\n\"x\"\"y\",2\n"},
		{"multi-line cell keeps its lines", Dialect{Delimiter: '|'}, "a|b\n\"one\ntwo\"|3\n", "a,b\n\"one\ntwo\",3\n"},
		{"unclosed quote stays open", Dialect{Delimiter: ';'}, "a;b\n\"open;2\n", "a,b\n\"open;2\n"},
		{"windows-1252", Dialect{Delimiter: ';', Encoding: "windows-1252"}, "a;b\nZ\xfcrich;\x80\n", "a,b\nZürich,€\n"},
	} {
		r, err := NewDialectReader(strings.NewReader(tc.in), tc.d)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if string(got) != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestDialectRoundTrip writes a dataset in a dialect and reads it back.
func TestDialectRoundTrip(t *testing.T) {
	in := "id,start,title,description\na,2017,\"Zürich; 'quoted' \"\"x\"\"\",\"two\nlines\"\nb,2018,B \\ slash,\n"
	ds, _, err := Read(strings.NewReader(in), "in.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []Dialect{
		{Delimiter: ';', Quote: '\'', Encoding: "windows-1252"},
		{Delimiter: '\t', Escape: '\\'},
		{Delimiter: '|', Encoding: "utf-16"},
	} {
		var b bytes.Buffer
		if err := ds.writeDialect(&b, d); err != nil {
			t.Fatal(err)
		}
		r, err := NewDialectReader(bytes.NewReader(b.Bytes()), d)
		if err != nil {
			t.Fatal(err)
		}
		back, c, err := Read(r, "back.csv", nil)
		if err != nil || c.Errors > 0 {
			t.Fatalf("%+v: %v, %d errors", d, err, c.Errors)
		}
		for i := range ds.Events {
			if back.Events[i].Title != ds.Events[i].Title || back.Events[i].Description != ds.Events[i].Description {
				t.Errorf("%+v: event %d: %q %q, want %q %q", d, i, back.Events[i].Title, back.Events[i].Description, ds.Events[i].Title, ds.Events[i].Description)
			}
		}
	}
	// A character the encoding lacks is an error, not a silent '?'.
	ds.Events[0].Title = "Москва"
	if err := ds.writeDialect(io.Discard, Dialect{Encoding: "windows-1252"}); err == nil {
		t.Error("writing Cyrillic in windows-1252 did not fail")
	}
}

func TestPackageDialect(t *testing.T) {
	for _, tc := range []struct{ desc, want, err string }{
		{`{"resources": [{"path": "e.csv"}]}`, "canonical", ""},
		{`{"resources": [{"path": "e.csv", "encoding": "UTF-8", "dialect": {"delimiter": ","}}]}`, "canonical", ""},
		{`{"resources": [{"path": "e.csv", "dialect": {"delimiter": ";", "quoteChar": "'"}}]}`, "other", ""},
		{`{"resources": [{"path": "e.csv", "dialect": {"doubleQuote": false}}]}`, "other", ""},
		{`{"resources": [{"path": "e.csv", "dialect": {"delimiter": "→"}}]}`, "", "one ASCII character"},
		{`{"resources": [{"path": "e.csv", "dialect": {"header": false}}]}`, "", "header"},
		{`{"resources": [{"path": "e.csv", "encoding": "klingon"}]}`, "", "unknown text encoding"},
	} {
		p, err := ReadPackage(strings.NewReader(tc.desc), "p.json")
		if err != nil {
			t.Fatal(err)
		}
		d, err := p.Dialect()
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.desc, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.desc, err)
		case d.IsCanonical() != (tc.want == "canonical"):
			t.Errorf("%s: canonical %v", tc.desc, d.IsCanonical())
		}
	}
}

func TestTypeExtraColumns(t *testing.T) {
	in := "id,start,title,fatalities,share,code,note,when\n" +
		"a,2017,A,12,0.5,010,x,2017\n" +
		"b,2017,B,,-3e2,020,,\n" +
		"c,2017,C,0,7,030,,\n"
	ds, _, err := Read(strings.NewReader(in), "t.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := NewPackage("t", "T")
	p.SyncSchema(ds.Header())
	p.TypeExtraColumns(ds)
	got := p.FieldTypes()
	for col, want := range map[string]string{"fatalities": "integer", "share": "number", "code": "string", "note": "string", "latitude": "number", "title": "string"} {
		if got[col] != want {
			t.Errorf("%s: %q, want %q", col, got[col], want)
		}
	}
}
