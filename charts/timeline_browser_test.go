package charts

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tlBox is a rectangle drawn on the timeline, as the browser test reads it
// from ECharts' display list or the DOM: what it is ("ev" a mark, "evl"
// its label, "evin" a label inside its bar, "eral" an era's label), the
// text it shows, and where.
type tlBox struct {
	Name, Text string
	X, Y, W, H float64
	Ring       bool // drawn highlighted, as the selected event is
}

func (a tlBox) overlaps(b tlBox) bool {
	const eps = 0.5
	return a.X+eps < b.X+b.W && b.X+eps < a.X+a.W && a.Y+eps < b.Y+b.H && b.Y+eps < a.Y+a.H
}

func (a tlBox) String() string {
	return fmt.Sprintf("%s %q at %.0f,%.0f %.0f×%.0f", a.Name, a.Text, a.X, a.Y, a.W, a.H)
}

// drawnBoxes reads the boxes of the marks and labels the timeline's canvas
// holds now.
const drawnBoxes = `(function(){
  var el0 = document.getElementById('tlChart'), ch = echarts.getInstanceByDom(el0), at = el0.getBoundingClientRect(), out = [];
  function push(el, name) {
    var r = el.getBoundingRect().clone();
    if (el.transform) r.applyTransform(el.transform);
    // zrender takes a line's height from the width of a CJK glyph, which
    // a machine without CJK fonts measures as a few pixels: a text is as
    // tall as its 11 px font's line.
    if (name !== 'ev' && r.height < 14) { r.y += r.height / 2 - 7; r.height = 14; }
    out.push({Name: name, Text: (el.style && el.style.text) || '', X: r.x + at.left, Y: r.y + at.top, W: r.width, H: r.height, Ring: name === 'ev' && el.style.lineWidth === 3});
  }
  ch.getZr().storage.getDisplayList(true).forEach(function (el) {
    if ((el.name !== 'ev' && el.name !== 'era') || el.invisible || el.ignore) return;
    if (el.name === 'ev') push(el, 'ev');
    var tc = el.getTextContent();
    if (tc && !tc.ignore && !tc.invisible && tc.style.text) push(tc, el.name === 'era' ? 'eral' : el.textConfig.position === 'insideLeft' ? 'evin' : 'evl');
  });
  return out;
})()`

// tooltipText is the text of the timeline's tooltip while it is shown.
const tooltipText = `(function(){var out='';document.querySelectorAll('#tlChart div').forEach(function(d){var cs=getComputedStyle(d);if(d.children.length<=3&&cs.position==='absolute'&&cs.display!=='none'&&cs.visibility!=='hidden'&&+cs.opacity>0&&d.textContent)out+=d.textContent});return out})()`

// settle waits for the page to redraw after a zoom.
func settle(t *testing.T, p *browserPage) {
	t.Helper()
	if err := chromedp.Run(p.ctx, chromedp.Sleep(250*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	// The panel follows a zoom once it pauses.
	var pending bool
	for i := 0; i < 100; i++ {
		p.eval(t, `!!(self.timelinePage && timelinePage.page && timelinePage.page.panelPending)`, &pending)
		if !pending {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the panel never followed the zoom")
}

// checkNoOverlap fails when two marks or labels overlap, or a label inside
// its bar leaves it or covers its start.
func checkNoOverlap(t *testing.T, where string, bs []tlBox) {
	t.Helper()
	var marks []tlBox
	for _, b := range bs {
		if b.Name == "ev" {
			marks = append(marks, b)
		}
	}
	for i, a := range bs {
		if a.Name == "evin" {
			in := false
			for _, m := range marks {
				// The bar's start stays in sight: the label, with its
				// background, starts a few px in.
				if a.X >= m.X+6 && a.X+a.W <= m.X+m.W+1 && a.Y >= m.Y-4 && a.Y+a.H <= m.Y+m.H+4 {
					in = true
				}
			}
			if !in {
				t.Errorf("%s: the label %v is not inside its bar", where, a)
			}
		}
		for _, b := range bs[i+1:] {
			if (a.Name == "evin" && b.Name == "ev") || (a.Name == "ev" && b.Name == "evin") {
				continue // a label inside a bar is checked above
			}
			if a.overlaps(b) {
				t.Errorf("%s: %v overlaps %v", where, a, b)
			}
		}
	}
}

func writeBuiltin(t *testing.T, opt Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, builtinPage(t, opt), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func zoomTo(t *testing.T, p *browserPage, from, to string) {
	t.Helper()
	var ok bool
	p.eval(t, fmt.Sprintf(`(function(){var pg=timelinePage.page;pg.zoomTo(Date.parse(%q),Date.parse(%q));return true})()`, from, to), &ok)
	settle(t, p)
}

// TestBrowserNoHiddenEvent checks on the built-in dataset, at several
// zooms and widths, that no mark or label covers another, that every
// event in the window has a mark, and that at April 2017 the bombing and
// Jalilov's death, on the same day in the same lane, are both seen and
// each opens its own card when clicked.
func TestBrowserNoHiddenEvent(t *testing.T) {
	findChromium(t)
	file := writeBuiltin(t, Options{})
	for _, size := range [][2]int64{{1280, 900}, {360, 740}} {
		p := openPage(t, file, "", size[0], size[1])
		for _, z := range [][2]string{{"", ""}, {"2017-04-01", "2017-05-01"}, {"2017-03-25", "2017-04-10"}, {"2010-01-01", "2018-01-01"}} {
			where := fmt.Sprintf("%dpx, zoom %v", size[0], z)
			if z[0] != "" {
				zoomTo(t, p, z[0], z[1])
			}
			var bs []tlBox
			p.eval(t, drawnBoxes, &bs)
			if len(bs) == 0 {
				t.Fatalf("%s: nothing drawn", where)
			}
			checkNoOverlap(t, where, bs)
			// Every event in the window is drawn, or counted in a "+N more".
			var missing []string
			p.eval(t, `(function(){var pg=timelinePage.page,drawn={},out=[],more=0;pg.marks().forEach(function(m){drawn[m.k+':'+m.lane]=1});
				document.querySelectorAll('#tlMarks .more:not([hidden])').forEach(function(b){more+=parseInt(b.textContent.replace(/\D+/g,''),10)});
				for(var k=0;k<pg.n;k++){if(!pg.shown[k]||(pg.data.f[k]&64))continue;pg.lanesOf(k).forEach(function(l){if(!drawn[k+':'+l])out.push(pg.data.id[k])})}
				return out.length>more?out:[]})()`, &missing)
			if len(missing) > 0 {
				t.Errorf("%s: events in the window but not drawn: %v", where, missing)
			}
		}
		// A shortened label shows its full text on hover, and a mark's
		// focus shows it too.
		p.eval(t, `timelinePage.page.zoomTo(timelinePage.page.axisMin,timelinePage.page.axisMax);true`, new(bool))
		settle(t, p)
		var all []tlBox
		p.eval(t, drawnBoxes, &all)
		var cut *tlBox
		for i, b := range all {
			var full float64
			p.eval(t, fmt.Sprintf(`(function(){var c=document.createElement('canvas').getContext('2d');c.font='11px sans-serif';return c.measureText(%q).width})()`, b.Text), &full)
			if b.Name == "evl" && full > b.W+4 {
				cut = &all[i]
				break
			}
		}
		if cut == nil {
			t.Errorf("%dpx: no shortened label at the full zoom to hover", size[0])
		} else {
			var tip string
			if err := chromedp.Run(p.ctx, chromedp.MouseEvent(input.MouseMoved, cut.X+cut.W/2, cut.Y+cut.H/2), chromedp.Sleep(300*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			p.eval(t, tooltipText, &tip)
			if !strings.Contains(tip, cut.Text) {
				t.Errorf("%dpx: hovering the shortened label %v shows %q, want its full text", size[0], *cut, tip)
			}
			p.eval(t, `(function(){var pg=timelinePage.page,b=document.querySelector('#tlMarks button.mark[data-k="'+pg.byId['spb-metro-bombing']+'"]');b.focus();return true})()`, new(bool))
			settle(t, p)
			p.eval(t, tooltipText, &tip)
			if !strings.Contains(tip, "Bomb attack on the St Petersburg metro") {
				t.Errorf("%dpx: focusing the bombing's mark shows %q, want its full title", size[0], tip)
			}
		}
		zoomTo(t, p, "2017-04-01", "2017-05-01")
		p.screenshot(t, fmt.Sprintf("timeline-april-2017-%d", size[0]))
		var bs []tlBox
		p.eval(t, drawnBoxes, &bs)
		for _, id := range []string{"spb-metro-bombing", "jalilov-dies"} {
			// The mark's centre, from the focus layer, which is laid out
			// with the canvas.
			var at []float64
			p.eval(t, `(function(){var pg=timelinePage.page,k=pg.byId['`+id+`'],b=document.querySelector('#tlMarks button.mark[data-k="'+k+'"]:not([hidden])');if(!b)return [];var r=b.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2]})()`, &at)
			if len(at) != 2 {
				t.Errorf("%dpx: %s has no mark at the April 2017 zoom", size[0], id)
				continue
			}
			var title string
			p.eval(t, `timelinePage.page.titleOf(timelinePage.page.byId['`+id+`'])`, &title)
			// The mark drawn there is this event's, and its label is shown
			// whole or shortened.
			hit := false
			for _, b := range bs {
				if b.Name == "ev" && at[0] >= b.X-1 && at[0] <= b.X+b.W+1 && at[1] >= b.Y-1 && at[1] <= b.Y+b.H+1 {
					hit = true
				}
			}
			if !hit {
				t.Errorf("%dpx: no mark drawn under %s's focus box at %v", size[0], id, at)
			}
			labelled := false
			for _, b := range bs {
				if (b.Name == "evl" || b.Name == "evin") && b.Text != "" && strings.HasPrefix(title, strings.TrimSuffix(b.Text, "…")) {
					labelled = true
				}
			}
			if !labelled && os.Getenv("TLDEBUG") != "" {
				t.Logf("%v", bs)
			}
			if !labelled {
				t.Errorf("%dpx: %s (%q) has no label", size[0], id, title)
			}
			// Clicking it opens its own card.
			var got string
			if err := chromedp.Run(p.ctx, chromedp.MouseClickXY(at[0], at[1]), chromedp.Sleep(200*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			p.eval(t, `(function(){var h=document.querySelector('#tlStory:not([hidden]) h2');return h?h.textContent:''})()`, &got)
			if got != title {
				t.Errorf("%dpx: clicking %s's mark opened %q, want %q", size[0], id, got, title)
			}
			checkInViewport(t, p, fmt.Sprintf("%dpx, the card after clicking %s", size[0], id), "#tlStory")
			var sel int
			p.eval(t, `timelinePage.page.current`, &sel)
			var k int
			p.eval(t, `timelinePage.page.byId['`+id+`']`, &k)
			if sel != k {
				t.Errorf("%dpx: selected %d after clicking %s (%d)", size[0], sel, id, k)
			}
			// The selected event, and it alone, is drawn ringed (the
			// timeline has made room for the card: its mark has moved).
			p.eval(t, `(function(){var pg=timelinePage.page,k=pg.byId['`+id+`'],b=document.querySelector('#tlMarks button.mark[data-k="'+k+'"]:not([hidden])');if(!b)return [];var r=b.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2]})()`, &at)
			var now []tlBox
			p.eval(t, drawnBoxes, &now)
			var rings []tlBox
			for _, b := range now {
				if b.Ring {
					rings = append(rings, b)
				}
			}
			if len(rings) != 1 || len(at) != 2 || at[0] < rings[0].X-2 || at[0] > rings[0].X+rings[0].W+2 || at[1] < rings[0].Y-2 || at[1] > rings[0].Y+rings[0].H+2 {
				t.Errorf("%dpx: after clicking %s at %v the ringed marks are %v", size[0], id, at, rings)
			}
			p.eval(t, `document.dispatchEvent(new KeyboardEvent('keydown',{key:'Escape'}));true`, new(bool))
		}
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%dpx: console errors or requests: %v", size[0], probs)
		}
	}
}

// checkInViewport fails unless the element's tlBox is inside the viewport.
func checkInViewport(t *testing.T, p *browserPage, what, sel string) {
	t.Helper()
	var r []float64
	p.eval(t, `(function(){var e=document.querySelector('`+sel+`');if(!e||e.hidden)return [];var r=e.getBoundingClientRect();return [r.left,r.top,r.right,r.bottom,innerWidth,innerHeight]})()`, &r)
	if len(r) != 6 {
		t.Errorf("%s: %s is not shown", what, sel)
		return
	}
	if r[0] < -0.5 || r[1] < -0.5 || r[2] > r[4]+0.5 || r[3] > r[5]+0.5 || r[2]-r[0] < 50 || r[3]-r[1] < 50 {
		t.Errorf("%s: %s at %.0f,%.0f–%.0f,%.0f is not inside the %.0f×%.0f viewport", what, sel, r[0], r[1], r[2], r[3], r[4], r[5])
	}
}

// TestBrowserManyEvents checks stacking and "+N more" on a lane crowded
// with events of the same days: nothing overlaps, none is silently left
// out, and "+N more" shows the rest.
func TestBrowserManyEvents(t *testing.T) {
	findChromium(t)
	var events []Event
	day := mins("2020-03-01")
	for i := range 60 {
		lo := day + int64(i%12)*dayMins
		e := Event{ID: fmt.Sprintf("e%d", i), Title: fmt.Sprintf("Event number %d with a long title", i), Lanes: []string{"crowded"},
			Lower: lo, Upper: lo + dayMins, Point: i%3 != 0, Date: "March 2020"}
		if i%3 == 0 {
			e.Upper = lo + 5*dayMins
		}
		if i%7 == 0 {
			e.Uncertain = true
		}
		if i%11 == 0 {
			e.UpperOpen = true
		}
		events = append(events, e)
	}
	events = append(events, Event{ID: "other", Title: "Other lane", Lanes: []string{"quiet"}, Lower: day, Upper: day + dayMins, Point: true, Date: "1 March 2020"})
	slices.SortStableFunc(events, func(a, b Event) int { return cmp.Compare(a.Lower, b.Lower) })
	file := writePage(t, Meta{Title: "Crowded"}, events, Options{})
	p := openPage(t, file, "", 1280, 900)
	var bs []tlBox
	p.eval(t, drawnBoxes, &bs)
	checkNoOverlap(t, "crowded", bs)
	var more []string
	p.eval(t, `Array.prototype.map.call(document.querySelectorAll('#tlMarks .more:not([hidden])'),function(b){return b.textContent})`, &more)
	var drawn int
	p.eval(t, `timelinePage.page.marks().length`, &drawn)
	n := 0
	for _, m := range more {
		var k int
		fmt.Sscanf(strings.TrimPrefix(m, "+"), "%d", &k)
		n += k
	}
	if len(more) == 0 || drawn+n != len(events) {
		t.Errorf("%d marks drawn and %v more, want %d events in all", drawn, more, len(events))
	}
	p.screenshot(t, "crowded")
	if err := chromedp.Run(p.ctx, chromedp.Click(`#tlMarks .more:not([hidden])`, chromedp.ByQuery), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	p.eval(t, `timelinePage.page.marks().length`, &drawn)
	if drawn != len(events) {
		t.Errorf("after +N more, %d marks drawn, want %d", drawn, len(events))
	}
	p.eval(t, drawnBoxes, &bs)
	checkNoOverlap(t, "crowded, expanded", bs)
	p.screenshot(t, "crowded-expanded")
	// The expanded lane folds back: its button now says so, keeps the
	// focus, and a click brings back the "+N more" and its count.
	var fewer struct {
		Text    string
		Focused bool
	}
	p.eval(t, `(function(){var b=document.querySelector('#tlMarks .more:not([hidden])');return b?{Text:b.textContent,Focused:document.activeElement===b}:{}})()`, &fewer)
	if fewer.Text != "Show fewer" || !fewer.Focused {
		t.Errorf("after +N more, the lane's button is %+v, want \"Show fewer\" with the focus", fewer)
	}
	if err := chromedp.Run(p.ctx, chromedp.Click(`#tlMarks .more:not([hidden])`, chromedp.ByQuery), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	var again []string
	p.eval(t, `Array.prototype.map.call(document.querySelectorAll('#tlMarks .more:not([hidden])'),function(b){return b.textContent})`, &again)
	var folded int
	p.eval(t, `timelinePage.page.marks().length`, &folded)
	if !slices.Equal(again, more) || folded+n != len(events) {
		t.Errorf("after Show fewer, %d marks drawn and %v more, want %v more as at first", folded, again, more)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}

// TestBrowserKeyboard checks that Tab reaches the timeline, the arrow
// keys move the focus through the events in time order, each with an
// accessible name, Enter opens the card and Esc closes it.
func TestBrowserKeyboard(t *testing.T) {
	findChromium(t)
	p := openPage(t, writeBuiltin(t, Options{}), "", 1280, 900)
	reached := false
	for i := 0; i < 40 && !reached; i++ {
		if err := chromedp.Run(p.ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		p.eval(t, `document.activeElement.matches('#tlMarks button.mark')`, &reached)
	}
	if !reached {
		t.Fatal("Tab does not reach the timeline")
	}
	var seen []int
	var names []string
	for i := 0; i < 25; i++ {
		var k int
		var name string
		p.eval(t, `+document.activeElement.dataset.k`, &k)
		p.eval(t, `document.activeElement.getAttribute('aria-label')`, &name)
		if len(seen) > 0 && seen[len(seen)-1] == k {
			break
		}
		seen = append(seen, k)
		names = append(names, name)
		if err := chromedp.Run(p.ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
	}
	var want []int
	p.eval(t, `(function(){var pg=timelinePage.page,out=[];for(var k=0;k<pg.n;k++)if(!(pg.data.f[k]&64))out.push(k);out.sort(function(a,b){return pg.lo[a]-pg.lo[b]||a-b});return out})()`, &want)
	if !slices.Equal(seen, want) {
		t.Fatalf("→ went through %v, want every event in time order %v", seen, want)
	}
	var lanes []string
	p.eval(t, `timelinePage.page.data.lanes`, &lanes)
	for i, name := range names {
		var date, title string
		p.eval(t, fmt.Sprintf(`timelinePage.page.dateOf(%d)`, seen[i]), &date)
		p.eval(t, fmt.Sprintf(`timelinePage.page.titleOf(%d)`, seen[i]), &title)
		if !strings.HasPrefix(name, date+", "+title+", ") {
			t.Errorf("event %d is named %q, want date, title and lane", seen[i], name)
		}
	}
	// ← goes back; Enter opens the card of the focused event; Esc closes it
	// and gives the focus back to the mark.
	if err := chromedp.Run(p.ctx, chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent("\r"), chromedp.Sleep(150*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	var title, want2 string
	p.eval(t, `(function(){var h=document.querySelector('#tlStory:not([hidden]) h2');return h?h.textContent:''})()`, &title)
	p.eval(t, fmt.Sprintf(`timelinePage.page.titleOf(%d)`, seen[len(seen)-2]), &want2)
	if title != want2 {
		t.Errorf("Enter opened %q, want %q", title, want2)
	}
	checkInViewport(t, p, "the card opened with Enter", "#tlStory")
	if err := chromedp.Run(p.ctx, chromedp.KeyEvent(kb.Escape), chromedp.Sleep(100*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	var hidden bool
	var focusK int
	p.eval(t, `document.getElementById('tlStory').hidden`, &hidden)
	p.eval(t, `+(document.activeElement.dataset.k||-1)`, &focusK)
	if !hidden || focusK != seen[len(seen)-2] {
		t.Errorf("after Esc: card hidden %v, focus on event %d, want %d", hidden, focusK, seen[len(seen)-2])
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}

// TestBrowserKeyboardBins checks that when events are too many to draw one
// by one, the keyboard reaches the bins they are counted in, each named by
// its count, lane and days, and Enter zooms into one.
func TestBrowserKeyboardBins(t *testing.T) {
	findChromium(t)
	meta, events := benchEvents(t, 6000)
	p := openPage(t, writePage(t, meta, events, Options{}), "", 1280, 900)
	var name string
	var span0, span1 float64
	p.eval(t, `timelinePage.page.win[1]-timelinePage.page.win[0]`, &span0)
	p.eval(t, `(function(){var b=document.querySelector('#tlMarks button.mark:not([hidden])');if(!b)return '';b.focus();return b.getAttribute('aria-label')})()`, &name)
	if !strings.Contains(name, " events, ") && !strings.Contains(name, " event, ") {
		t.Fatalf("the first bin is named %q, want its count, lane and days", name)
	}
	if err := chromedp.Run(p.ctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent("\r"), chromedp.Sleep(400*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	p.eval(t, `timelinePage.page.win[1]-timelinePage.page.win[0]`, &span1)
	if !(span1 < span0/10) {
		t.Errorf("Enter on a bin left the window at %.0f ms of %.0f, want it zoomed in", span1, span0)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}

// TestBrowserPhone checks the built-in page at 360 px in each theme: no
// horizontal scroll, the timeline on the first screen, the table one card
// per event, and the card of #id inside the viewport.
func TestBrowserPhone(t *testing.T) {
	findChromium(t)
	for _, theme := range Themes {
		file := writeBuiltin(t, Options{Theme: theme})
		for _, w := range []int64{360, 1280} {
			h := int64(740)
			if w > 400 {
				h = 900
			}
			p := openPage(t, file, "#spb-metro-bombing", w, h)
			where := fmt.Sprintf("%s %dpx", theme, w)
			var sw, iw float64
			p.eval(t, `document.documentElement.scrollWidth`, &sw)
			p.eval(t, `innerWidth`, &iw)
			if sw > iw+0.5 {
				t.Errorf("%s: the page is %.0f px wide in a %.0f px viewport", where, sw, iw)
			}
			checkInViewport(t, p, where+", the card of #spb-metro-bombing", "#tlStory")
			var title string
			p.eval(t, `document.querySelector('#tlStory h2').textContent`, &title)
			if title != "Bomb attack on the St Petersburg metro" {
				t.Errorf("%s: #spb-metro-bombing opened %q", where, title)
			}
			var vis bool
			p.eval(t, `(function(){var pg=timelinePage.page,b=document.querySelector('#tlMarks button.mark[data-k="'+pg.byId['spb-metro-bombing']+'"]:not([hidden])');if(!b)return false;var r=b.getBoundingClientRect();return r.top>=0&&r.bottom<=innerHeight})()`, &vis)
			if !vis {
				t.Errorf("%s: after #spb-metro-bombing the event's mark is not on screen", where)
			}
			p.screenshot(t, fmt.Sprintf("page-%s-%d-hash", theme, w))
			p.eval(t, `document.dispatchEvent(new KeyboardEvent('keydown',{key:'Escape'}));scrollTo(0,0);true`, new(bool))
			var top float64
			p.eval(t, `document.getElementById('tlChart').getBoundingClientRect().top`, &top)
			if top > float64(h)*0.75 {
				t.Errorf("%s: the timeline starts at %.0f px, below the first screen", where, top)
			}
			p.screenshot(t, fmt.Sprintf("page-%s-%d", theme, w))
			if w == 360 {
				// One card per event: each row is a block as wide as the page.
				var cards []float64
				// The table draws its rows as it comes near the screen.
				p.eval(t, `document.getElementById('tlTable').scrollIntoView();true`, new(bool))
				settle(t, p)
				p.eval(t, `(function(){var r=document.querySelector('#tlTable tbody tr:not(.pad)');if(!r)return [];var b=r.getBoundingClientRect();return [b.left,b.right,getComputedStyle(r).display==='block'?1:0]})()`, &cards)
				if len(cards) != 3 || cards[2] != 1 || cards[0] < 0 || cards[1] > iw {
					t.Errorf("%s: table rows are not cards within the page: %v", where, cards)
				}
				p.screenshot(t, fmt.Sprintf("page-%s-%d-table", theme, w))
			}
			if probs := p.problems(); len(probs) > 0 {
				t.Errorf("%s: console errors or requests: %v", where, probs)
			}
		}
	}
}

// TestBrowserEdges checks an empty dataset's page, a malformed #%, that
// clearing a search brings back the eras, and that the table's date never
// runs into the title.
func TestBrowserEdges(t *testing.T) {
	findChromium(t)
	empty := writePage(t, Meta{Title: "Nothing yet"}, nil, Options{})
	p := openPage(t, empty, "", 1280, 800)
	var msg string
	p.eval(t, `(function(){var e=document.querySelector('.empty');return e&&e.getBoundingClientRect().height>0?e.textContent:''})()`, &msg)
	if msg != translations["en"]["no_events"] {
		t.Errorf("the empty page says %q", msg)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("empty dataset: console errors or requests: %v", probs)
	}
	p.screenshot(t, "empty")

	file := writeBuiltin(t, Options{})
	p = openPage(t, file, "#%", 1280, 800)
	var ready bool
	p.eval(t, `document.getElementById('tlChart').dataset.ready==='1'`, &ready)
	if !ready {
		t.Error("#%: the page did not start")
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("#%%: console errors or requests: %v", probs)
	}

	eras := func() int {
		var n int
		p.eval(t, `echarts.getInstanceByDom(document.getElementById('tlChart')).getOption().series[0].data.length`, &n)
		return n
	}
	before := eras()
	if before == 0 {
		t.Fatal("no eras drawn")
	}
	if err := chromedp.Run(p.ctx, chromedp.SendKeys(`#tlSearch`, "zzzz-nothing", chromedp.ByQuery), chromedp.Sleep(400*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	p.eval(t, `(function(){var s=document.getElementById('tlSearch');s.value='';s.dispatchEvent(new Event('input'));return true})()`, new(bool))
	settle(t, p)
	if after := eras(); after != before {
		t.Errorf("after clearing the search, %d eras drawn, want %d", after, before)
	}

	// The date cell ends before the title cell starts, on every row drawn.
	for _, w := range []int64{1280, 700} {
		p := openPage(t, file, "", w, 900)
		var bad []string
		p.eval(t, `(function(){document.getElementById('tlTable').scrollIntoView();var out=[];document.querySelectorAll('#tlTable tbody tr:not(.pad)').forEach(function(r){var c=r.cells[0],rg=document.createRange();rg.selectNodeContents(c);var t=rg.getBoundingClientRect(),n=r.cells[1].getBoundingClientRect();if(t.right>n.left+0.5)out.push(c.textContent)});return out})()`, &bad)
		if len(bad) > 0 {
			t.Errorf("%dpx: these dates run into the title: %q", w, bad)
		}
	}
}

// TestBrowserBrokenMedia checks that an image that cannot be loaded leaves
// its caption and credit, and no broken image.
func TestBrowserBrokenMedia(t *testing.T) {
	findChromium(t)
	meta, events := fixture()
	for i := range events {
		if events[i].ID == "bomb" {
			events[i].Media = "http://127.0.0.1:9/missing.jpg"
			events[i].MediaCaption = "The station after the blast"
			events[i].MediaCredit = "Photo: Someone"
		}
	}
	p := openPage(t, writePage(t, meta, events, Options{}), "#bomb", 1280, 800)
	var got []string
	ok := false
	for i := 0; i < 40 && !ok; i++ {
		p.eval(t, `(function(){var f=document.querySelector('#tlStory figure');if(!f)return [];return [f.querySelector('img')?'img':'', f.querySelector('figcaption')?f.querySelector('figcaption').textContent:'', f.getBoundingClientRect().height>0?'shown':'']})()`, &got)
		ok = len(got) == 3 && got[0] == ""
		if !ok {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !ok || !strings.Contains(got[1], "The station after the blast") || !strings.Contains(got[1], "Photo: Someone") || got[2] != "shown" {
		t.Errorf("broken media shows %q, want its caption and credit and no image", got)
	}
	p.screenshot(t, "broken-media")
}

// TestBrowserMarksFollowZoom checks that the layer of buttons, reused
// from frame to frame and only partly rewritten, matches the marks drawn
// after zooming from bins to single events and back: one shown button per
// mark, at its mark's row and left edge, named for its event or bin, and
// one of them in the tab order.
func TestBrowserMarksFollowZoom(t *testing.T) {
	findChromium(t)
	meta, events := benchEvents(t, 6000)
	p := openPage(t, writePage(t, meta, events, Options{}), "", 1280, 900)
	check := `(function(){var pg=timelinePage.page,seen={},order=[],bad=[];
		pg.marks().forEach(function(m){if(!seen[m.k]){seen[m.k]=1;order.push(m)}});
		var bs=[].slice.call(document.querySelectorAll('#tlMarks button.mark:not([hidden])'));
		if(bs.length!==order.length)bad.push(bs.length+' buttons for '+order.length+' marks');
		var byK={};order.forEach(function(m){byK[m.k]=m});
		var tabs=0;
		bs.forEach(function(b){var m=byK[+b.dataset.k];if(b.tabIndex===0)tabs++;
			if(!m){bad.push('button for no mark '+b.dataset.k);return}
			var left=parseFloat(b.style.left),want=m.point?(m.l+m.r)/2-8:m.l,label=b.getAttribute('aria-label')||'';
			if(Math.abs(left-want)>0.5)bad.push('mark '+m.k+' at '+left+', want '+want);
			if(m.bin?label.indexOf(pg.data.lanes[m.lane])<0:label.indexOf(pg.titleOf(m.k))<0)bad.push('mark '+m.k+' named '+label)});
		if(tabs!==1)bad.push(tabs+' buttons in the tab order');
		return {Binned:order.some(function(m){return !!m.bin}),Bad:bad.slice(0,5)}})()`
	var got struct {
		Binned bool
		Bad    []string
	}
	for i, step := range [][2]float64{{0, 100}, {40, 40.5}, {10, 90}, {40.2, 40.4}, {0, 100}} {
		p.eval(t, fmt.Sprintf(`(function(){var ch=echarts.getInstanceByDom(document.getElementById('tlChart'));ch.dispatchAction({type:'dataZoom',dataZoomIndex:0,start:%g,end:%g});return true})()`, step[0], step[1]), new(bool))
		settle(t, p)
		p.eval(t, check, &got)
		if len(got.Bad) > 0 {
			t.Errorf("step %d (%g–%g%%): %v", i, step[0], step[1], got.Bad)
		}
		if wantBins := step[1]-step[0] > 50; got.Binned != wantBins {
			t.Errorf("step %d (%g–%g%%): binned %v, want %v", i, step[0], step[1], got.Binned, wantBins)
		}
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}

// TestBrowserSliderLabels checks that the zoom slider's handle labels,
// which ECharts draws outside the handles while they are hovered or
// dragged, lie inside the chart on a desktop and a phone, at the axis's
// ends, with dates as long as "28 Sept 44 BCE".
func TestBrowserSliderLabels(t *testing.T) {
	findChromium(t)
	at := func(y int, m time.Month, d int) int64 { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 60 }
	events := []Event{
		{ID: "a", Title: "Caesar killed", Lanes: []string{"rome"}, Lower: at(-43, 3, 15), Upper: at(-43, 3, 16), Point: true, Date: "15 March 44 BCE"},
		{ID: "b", Title: "Augustus dies", Lanes: []string{"rome"}, Lower: at(14, 8, 19), Upper: at(14, 8, 20), Point: true, Date: "19 August 14"},
		{ID: "c", Title: "A late date", Lanes: []string{"later"}, Lower: at(2017, 9, 28), Upper: at(2017, 9, 29), Point: true, Date: "28 September 2017"},
	}
	file := writePage(t, Meta{Title: "Slider"}, events, Options{})
	for _, width := range []int64{1280, 360} {
		p := openPage(t, file, "", width, 900)
		var labels []struct {
			X, W  float64
			Text  string
			Chart float64
		}
		// The labels show while a handle is hovered: the slider's view
		// shows them as it would then, and their drawn boxes are read.
		p.eval(t, `(function(){var ch=echarts.getInstanceByDom(document.getElementById('tlChart'));
			var v=ch._componentsViews.find(function(c){return c&&c._displayables&&c._displayables.handleLabels});
			v._showDataInfo(true);
			return v._displayables.handleLabels.map(function(l){var r=l.getBoundingRect().clone(),m=l.getComputedTransform();if(m)r.applyTransform(m);
				return {X:r.x,W:r.width,Text:l.style.text,Chart:ch.getWidth()}})})()`, &labels)
		if len(labels) != 2 {
			t.Fatalf("%d px: %d handle labels, want 2", width, len(labels))
		}
		for _, l := range labels {
			if l.Text == "" || l.W <= 0 {
				t.Errorf("%d px: a handle label is empty: %+v", width, l)
			}
			if l.X < 0 || l.X+l.W > l.Chart {
				t.Errorf("%d px: the handle label %q spans %.0f–%.0f px, outside the chart's 0–%.0f", width, l.Text, l.X, l.X+l.W, l.Chart)
			}
		}
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%d px: console errors or requests: %v", width, probs)
		}
	}
}

// TestBrowserTableHeaders checks that every header of the events table
// lies inside its column, in English and in Russian (whose names are
// longer), on a desktop and a phone.
func TestBrowserTableHeaders(t *testing.T) {
	findChromium(t)
	for _, lang := range []string{"en", "ru"} {
		file := pageFile(t, builtinCSV(t), Options{Lang: lang})
		for _, width := range []int64{1280, 360} {
			p := openPage(t, file, "", width, 900)
			var out []string
			p.eval(t, `Array.prototype.filter.call(document.querySelectorAll('thead th'),function(th){var b=th.querySelector('button')||th,r=b.getBoundingClientRect(),c=th.getBoundingClientRect();return th.offsetParent&&(r.right>c.right+0.5||r.left<c.left-0.5)}).map(function(th){return th.textContent})`, &out)
			if len(out) > 0 {
				t.Errorf("%s at %d px: table headers run out of their columns: %q", lang, width, out)
			}
		}
	}
}
