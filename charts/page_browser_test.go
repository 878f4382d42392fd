package charts

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// writePage renders events to a file in a temporary directory.
func writePage(t *testing.T, meta Meta, events []Event, opt Options) string {
	t.Helper()
	var b strings.Builder
	if err := RenderPage(&b, meta, events, opt); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBrowserPage(t *testing.T) {
	findChromium(t)
	meta, events := fixture()
	file := writePage(t, meta, events, Options{})
	p := openPage(t, file, "", 1280, 800)

	var drawn bool
	p.eval(t, `(function(){var c=document.querySelector('#tlChart canvas');if(!c)return false;var d=c.getContext('2d').getImageData(0,0,c.width,c.height).data;for(var i=3;i<d.length;i+=4)if(d[i])return true;return false})()`, &drawn)
	if !drawn {
		t.Error("the chart canvas is empty")
	}
	var count string
	p.eval(t, `document.getElementById('tlCount').textContent`, &count)
	if !strings.Contains(count, "6 of 6") {
		t.Errorf("count = %q", count)
	}
	p.screenshot(t, "fixture-desktop")

	// Clicking a table row opens its story card, with its sources as links.
	var title string
	err := chromedp.Run(p.ctx,
		chromedp.Click(`#bomb td:nth-child(2)`, chromedp.ByQuery),
		chromedp.WaitVisible(`#tlStory h2`, chromedp.ByQuery),
		chromedp.Text(`#tlStory h2`, &title, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if title != "Metro bombing" {
		t.Errorf("story title = %q", title)
	}
	var links int
	p.eval(t, `document.querySelectorAll('#tlStory a[href^="https://example.org"]').length`, &links)
	if links == 0 {
		t.Error("the story card does not link its sources")
	}
	var hash string
	p.eval(t, `location.hash`, &hash)
	if hash != "#bomb" {
		t.Errorf("hash after opening = %q", hash)
	}

	// → moves to the next event, Esc closes the card.
	p.eval(t, `document.dispatchEvent(new KeyboardEvent('keydown',{key:'ArrowRight'}));document.querySelector('#tlStory h2').textContent`, &title)
	if title != "Claim" {
		t.Errorf("after →, story title = %q, want Claim", title)
	}
	var hidden bool
	p.eval(t, `document.dispatchEvent(new KeyboardEvent('keydown',{key:'Escape'}));document.getElementById('tlStory').hidden`, &hidden)
	if !hidden {
		t.Error("Esc did not close the story card")
	}

	// Clicking the chart opens the card of the event under the pointer.
	var pos []float64
	p.eval(t, `(function(){document.getElementById('tlChart').scrollIntoView();var ch=echarts.getInstanceByDom(document.getElementById('tlChart'));var o=ch.getOption();var d=o.series[1].data;for(var k=0;k<d.length;k++){if(d[k][3]===4){var pt=ch.convertToPixel({seriesIndex:1},[(d[k][0]+d[k][1])/2,d[k][2]]);var r=document.getElementById('tlChart').getBoundingClientRect();return [pt[0]+r.left,pt[1]+r.top]}}return []})()`, &pos)
	if len(pos) == 2 {
		if err := chromedp.Run(p.ctx, chromedp.MouseClickXY(pos[0], pos[1]), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		p.eval(t, `document.getElementById('tlStory').hidden ? '' : document.querySelector('#tlStory h2').textContent`, &title)
		if title != "Metro bombing" {
			t.Errorf("clicking the chart opened %q, want Metro bombing", title)
		}
	} else {
		t.Error("the bombing is not drawn in the chart")
	}

	// Zooming the timeline to 2016–2018 filters the table and the count
	// (the era stays), and "Fit all" brings everything back.
	var inWindow int
	p.eval(t, `(function(){var ch=echarts.getInstanceByDom(document.getElementById('tlChart'));ch.dispatchAction({type:'dataZoom',dataZoomIndex:0,startValue:Date.UTC(2016,0,1),endValue:Date.UTC(2018,0,1)});return 0})()`, &inWindow)
	time.Sleep(300 * time.Millisecond)
	p.eval(t, `Array.from(document.querySelectorAll('#tlTable tbody tr')).filter(function(r){return !r.hidden}).length`, &inWindow)
	if inWindow != 3 {
		t.Errorf("zoomed to 2016–2018, %d rows shown, want 3 (the era, the bombing, the claim)", inWindow)
	}
	p.eval(t, `document.getElementById('tlFit').click();0`, &inWindow)
	time.Sleep(300 * time.Millisecond)

	// Search narrows the table and the count.
	err = chromedp.Run(p.ctx, chromedp.SendKeys(`#tlSearch`, "deport", chromedp.ByQuery), chromedp.Sleep(400*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	var visible int
	p.eval(t, `Array.from(document.querySelectorAll('#tlTable tbody tr')).filter(function(r){return !r.hidden}).length`, &visible)
	p.eval(t, `document.getElementById('tlCount').textContent`, &count)
	if visible != 1 || !strings.Contains(count, "1 of 6") {
		t.Errorf("after searching, %d rows visible and count %q", visible, count)
	}

	// The download link unpacks the CSV the page carries.
	var href string
	p.eval(t, `document.getElementById('tlDownload').click()`, nil)
	time.Sleep(500 * time.Millisecond)
	p.eval(t, `document.getElementById('tlDownload').href`, &href)
	if !strings.HasPrefix(href, "blob:") {
		t.Errorf("after a click the download link is %q, want a blob: URL", href)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs)
	}
}

func TestBrowserPermalink(t *testing.T) {
	findChromium(t)
	meta, events := fixture()
	file := writePage(t, meta, events, Options{Lang: "ru", Theme: "dark"})
	p := openPage(t, file, "#claim", 360, 740)
	var title string
	p.eval(t, `document.getElementById('tlStory').hidden ? '' : document.querySelector('#tlStory h2').textContent`, &title)
	if title != "Claim" {
		t.Errorf("opening #claim shows %q", title)
	}
	p.screenshot(t, "fixture-phone-dark-ru")
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs)
	}
}

func TestBrowserPlural(t *testing.T) {
	// The page's script inflects counts as say.go does.
	findChromium(t)
	meta, events := fixture()
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"ru", 1, "Показано 1 из 1 события"},
		{"ru", 6, "Показано 6 из 6 событий"},
		{"de", 1, "1 von 1 Ereignis"},
		{"fr", 1, "1 sur 1 événement affiché"},
		{"en", 6, "6 of 6 events shown"},
	} {
		p := openPage(t, writePage(t, meta, events[:tt.n], Options{Lang: tt.lang}), "", 800, 600)
		var count string
		p.eval(t, `document.getElementById('tlCount').textContent`, &count)
		if count != tt.want {
			t.Errorf("%s, %d events: count reads %q, want %q", tt.lang, tt.n, count, tt.want)
		}
	}
}

func TestBrowserCalendarYears(t *testing.T) {
	// Day-precise events in 8 years: the calendar panel grows to show the
	// last 5 and says 3 are not shown; other panels get their height back.
	findChromium(t)
	meta, _ := fixture()
	var events []Event
	for y := 2010; y < 2018; y++ {
		day := fmt.Sprintf("%d-06-01", y)
		events = append(events, Event{ID: fmt.Sprint("e", y), Title: day, Lanes: []string{"x"}, Lower: mins(day), Upper: mins(day) + dayMins, Point: true, Date: day, Written: day})
	}
	p := openPage(t, writePage(t, meta, events, Options{}), "", 1280, 900)
	var got struct {
		Calendars, Height, Back int
		Note                    string
	}
	p.eval(t, `(function(){var s=document.getElementById('tlPanel'),el=document.getElementById('tlFreq');s.value='calendar';s.dispatchEvent(new Event('change'));el.scrollIntoView();
		var o=echarts.getInstanceByDom(el).getOption();return {Calendars:o.calendar.length,Height:el.clientHeight,Note:o.title[0].subtext}})()`, &got)
	p.screenshot(t, "calendar-years")
	p.eval(t, `(function(){var s=document.getElementById('tlPanel');s.value='freq';s.dispatchEvent(new Event('change'));return document.getElementById('tlFreq').clientHeight})()`, &got.Back)
	if got.Calendars != 5 || got.Height != 90+5*120 || got.Back != 380 || !strings.HasPrefix(got.Note, "3 earlier years") {
		t.Errorf("calendar panel: %+v, want 5 calendars in 690 px, a note on 3 earlier years, and 380 px after", got)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs)
	}
}

func TestBrowserHostile(t *testing.T) {
	findChromium(t)
	meta, events := hostileFixture()
	file := writePage(t, meta, events, Options{})
	p := openPage(t, file, "", 1024, 700)
	var title string
	var dialogs int
	p.eval(t, `document.title`, &title)
	p.eval(t, `window.pwned ? 1 : 0`, &dialogs)
	if title == "pwned" || dialogs != 0 || p.dialogs != 0 {
		t.Errorf("hostile text ran as script: title %q, pwned %d, dialogs %d", title, dialogs, p.dialogs)
	}
	// The hostile title shows as text, in the table and in the story card.
	var cell string
	p.eval(t, `document.querySelector('#tlTable tbody tr td:nth-child(2) b').textContent`, &cell)
	if !strings.Contains(cell, "</script><script>") {
		t.Errorf("hostile title shown as %q", cell)
	}
	var jsLinks int
	p.eval(t, `document.querySelectorAll('a[href^="javascript"]').length`, &jsLinks)
	if jsLinks != 0 {
		t.Errorf("%d javascript: links on the page", jsLinks)
	}
	p.eval(t, `(function(){document.querySelector('#tlTable tbody tr td:nth-child(2)').click();return document.querySelectorAll('#tlStory a[href^="javascript"], #tlStory img[onerror]').length})()`, &jsLinks)
	if jsLinks != 0 {
		t.Errorf("the story card made %d live hostile elements", jsLinks)
	}
	if probs := p.problems(); len(probs) > 0 {
		t.Errorf("console errors or network requests: %v", probs)
	}
}

// TestScreenshots renders the built-in fixture in each theme at phone and
// desktop widths, for a person to look at (TIMELINE_SCREENSHOTS=dir).
func TestScreenshots(t *testing.T) {
	findChromium(t)
	if os.Getenv("TIMELINE_SCREENSHOTS") == "" {
		t.Skip("set TIMELINE_SCREENSHOTS=DIR to write screenshots of every theme")
	}
	meta, events := fixture()
	for _, theme := range []string{"light", "dark", "contrast"} {
		for _, size := range []struct {
			name string
			w, h int64
		}{{"desktop", 1280, 800}, {"phone", 360, 740}} {
			file := writePage(t, meta, events, Options{Theme: theme})
			p := openPage(t, file, "", size.w, size.h)
			p.screenshot(t, "theme-"+theme+"-"+size.name)
		}
	}
}
