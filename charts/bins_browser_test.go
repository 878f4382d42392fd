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
