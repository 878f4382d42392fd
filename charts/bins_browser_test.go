package charts

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestBrowserBinsPointer checks the bins a zoomed-out view of thousands of
// events draws (each lane's bins one item of the chart): the pointer on a
// bin shows that bin's count and days, another bin of the same lane its
// own, and a click on a bin zooms to its days.
func TestBrowserBinsPointer(t *testing.T) {
	findChromium(t)
	meta, events := benchEvents(t, 6000)
	p := openPage(t, writePage(t, meta, events, Options{}), "", 1280, 900)
	// Two bins of the first lane with bins, far apart, with their centres
	// on the page.
	type bin struct {
		X, Y, A, B float64
		N          int
		Label      string
	}
	var bins []bin
	p.eval(t, `(function(){var pg=timelinePage.page,c=document.getElementById('tlChart').getBoundingClientRect(),out=[];
		var ms=pg.marks().filter(function(m){return m.bin});if(!ms.length)return out;
		var lane=ms[0].lane,of=ms.filter(function(m){return m.lane===lane&&m.r-m.l>=2});
		[of[Math.floor(of.length/4)],of[Math.floor(of.length*3/4)]].forEach(function(m){
			var b=document.querySelector('#tlMarks button.mark[data-k="'+m.k+'"]');
			out.push({X:c.left+(m.l+m.r)/2,Y:c.top+8+m.row*22+11,A:m.bin.a,B:m.bin.b,N:m.bin.n,Label:b?b.getAttribute('aria-label'):''})});
		return out})()`, &bins)
	if len(bins) != 2 {
		t.Fatalf("want two bins of one lane to point at, got %v", bins)
	}
	for _, b := range bins {
		if err := chromedp.Run(p.ctx, chromedp.MouseEvent(input.MouseMoved, b.X, b.Y), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		var tip string
		p.eval(t, tooltipText, &tip)
		want := fmt.Sprintf("%d event", b.N)
		// The button's name ends with the bin's days, as the tooltip
		// shows them.
		days := b.Label[strings.LastIndex(b.Label, ", ")+2:]
		if !strings.Contains(tip, want) || !strings.Contains(tip, days) {
			t.Errorf("the pointer on the bin of %d events (%s) shows %q", b.N, days, tip)
		}
	}
	if err := chromedp.Run(p.ctx, chromedp.MouseClickXY(bins[1].X, bins[1].Y)); err != nil {
		t.Fatal(err)
	}
	settle(t, p)
	var win []float64
	p.eval(t, `timelinePage.page.win`, &win)
	if len(win) != 2 || win[0] < bins[1].A-1 || win[1] > bins[1].B+1 || win[1]-win[0] < (bins[1].B-bins[1].A)*0.9 {
		t.Errorf("a click on the bin of %.0f–%.0f zoomed to %v", bins[1].A, bins[1].B, win)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}

// TestBrowserTableAway checks that the table holds no rows while it is
// far from the screen (a zoom of the timeline above then lays out none),
// and that it draws the rows of the present filter as it comes into view.
func TestBrowserTableAway(t *testing.T) {
	findChromium(t)
	meta, events := benchEvents(t, 6000)
	p := openPage(t, writePage(t, meta, events, Options{}), "", 1280, 400)
	rows := `(function(){var r=document.getElementById('tlTable').getBoundingClientRect();return [document.querySelectorAll('#tlTable tbody tr:not(.pad)').length,r.top,innerHeight]})()`
	var got []float64
	p.eval(t, rows, &got)
	if len(got) != 3 || got[1] < got[2]*1.6 {
		t.Fatalf("the table starts at %v px: want it well below the screen", got)
	}
	if got[0] != 0 {
		t.Errorf("%.0f rows in the table far below the screen, want none", got[0])
	}
	// Zoom in, then scroll to the table: its rows are those of the zoom.
	p.eval(t, `(function(){var pg=timelinePage.page;pg.zoomTo(pg.lo[100],pg.lo[160]);return true})()`, new(bool))
	settle(t, p)
	p.eval(t, `document.getElementById('tlTable').scrollIntoView();true`, new(bool))
	settle(t, p)
	var bad []string
	p.eval(t, `(function(){var pg=timelinePage.page,bad=[],rs=document.querySelectorAll('#tlTable tbody tr:not(.pad)');
		if(!rs.length)bad.push('no rows in view');
		rs.forEach(function(r){var k=+r.dataset.k;if(!pg.shown[k])bad.push('row of event '+k+', which the zoom hides')});
		return bad.slice(0,5)})()`, &bad)
	if len(bad) > 0 {
		t.Errorf("the table in view: %v", bad)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}

// marksMatch counts the marks of the view drawn, the mark buttons shown,
// and those of them not over their mark (the buttons follow a zoom or
// pan once it pauses, or at once when the focus is among them).
const marksMatch = `(function(){var pg=timelinePage.page,by=new Map(),bad=0;
	pg.marks().forEach(function(m){if(!by.has(m.k))by.set(m.k,m)});
	var bs=Array.prototype.filter.call(document.querySelectorAll('#tlMarks button.mark'),function(b){return !b.hidden});
	bs.forEach(function(b){var m=by.get(+b.dataset.k),x=parseFloat(b.style.left);
		if(!m||Math.abs(x-(m.point?(m.l+m.r)/2-8:m.l))>0.5)bad++});
	return [by.size,bs.length,bad,pg.panelPending?1:0]})()`

// TestBrowserMarksFollow checks that the layer of buttons over the marks
// follows a zoom: once it pauses, and in the same frame while the
// keyboard's focus is in the layer.
func TestBrowserMarksFollow(t *testing.T) {
	findChromium(t)
	meta, events := benchEvents(t, 6000)
	p := openPage(t, writePage(t, meta, events, Options{}), "", 1280, 900)
	check := func(where string, wantPending bool) {
		t.Helper()
		var got []int
		p.eval(t, marksMatch, &got)
		if len(got) != 4 || got[0] == 0 || got[0] != got[1] || got[2] != 0 {
			t.Errorf("%s: %v marks, buttons shown, buttons off their mark", where, got)
		}
		if wantPending && (len(got) != 4 || got[3] != 1) {
			t.Errorf("%s: the panel had already followed; the check came too late", where)
		}
	}
	check("loaded", false)
	zoom := func(a, b float64) {
		var c0 int
		p.eval(t, fmt.Sprintf(`(function(){var pg=timelinePage.page,s=pg.axisMax-pg.axisMin,c=window.tlFilterCount||0;pg.zoomTo(pg.axisMin+s*%g,pg.axisMin+s*%g);return c})()`, a, b), &c0)
		for i := 0; i < 200; i++ {
			var c int
			p.eval(t, `window.tlFilterCount||0`, &c)
			if c != c0 {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		t.Fatal("the zoom was never filtered")
	}
	zoom(0.1, 0.6)
	settle(t, p)
	check("after a zoom, once it paused", false)
	// The focus on a bin: its button and the others follow at once.
	p.eval(t, `(function(){var b=document.querySelector('#tlMarks button.mark[tabindex="0"]');b.focus();return document.activeElement===b})()`, new(bool))
	zoom(0.2, 0.5)
	check("with the focus in the layer, during the zoom", true)
	var in bool
	p.eval(t, `document.getElementById('tlMarks').contains(document.activeElement)`, &in)
	if !in {
		t.Error("the focus left the layer of marks in a zoom")
	}
	settle(t, p)
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}
