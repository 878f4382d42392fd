package charts

import (
	"errors"
	"strings"
	"testing"

	"timeline/timeline"
)

const buildCSV = `id,start,end,title,category,actors,fatalities,latitude,longitude,kind
a,2015,,Attack A,attack,FSB,3,59.93,30.33,
b,2017-03-01,,Attack B,attack,FSB;MVD,7,59.93,30.33,
c,2016-06/2017-05,,Claim C,claim,MVD,,,,
bad,2017-13,,Bad month,attack,FSB,100,1,1,
e,2010,2020,An era,,,,,,era
`

func TestBuild(t *testing.T) {
	csv := buildCSV
	for _, tc := range []struct {
		name string
		req  Request
		want []string // substrings of the option
	}{
		{"frequency", Request{Kind: "frequency", Bin: "year"}, []string{`"data":["2015","2016","2017"]`, `"data":[1,0,1]`}},
		{"sum", Request{Kind: "sum", Bin: "year", Value: "fatalities"}, []string{`"data":[3,0,7]`, `1 event without a number in fatalities left out`}},
		{"cumulative", Request{Kind: "cumulative", Bin: "year"}, []string{`"data":[1,1,2]`}},
		{"by actors", Request{Kind: "frequency", Bin: "year", By: "actors"}, []string{`"name":"FSB"`, `"name":"MVD"`}},
		{"calendar", Request{Kind: "calendar"}, []string{`["2017-03-01",1]`}},
		{"actors", Request{Kind: "actors", Top: 1}, []string{`"data":["FSB"]`}},
		{"network", Request{Kind: "network", Top: 20, MinShared: 1}, []string{`"source":"FSB","target":"MVD","value":1`}},
		{"map", Request{Kind: "map"}, []string{`"value":[30.33,59.93,2]`, `1 event without coordinates not shown`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Build(strings.NewReader(csv), "t.csv", tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != 5 || res.LeftOut != 1 || res.Counts.Errors != 1 {
				t.Errorf("rows %d, left out %d, errors %d; want 5, 1, 1", res.Rows, res.LeftOut, res.Counts.Errors)
			}
			if res.Title == "" {
				t.Error("no title")
			}
			for _, w := range tc.want {
				if !strings.Contains(string(res.Option), w) {
					t.Errorf("option lacks %s:\n%s", w, res.Option)
				}
			}
			if strings.Contains(string(res.Option), "100") {
				t.Error("the row with an error was drawn")
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	for _, tc := range []struct {
		name, csv string
		req       Request
		is        error
		msg       string
	}{
		{"unknown kind", buildCSV, Request{Kind: "pie"}, ErrOption, `unknown chart "pie"`},
		{"bad bin", buildCSV, Request{Kind: "frequency", Bin: "fortnight"}, ErrOption, `unknown period "fortnight"`},
		{"sum without value", buildCSV, Request{Kind: "sum"}, ErrOption, "sum needs --value"},
		{"by on actors", buildCSV, Request{Kind: "actors", By: "category", Top: 1}, ErrOption, "does not take --by"},
		{"value on frequency", buildCSV, Request{Kind: "frequency", Value: "fatalities"}, ErrOption, "does not take --value"},
		{"top 0", buildCSV, Request{Kind: "actors"}, ErrOption, "--top and --min-shared"},
		{"unknown by", buildCSV, Request{Kind: "frequency", By: "nothere"}, ErrOption, `t.csv has no column "nothere" for --by`},
		{"unknown value", buildCSV, Request{Kind: "map", Value: "nothere"}, ErrOption, `no column "nothere" for --value`},
		{"no header", "", Request{Kind: "frequency"}, timeline.ErrNoHeader, ""},
		{"no numbers", "id,start,title,n\na,2017,A,x\nb,2018,B,\n", Request{Kind: "sum", Value: "n"}, ErrNothingToChart, `t.csv: nothing to chart: column "n" has no numbers`},
		{"no usable date", "id,start,title\na,2017/..,A\nb,/2017,B\n", Request{Kind: "frequency"}, ErrNothingToChart, "no event has a usable date"},
		{"only eras", "id,start,end,title,kind\na,2010,2012,A,era\n", Request{Kind: "cumulative"}, ErrNothingToChart, "no events, only eras"},
		{"no coordinates", "id,start,title\na,2017,A\n", Request{Kind: "map"}, ErrNothingToChart, "no event has coordinates"},
		{"no actors", "id,start,title\na,2017,A\n", Request{Kind: "network", Top: 5, MinShared: 1}, ErrNothingToChart, "no event has actors"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(strings.NewReader(tc.csv), "t.csv", tc.req)
			if !errors.Is(err, tc.is) {
				t.Fatalf("error %v, want one that is %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q lacks %q", err, tc.msg)
			}
		})
	}
}

// A header-only dataset, and one whose every row has errors, make an empty
// chart, not an error: the caller tells them apart by Rows and LeftOut.
func TestBuildEmpty(t *testing.T) {
	for _, tc := range []struct {
		csv        string
		rows, left int
	}{{"id,start,title\n", 0, 0}, {"id,start,title\na,2017-13,A\nb,,B\n", 2, 2}} {
		res, err := Build(strings.NewReader(tc.csv), "t.csv", Request{Kind: "frequency"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows != tc.rows || res.LeftOut != tc.left || len(res.Option) == 0 {
			t.Errorf("%q: rows %d, left out %d, option %d bytes", tc.csv, res.Rows, res.LeftOut, len(res.Option))
		}
	}
}

// A canonical --by column the file lacks is blank in every row.
func TestBuildMissingCanonicalBy(t *testing.T) {
	res, err := Build(strings.NewReader("id,start,title\na,2017,A\n"), "t.csv", Request{Kind: "frequency", By: "country", Bin: "year"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Option), `"name":"—"`) {
		t.Errorf("no blank series:\n%s", res.Option)
	}
}
