package charts

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"timeline/timeline"
)

// protoCSV is a dataset whose titles, categories and one id are the names
// of properties every JavaScript object has: a page that keeps them in
// plain objects reads the object's own property (ECharts' cache of text
// widths did, and threw), or writes into Object.prototype.
const protoCSV = `id,start,end,title,category
proto,2017-01-10,,__proto__,__proto__
constructor,2017-03-10,,constructor,constructor
own,2017-05-10,,hasOwnProperty,hasOwnProperty
plain,2017-07-10,,An ordinary event,__proto__
value,2017-09-10,2017-10-20,valueOf,toString
`

// TestBrowserProtoNames draws protoCSV: each of its events has a mark
// and a label on the timeline (the label as tl.drawable writes it), a
// click on its mark opens its card with its title, the lanes are named
// as written, Object.prototype is left alone and nothing fails.
func TestBrowserProtoNames(t *testing.T) {
	findChromium(t)
	ds, _, err := timeline.Read(strings.NewReader(protoCSV), "events.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	meta, events, left, err := FromDataset(ds, []byte(protoCSV), "events.csv", Options{LaneTitle: "category"})
	if err != nil || left != 0 || len(events) != 5 {
		t.Fatalf("FromDataset: %d events, %d left out, %v", len(events), left, err)
	}
	p := openPage(t, writePage(t, meta, events, Options{LaneTitle: "category"}), "", 1280, 900)
	p.screenshot(t, "proto-names")

	var lanes []string
	p.eval(t, `timelinePage.page.data.lanes`, &lanes)
	for _, want := range []string{"__proto__", "constructor", "hasOwnProperty", "toString"} {
		found := false
		for _, l := range lanes {
			if strings.TrimSuffix(l, "\u2060") == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no lane %q among %q", want, lanes)
		}
	}

	var bs []tlBox
	p.eval(t, drawnBoxes, &bs)
	checkNoOverlap(t, "proto names", bs)
	for _, id := range []string{"proto", "constructor", "own", "plain", "value"} {
		var title, drawn string
		p.eval(t, `timelinePage.page.titleOf(timelinePage.page.byId['`+id+`'])`, &title)
		p.eval(t, `timelinePage.drawable(timelinePage.page.titleOf(timelinePage.page.byId['`+id+`']))`, &drawn)
		if title == "" {
			t.Errorf("%s: no event of that id on the page", id)
			continue
		}
		var at []float64
		p.eval(t, `(function(){var pg=timelinePage.page,k=pg.byId['`+id+`'],b=document.querySelector('#tlMarks button.mark[data-k="'+k+'"]:not([hidden])');if(!b)return [];var r=b.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2]})()`, &at)
		if len(at) != 2 {
			t.Errorf("%s (%q): no mark", id, title)
			continue
		}
		hit := false
		for _, b := range bs {
			if b.Name == "ev" && at[0] >= b.X-1 && at[0] <= b.X+b.W+1 && at[1] >= b.Y-1 && at[1] <= b.Y+b.H+1 {
				hit = true
			}
		}
		if !hit {
			t.Errorf("%s (%q): no mark drawn under its focus box at %v", id, title, at)
		}
		// The label drawn is the title as tl.drawable gives it to
		// ECharts (a word joiner after the names of object properties),
		// whole or shortened.
		labelled := false
		for _, b := range bs {
			if (b.Name == "evl" || b.Name == "evin") && b.Text != "" && strings.HasPrefix(drawn, strings.TrimSuffix(b.Text, "…")) {
				labelled = true
			}
		}
		if !labelled {
			t.Errorf("%s (%q): no label drawn; labels %v", id, title, bs)
		}
		var got string
		if err := chromedp.Run(p.ctx, chromedp.MouseClickXY(at[0], at[1]), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		p.eval(t, `(function(){var h=document.querySelector('#tlStory:not([hidden]) h2');return h?h.textContent:''})()`, &got)
		if got != title {
			t.Errorf("clicking %s's mark opened %q, want %q", id, got, title)
		}
		p.eval(t, `document.dispatchEvent(new KeyboardEvent('keydown',{key:'Escape'}));true`, new(bool))
		settle(t, p)
		p.eval(t, drawnBoxes, &bs) // the card may have moved the marks
	}

	// Nothing was written into Object.prototype, which every for-in loop
	// on the page would then see.
	var own []string
	p.eval(t, `(function(){var out=Object.getOwnPropertyNames(Object.prototype).filter(function(n){return typeof Object.prototype[n]!=='function'&&n!=='__proto__'});for(var k in {})out.push(k);return out})()`, &own)
	if len(own) > 0 {
		t.Errorf("Object.prototype gained %q", own)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs)
	}
}
