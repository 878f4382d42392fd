package timeline

import (
	"errors"
	"strings"
	"testing"
)

func TestAppendRow(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		values   map[string]string
		extra    []string
		want     string
	}{
		{"lf", "id,start,title\na,2017,A\n", map[string]string{"start": "2018", "title": "B c"}, nil,
			"id,start,title\na,2017,A\nb-c,2018,B c\n"},
		{"no final line break", "id,start,title\na,2017,A", map[string]string{"id": "b", "start": "2018", "title": "B"}, nil,
			"id,start,title\na,2017,A\nb,2018,B\n"},
		{"crlf, a lone CR in a cell, a new column", "\xef\xbb\xbfid,start,title,lat\r\na,2017,\"l1\rl2\",42.795912345678901234\r\n\r\nb,2017,\"x\r\ny\",\r\n",
			map[string]string{"id": "c", "start": "2018", "title": "C", "fatalities": "3"}, []string{"fatalities"},
			"\xef\xbb\xbfid,start,title,lat,fatalities\r\na,2017,\"l1\rl2\",42.795912345678901234,\r\n\r\nb,2017,\"x\r\ny\",,\r\nc,2018,C,,3\r\n"},
		{"cr only", "id,start,title\ra,2017,\"two\rlines\"\r", map[string]string{"id": "b", "start": "2018", "title": "B\nC", "category": "x"}, nil,
			"id,start,title,category\ra,2017,\"two\rlines\",\rb,2018,\"B\rC\",x\r"},
	} {
		a, err := AppendRow([]byte(tt.in), "t.csv", tt.values, tt.extra)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if string(a.Data) != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, a.Data, tt.want)
		}
		if len(a.Reports) > 0 {
			t.Errorf("%s: %v", tt.name, a.Reports)
		}
	}
}

func TestAppendRowRefuses(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		values   map[string]string
		err      error
		msg      string
	}{
		{"not a dataset", "name,age\nx,3\n", map[string]string{"start": "2017", "title": "T"}, ErrNotDataset, ""},
		{"taken id", "id,start,title\na,2017,A\n", map[string]string{"id": "a", "start": "2017", "title": "T"}, ErrIDTaken, ""},
		{"a new column in a malformed file", "id,start,title\na,2017,\"A\"x\n", map[string]string{"start": "2017", "title": "T", "category": "c"}, nil, "malformed"},
	} {
		_, err := AppendRow([]byte(tt.in), "t.csv", tt.values, nil)
		if err == nil || tt.err != nil && !errors.Is(err, tt.err) || tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	// A row with problems is returned with them, for the caller to refuse.
	a, err := AppendRow([]byte("id,start,title\na,2017,A\n"), "t.csv", map[string]string{"start": "nowhere+P1D", "title": "T"}, nil)
	if err != nil || len(a.Reports) != 1 || a.Reports[0].Code != CodeRelativeUnknown || a.Reports[0].Line != 3 {
		t.Errorf("unknown relative id: %v, %v", a, err)
	}
}
