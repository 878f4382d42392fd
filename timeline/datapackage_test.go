package timeline

import (
	"bytes"
	"strings"
	"testing"
)

func TestPackageRoundTrip(t *testing.T) {
	in := `{
  "name": "x",
  "title": "X <events>",
  "custom": {
    "kept": [
      1,
      2
    ]
  },
  "licenses": [
    {
      "name": "CC-BY-4.0",
      "path": "https://creativecommons.org/licenses/by/4.0/"
    }
  ],
  "citation": "Cite me",
  "resources": [
    {
      "name": "events",
      "path": "data/events.csv",
      "schema": {
        "fields": [
          {
            "name": "id",
            "type": "string",
            "note": "kept"
          }
        ]
      }
    }
  ]
}
`
	p, err := ReadPackage(strings.NewReader(in), "datapackage.json")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := p.Write(&out); err != nil {
		t.Fatal(err)
	}
	if out.String() != in {
		t.Errorf("descriptor not kept byte for byte:\n%s", out.String())
	}
	if p.Title() != "X <events>" || p.Citation() != "Cite me" || p.ResourcePath() != "data/events.csv" || p.Licenses()[0].Name != "CC-BY-4.0" {
		t.Errorf("accessors: %q %q %q %v", p.Title(), p.Citation(), p.ResourcePath(), p.Licenses())
	}
	p.SyncSchema([]string{"id", "start", "fatalities"})
	out.Reset()
	p.Write(&out)
	for _, want := range []string{`"note": "kept"`, `"name": "start"`, `"name": "fatalities"`, `"primaryKey"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("after SyncSchema, missing %s in\n%s", want, out.String())
		}
	}
}

func TestPackageErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"name": "x",}`:                        "datapackage.json:1:",
		`{"resources": []}`:                     "no resource",
		`{"resources": [{"path": "../etc/x"}]}`: "relative path inside",
		`[]`:                                    "want a JSON object",
		`{"resources": [{"path": "a.csv"}], "resources": 1}`: "appears twice",
	} {
		_, err := ReadPackage(strings.NewReader(in), "datapackage.json")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadPackage(%s) error = %v, want it to contain %q", in, err, want)
		}
	}
}

func TestNewPackage(t *testing.T) {
	p := NewPackage("mine", "Mine")
	var out bytes.Buffer
	p.Write(&out)
	q, err := ReadPackage(bytes.NewReader(out.Bytes()), "d")
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	q.Write(&again)
	if again.String() != out.String() {
		t.Error("a new package does not round-trip")
	}
	if !strings.Contains(out.String(), `"path": "events.csv"`) || strings.Count(out.String(), `"name": `) != 3+len(Columns()) {
		t.Errorf("new package:\n%s", out.String())
	}
}
