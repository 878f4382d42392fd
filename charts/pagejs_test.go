package charts

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPageModules checks that the page script is every module of page/,
// each once, in pageModules' order, and that the page inlines exactly that
// script under its CSP hash.
func TestPageModules(t *testing.T) {
	files, err := fs.Glob(pageEmbed, "page/*.js")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, m := range pageModules {
		listed = append(listed, "page/"+m)
	}
	sorted := slices.Sorted(slices.Values(listed))
	if !slices.Equal(files, sorted) || len(slices.Compact(sorted)) != len(listed) {
		t.Errorf("page/ holds %v, pageModules lists %v: each module once", files, listed)
	}
	if pageModules[len(pageModules)-1] != "main.js" {
		t.Errorf("the modules end with %s, want main.js, which wires the others", pageModules[len(pageModules)-1])
	}
	script, err := pageFS.ReadFile("page.js")
	if err != nil {
		t.Fatal(err)
	}
	var joined []byte
	for _, f := range listed {
		b, _ := pageEmbed.ReadFile(f)
		if !bytes.HasSuffix(b, []byte("\n")) {
			t.Errorf("%s does not end with a line end", f)
		}
		joined = append(joined, b...)
	}
	if !bytes.Equal(script, joined) {
		t.Error("page.js is not the modules joined in order")
	}
	meta, events := fixture()
	page := string(render(t, meta, events, Options{}))
	if !strings.Contains(page, "<script>"+string(script)+"</script>") {
		t.Error("the page does not inline the joined modules as one script")
	}
	// The policy is an attribute: html/template writes ' and + as
	// character references.
	digest := strings.ReplaceAll(strings.Trim(hash(string(script)), "'"), "+", "&#43;")
	if !strings.Contains(page, "&#39;"+digest+"&#39;") {
		t.Error("the page's CSP does not allow the script by its hash")
	}
}

func TestUnixMinutes(t *testing.T) {
	for _, c := range []struct {
		t      time.Time
		lo, hi int64
	}{
		{time.Unix(0, 0), 0, 0},
		{time.Unix(59, 0), 0, 1},
		{time.Unix(-1, 0), -1, 0},
		{time.Unix(-60, 0), -1, -1},
		// The Big Bang, in minutes a double holds exactly.
		{time.Date(-13_798_000_000, 1, 1, 0, 0, 0, 0, time.UTC), -7_257_048_097_720_320, -7_257_048_097_720_320},
	} {
		if lo, hi := unixMinutes(c.t, false), unixMinutes(c.t, true); lo != c.lo || hi != c.hi {
			t.Errorf("unixMinutes(%v) = %d, %d; want %d, %d", c.t, lo, hi, c.lo, c.hi)
		}
		if m := unixMinutes(c.t, false); float64(m) != float64(int64(float64(m))) || int64(float64(m)) != m {
			t.Errorf("%d minutes is not exact as a double", m)
		}
	}
}
