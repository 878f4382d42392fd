package charts

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"timeline/data"
	"timeline/timeline"
)

// builtinPage renders the built-in dataset as timeline render does.
func builtinPage(t *testing.T, opt Options) []byte {
	t.Helper()
	raw, err := fs.ReadFile(data.FS, data.Default+"/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	pf, _ := data.FS.Open(data.Default + "/datapackage.json")
	pkg, err := timeline.ReadPackage(pf, "datapackage.json")
	pf.Close()
	if err != nil {
		t.Fatal(err)
	}
	ds, c, err := timeline.Read(bytes.NewReader(raw), "events.csv", nil)
	if err != nil || c.Errors > 0 {
		t.Fatalf("built-in dataset: %v %+v", err, c)
	}
	ds.Package = pkg
	meta, events, left, err := FromDataset(ds, raw, "events.csv", opt)
	if err != nil || left != 0 {
		t.Fatalf("FromDataset: %v, %d left out", err, left)
	}
	var b bytes.Buffer
	if err := RenderPage(&b, meta, events, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGoldenBuiltin(t *testing.T) {
	got := stripAssets(builtinPage(t, Options{}))
	golden := filepath.Join("testdata", "builtin.html")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./charts/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the built-in page differs from testdata/builtin.html; if intended, run go test ./charts/ -update and review the diff")
	}
	for _, want := range []string{`id="spb-metro-bombing"`, "3 April 2017", "c. 24 April 2017", "2011–2012", "Download the data (CSV)", "Creative Commons Attribution 4.0"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the built-in page lacks %q", want)
		}
	}
}

func TestBrowserBuiltin(t *testing.T) {
	findChromium(t)
	for _, tt := range []struct {
		name string
		opt  Options
		w, h int64
	}{{"builtin-desktop", Options{}, 1280, 900}, {"builtin-phone", Options{}, 360, 740}, {"builtin-dark-fr", Options{Theme: "dark", Lang: "fr"}, 1280, 900}, {"builtin-contrast-de-embed", Options{Theme: "contrast", Lang: "de", Embed: true}, 800, 600}} {
		path := filepath.Join(t.TempDir(), "page.html")
		if err := os.WriteFile(path, builtinPage(t, tt.opt), 0o644); err != nil {
			t.Fatal(err)
		}
		p := openPage(t, path, "", tt.w, tt.h)
		p.screenshot(t, tt.name)
		var bars int
		p.eval(t, `(function(){document.getElementById('tlFreq').scrollIntoView();var f=echarts.getInstanceByDom(document.getElementById('tlFreq'));if(!f)return -1;var n=0;f.getOption().series.forEach(function(s){(s.data||[]).forEach(function(v){if(v)n++})});return n})()`, &bars)
		if !tt.opt.Embed && bars <= 0 {
			t.Errorf("%s: the frequency chart has no bars (%d)", tt.name, bars)
		}
		p.screenshot(t, tt.name+"-freq")
		if !tt.opt.Embed {
			for _, kind := range []string{"cum", "actors", "network", "calendar", "map", "freq"} {
				var marks int
				p.eval(t, `(function(){var s=document.getElementById('tlPanel');s.value='`+kind+`';s.dispatchEvent(new Event('change'));var f=echarts.getInstanceByDom(document.getElementById('tlFreq'));var n=0;f.getOption().series.forEach(function(x){(x.data||[]).forEach(function(v){if(v)n++})});return n})()`, &marks)
				if marks <= 0 {
					t.Errorf("%s: the %s panel is empty", tt.name, kind)
				}
				p.screenshot(t, tt.name+"-panel-"+kind)
			}
		}
		var marks int
		p.eval(t, `echarts.getInstanceByDom(document.getElementById('tlChart')).getOption().series[1].data.length`, &marks)
		if marks < 15 {
			t.Errorf("%s: %d marks drawn, want every event", tt.name, marks)
		}
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%s: console errors or network requests: %v", tt.name, probs)
		}
	}
}
