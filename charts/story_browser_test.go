package charts

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// slideText is what the story view's slide shows: its title, its date
// line and the counter.
const slideText = `(function(){var s=document.getElementById('tlSlide'),h=s.querySelector('h2'),w=s.querySelector('.when');return [h?h.textContent:'',w?w.textContent:'',document.getElementById('tlSlideAt').textContent]})()`

// TestBrowserStory checks the story view: a page that starts in it shows
// the title slide, full width; next, the arrow keys and swipes move
// through the events in date order; the timeline below shows and
// highlights the slide's event; #id opens that event's slide.
func TestBrowserStory(t *testing.T) {
	findChromium(t)
	file := writeBuiltin(t, Options{Start: "story"})
	for _, size := range [][2]int64{{1280, 900}, {360, 740}} {
		w, h := size[0], size[1]
		p := openPage(t, file, "", w, h)
		var got []string
		p.eval(t, slideText, &got)
		if got[0] != "Russia's FSB and Central Asian radicalisation, 1995–2017" || got[2] != "Start" {
			t.Errorf("%dpx: the story starts at %q, want the title slide", w, got)
		}
		var r []float64
		p.eval(t, `(function(){var b=document.getElementById('tlSlides').getBoundingClientRect();return [b.left,b.right,b.top,b.bottom,document.documentElement.scrollWidth]})()`, &r)
		if r[1]-r[0] < 0.9*float64(w)-40 || r[0] < 0 || r[1] > float64(w) || r[4] > float64(w) {
			t.Errorf("%dpx: the slide spans %.0f–%.0f (page %.0f wide), want the page's width", w, r[0], r[1], r[4])
		}
		p.screenshot(t, fmt.Sprintf("story-title-%d", w))
		// The events in date order, as the slides go.
		var order []int
		p.eval(t, `(function(){var pg=timelinePage.page,o=[];for(var k=0;k<pg.n;k++)o.push(k);return o})()`, &order)
		want := func(i int) []string {
			var title, date string
			p.eval(t, fmt.Sprintf(`timelinePage.page.titleOf(%d)`, order[i]), &title)
			p.eval(t, fmt.Sprintf(`timelinePage.page.dateOf(%d)`, order[i]), &date)
			return []string{title, date, fmt.Sprintf("%d of %d", i+1, len(order))}
		}
		check := func(what string, i int) {
			t.Helper()
			p.eval(t, slideText, &got)
			if fmt.Sprint(got) != fmt.Sprint(want(i)) {
				t.Errorf("%dpx, %s: the slide shows %q, want %q", w, what, got, want(i))
			}
			var cur int
			p.eval(t, `timelinePage.page.current`, &cur)
			if cur != order[i] {
				t.Errorf("%dpx, %s: the timeline highlights event %d, want %d", w, what, cur, order[i])
			}
			// The timeline strip shows the slide's event, on screen.
			var on bool
			p.eval(t, fmt.Sprintf(`(function(){var b=document.querySelector('#tlMarks button.mark[data-k="%d"]:not([hidden])'),c=document.querySelector('.chartbox').getBoundingClientRect();if(!b)return false;var r=b.getBoundingClientRect();return r.top>=Math.max(0,c.top)-1&&r.bottom<=Math.min(innerHeight,c.bottom)+1})()`, order[i]), &on)
			if !on {
				t.Errorf("%dpx, %s: the slide's event is not on the timeline on screen", w, what)
			}
		}
		if err := chromedp.Run(p.ctx, chromedp.Click(`#tlNext`, chromedp.ByQuery), chromedp.Sleep(150*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		check("next", 0)
		if err := chromedp.Run(p.ctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowLeft), chromedp.Sleep(150*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		check("→ → ←", 1)
		// A swipe to the left turns to the next slide.
		y := float64(h) / 4
		err := chromedp.Run(p.ctx,
			input.DispatchTouchEvent(input.TouchStart, []*input.TouchPoint{{X: float64(w) * 0.8, Y: y}}),
			input.DispatchTouchEvent(input.TouchMove, []*input.TouchPoint{{X: float64(w) * 0.5, Y: y + 5}}),
			input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}),
			chromedp.Sleep(150*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		check("a swipe", 2)
		p.eval(t, `document.documentElement.scrollWidth`, &r[4])
		if r[4] > float64(w) {
			t.Errorf("%dpx: the story view is %.0f px wide", w, r[4])
		}
		if w == 360 {
			// The story fills the phone's screen: the slide and the
			// timeline strip, no more.
			var b []float64
			p.eval(t, `(function(){var s=document.getElementById('tlSlides').getBoundingClientRect(),c=document.querySelector('.chartbox').getBoundingClientRect();return [s.top,c.bottom,s.height]})()`, &b)
			if b[0] < 0 || b[1] > float64(h)+1 || b[2] < float64(h)*0.4 {
				t.Errorf("360px: the slide is %.0f px tall from %.0f, the timeline ends at %.0f: want both on the %d px screen", b[2], b[0], b[1], h)
			}
		}
		p.screenshot(t, fmt.Sprintf("story-slide-%d", w))
		// Esc goes back to the timeline.
		var on bool
		p.eval(t, `document.dispatchEvent(new KeyboardEvent('keydown',{key:'Escape'}));timelinePage.page.storyOn||!document.getElementById('tlSlides').hidden`, &on)
		if on {
			t.Errorf("%dpx: Esc did not leave the story", w)
		}
		if probs := p.problems(); len(probs) > 0 {
			t.Errorf("%dpx: console errors or requests: %v", w, probs)
		}
	}
	// #id opens that event's slide.
	p := openPage(t, file, "#jalilov-dies", 1280, 900)
	var got []string
	p.eval(t, slideText, &got)
	if got[0] != "Jalilov dies in the attack" {
		t.Errorf("#jalilov-dies in the story opens %q", got)
	}
	// On a page that starts with the timeline, the Story button opens the
	// story at the selected event.
	p = openPage(t, writeBuiltin(t, Options{}), "#jalilov-dies", 1280, 900)
	if err := chromedp.Run(p.ctx, chromedp.Click(`#tlStoryBtn`, chromedp.ByQuery), chromedp.Sleep(150*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	p.eval(t, slideText, &got)
	if got[0] != "Jalilov dies in the attack" {
		t.Errorf("Story from the card of jalilov-dies opens %q", got)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or requests: %v", probs)
	}
}

// TestBrowserEmbed checks the embedding: the snippet timeline render
// --embed prints sizes its iframe to the height the page reports, the
// iframe has a title that says what it holds, and the page keeps a
// one-line credit.
func TestBrowserEmbed(t *testing.T) {
	findChromium(t)
	for _, start := range []string{"timeline", "story"} {
		dir := t.TempDir()
		page := builtinPage(t, Options{Embed: true, Start: start})
		if err := os.WriteFile(filepath.Join(dir, "embed.html"), page, 0o644); err != nil {
			t.Fatal(err)
		}
		snippet := EmbedSnippet("embed.html", "Russia's FSB and Central Asian radicalisation, 1995–2017")
		if strings.Contains(snippet, "640") {
			t.Errorf("the snippet has a fixed height: %s", snippet)
		}
		parent := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Lesson</title></head><body style="margin:0"><h1>A lesson</h1>
<script>window.heights=[];addEventListener("message",function(e){if(e.data&&typeof e.data.timelineHeight==="number")heights.push(e.data.timelineHeight)})</script>
<div style="max-width:760px">` + snippet + `</div><p>After.</p></body></html>`
		if err := os.WriteFile(filepath.Join(dir, "lesson.html"), []byte(parent), 0o644); err != nil {
			t.Fatal(err)
		}
		p := openParent(t, filepath.Join(dir, "lesson.html"), 1000, 800)
		var heights []float64
		var frame []any
		for i := 0; i < 60; i++ {
			p.eval(t, `heights`, &heights)
			p.eval(t, `(function(){var f=document.querySelector('iframe');return [f.title,f.getBoundingClientRect().height,f.getBoundingClientRect().width]})()`, &frame)
			if len(heights) > 0 && frame[1].(float64) == heights[len(heights)-1] {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if len(heights) == 0 {
			t.Fatalf("%s: the embedded page reported no height", start)
		}
		last := heights[len(heights)-1]
		if frame[0] != "Timeline: Russia's FSB and Central Asian radicalisation, 1995–2017" {
			t.Errorf("%s: the iframe's title is %q", start, frame[0])
		}
		if frame[1].(float64) != last || last < 250 || last > 2500 {
			t.Errorf("%s: the iframe is %v px tall, the page reported %v (all: %v)", start, frame[1], last, heights)
		}
		// The height settles: the page does not grow with its frame.
		time.Sleep(500 * time.Millisecond)
		var again []float64
		p.eval(t, `heights`, &again)
		if len(again) > len(heights)+2 {
			t.Errorf("%s: the embedded page keeps reporting new heights: %v", start, again)
		}
		p.screenshot(t, "embed-"+start)

		// The page itself: a one-line credit with title, source and licence.
		q := openPage(t, filepath.Join(dir, "embed.html"), "", 760, int64(last))
		var credit []any
		q.eval(t, `(function(){var c=document.querySelector('.credit');if(!c)return [];var r=c.getBoundingClientRect();return [c.textContent,r.height,r.bottom<=innerHeight+1]})()`, &credit)
		if len(credit) != 3 || !strings.Contains(credit[0].(string), "Russia's FSB") || !strings.Contains(credit[0].(string), "Galeotti") ||
			!strings.Contains(credit[0].(string), "Creative Commons") || credit[1].(float64) > 24 || credit[2] != true {
			t.Errorf("%s: the credit line is %v, want title, source and licence on one line, on screen", start, credit)
		}
		if start == "story" {
			var on bool
			q.eval(t, `timelinePage.page.storyOn`, &on)
			if !on {
				t.Error("--start story: the embedded page does not start in the story")
			}
		}
		if probs := q.problems(); len(probs) > 0 {
			t.Errorf("%s: console errors or requests: %v", start, probs)
		}
	}
}

// openParent loads an HTML page that is not a timeline page.
func openParent(t *testing.T, file string, w, h int64) *browserPage {
	t.Helper()
	// openPage waits for the timeline's chart, which a parent page has
	// not: give it a marker element of that id.
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("</body>"), []byte(`<div id="tlChart" data-ready="1"></div></body>`), 1)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return openPage(t, file, "", w, h)
}

// TestBrowserPrint prints the built-in page to PDF on A4 and Letter: the
// printed page starts with the whole timeline as a picture, then the
// table, and prints each source's address once.
func TestBrowserPrint(t *testing.T) {
	findChromium(t)
	p := openPage(t, writeBuiltin(t, Options{Theme: "dark"}), "", 1280, 900)
	for _, paper := range []struct {
		name string
		w, h float64 // inches
	}{{"A4", 8.27, 11.69}, {"Letter", 8.5, 11}} {
		var pdf []byte
		err := chromedp.Run(p.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPaperWidth(paper.w).WithPaperHeight(paper.h).WithPrintBackground(false).Do(ctx)
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		pages := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page ")) + bytes.Count(pdf, []byte("/Type /Page/")) + bytes.Count(pdf, []byte("/Type /Page>"))
		if pages < 2 || pages > 16 {
			t.Errorf("%s: the PDF has %d pages, want the timeline and a table of 20 events in 2–16", paper.name, pages)
		}
		t.Logf("%s: %d pages, %d bytes", paper.name, pages, len(pdf))
		os.WriteFile(filepath.Join(screenshotDir(t), "print-"+paper.name+".pdf"), pdf, 0o644)
	}
	var src string
	p.eval(t, `document.getElementById('tlPrintImg').src.slice(0,22)`, &src)
	if src != "data:image/png;base64," {
		t.Fatalf("printing drew no picture of the timeline (%q)", src)
	}
	// In print, the picture comes first, the interactive parts are not
	// printed, and a source's address is printed once.
	if err := chromedp.Run(p.ctx, emulation.SetEmulatedMedia().WithMedia("print")); err != nil {
		t.Fatal(err)
	}
	var layout []any
	p.eval(t, `(function(){var i=document.getElementById('tlPrintImg').getBoundingClientRect(),tb=document.getElementById('tlTable').getBoundingClientRect(),st=document.querySelector('.stage').getBoundingClientRect();
		var a=document.querySelector('#tlTable td a[href^=http]:not(.m)');
		return [i.height>100&&i.top<tb.top, st.height, a?getComputedStyle(a,'::after').content:'none', getComputedStyle(document.querySelector('#tlTable td')).color]})()`, &layout)
	if layout[0] != true || layout[1].(float64) != 0 || layout[2] != "none" {
		t.Errorf("print layout: picture before the table %v, interactive timeline %v px tall, source link ::after %v", layout[0], layout[1], layout[2])
	}
	if err := chromedp.Run(p.ctx, chromedp.EmulateViewport(794, 1123)); err != nil {
		t.Fatal(err)
	}
	p.screenshot(t, "print-media-a4")
	if layout[3] != "rgb(0, 0, 0)" {
		t.Errorf("print of a dark page: table text is %v, want black", layout[3])
	}
	for _, prob := range p.problems() {
		if !strings.HasPrefix(prob, "data:") { // the picture, made in the page
			t.Errorf("console error or request: %v", prob)
		}
	}
}

func screenshotDir(t *testing.T) string {
	if d := os.Getenv("TIMELINE_SCREENSHOTS"); d != "" {
		os.MkdirAll(d, 0o755)
		return d
	}
	return t.TempDir()
}
