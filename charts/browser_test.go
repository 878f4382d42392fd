package charts

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findChromium returns the browser the tests drive. Without one they skip,
// except under CI, where the browser tests are required.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found: the browser tests are required in CI (apt-get install chromium)")
	}
	t.Skip("no Chromium found (apt-get install chromium): skipping the browser tests")
	return ""
}

// browserPage is a page loaded in headless Chromium, with what it logged and
// requested.
type browserPage struct {
	ctx      context.Context
	mu       sync.Mutex
	errors   []string
	requests []string
	dialogs  int
}

// browserTimeout bounds the life of a browser that openPage starts; a
// test that loads many pages in one browser raises it.
var browserTimeout = 60 * time.Second

// openPage loads file (with an optional #fragment) in a fresh headless
// Chromium at the given size and waits until the page script has run.
func openPage(t *testing.T, file, fragment string, width, height int64) *browserPage {
	t.Helper()
	bin := findChromium(t)
	// The profile is removed by hand: Chromium may still be writing to it
	// when the test's own temporary directories are cleaned up.
	profile, err := os.MkdirTemp("", "timeline-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(int(width), int(height)),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, browserTimeout)
	t.Cleanup(func() {
		chromedp.Cancel(ctx) // closes the browser and waits for it
		cancelT()
		cancelC()
		cancelA()
		for i := 0; i < 20 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(50 * time.Millisecond)
		}
	})
	p := &browserPage{ctx: ctx}
	url := "file://" + file
	chromedp.ListenTarget(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				p.errors = append(p.errors, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
			}
		case *cdplog.EventEntryAdded:
			// Content-Security-Policy violations and failed loads are
			// logged here, not through the console API.
			if ev.Entry.Level == cdplog.LevelError || ev.Entry.Level == cdplog.LevelWarning {
				p.errors = append(p.errors, fmt.Sprintf("log.%s: %s", ev.Entry.Level, ev.Entry.Text))
			}
		case *runtime.EventExceptionThrown:
			p.errors = append(p.errors, "exception: "+ev.ExceptionDetails.Error())
		case *network.EventRequestWillBeSent:
			if ev.Request.URL != url && ev.Request.URL != url+fragment {
				p.requests = append(p.requests, ev.Request.URL)
			}
		case *page.EventJavascriptDialogOpening:
			p.dialogs++
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		}
	})
	err = chromedp.Run(ctx,
		network.Enable(),
		cdplog.Enable(),
		chromedp.EmulateViewport(width, height),
		chromedp.Navigate(url+fragment),
		chromedp.WaitReady("body"),
	)
	if err != nil {
		t.Fatalf("loading %s: %v", file, err)
	}
	// The script marks the chart when it has drawn; a page whose script
	// failed never does, and the errors say why.
	var ready bool
	for i := 0; i < 100 && !ready; i++ {
		chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById('tlChart').dataset.ready === '1'`, &ready))
		if !ready {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !ready {
		t.Errorf("the page script did not finish: %v", p.problems())
	}
	return p
}

func (p *browserPage) problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append(append([]string(nil), p.errors...), p.requests...)
}

func (p *browserPage) eval(t *testing.T, js string, out any) {
	t.Helper()
	if err := chromedp.Run(p.ctx, chromedp.Evaluate(js, out)); err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
}

// screenshot writes a PNG of the viewport to TIMELINE_SCREENSHOTS (or a
// temporary directory) for a person to look at.
func (p *browserPage) screenshot(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("TIMELINE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var buf []byte
	if err := chromedp.Run(p.ctx, chromedp.Sleep(300*time.Millisecond), chromedp.CaptureScreenshot(&buf)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
