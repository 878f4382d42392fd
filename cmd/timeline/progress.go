package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Progress of a long command: how much of its input it has read, on one
// line of standard error that is redrawn in place. It is shown only when
// standard error is a terminal (never in a pipe, a log or a test), only
// once the command has run for progressAfter, and it is cleared before
// anything else is written to standard error and when the input is closed.

// progressAfter is how long a command runs before its progress is shown:
// a quick command shows none.
var progressAfter = time.Second

const progressEvery = 200 * time.Millisecond

// progress is the line being drawn for one input.
type progress struct {
	term  *terminal
	label string
	total int64
	pos   atomic.Int64
	start time.Time
	done  chan struct{}
	once  sync.Once
}

// terminal is standard error when it is a terminal: it clears the
// progress line before other text is written.
type terminal struct {
	mu    sync.Mutex
	w     io.Writer
	shown bool // a progress line is on the screen
}

func (t *terminal) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.clear()
	return t.w.Write(p)
}

func (t *terminal) clear() {
	if t.shown {
		io.WriteString(t.w, "\r\x1b[K")
		t.shown = false
	}
}

// sharedTerminal is standard output on the screen standard error shows
// progress on.
type sharedTerminal struct {
	t *terminal
	w io.Writer
}

func (s *sharedTerminal) Write(p []byte) (int, error) {
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	s.t.clear()
	return s.w.Write(p)
}

// isTerminal reports whether w is a terminal, as far as the standard
// library can tell: a character device, and not a terminal that says it
// cannot move the cursor.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && fi.Mode()&os.ModeDevice != 0
}

// withProgress returns r, reading total bytes named label, counted into
// a progress line on e's standard error when that is a terminal; else r
// itself. Closing the result stops and clears the line.
func withProgress(r io.ReadCloser, e *env, label string, total int64) io.ReadCloser {
	t, ok := e.stderr.(*terminal)
	if !ok {
		if !isTerminal(e.stderr) {
			return r
		}
		t = &terminal{w: e.stderr}
		e.stderr = t
		if isTerminal(e.stdout) {
			// Output to the same screen clears the line first too.
			e.stdout = &sharedTerminal{t: t, w: e.stdout}
		}
	}
	p := &progress{term: t, label: label, total: total, start: time.Now(), done: make(chan struct{})}
	go p.run()
	pr := &progressReader{ReadCloser: r, p: p}
	if s, ok := r.(io.Seeker); ok {
		// The Scanner reads a file twice when it can seek it.
		return &seekingProgressReader{progressReader: pr, s: s}
	}
	return pr
}

func (p *progress) run() {
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-tick.C:
			if time.Since(p.start) >= progressAfter {
				p.draw()
			}
		}
	}
}

func (p *progress) draw() {
	t := p.term
	t.mu.Lock()
	defer t.mu.Unlock()
	select {
	case <-p.done:
		return
	default:
	}
	pos := p.pos.Load()
	line := fmt.Sprintf("timeline: reading %s: %s", p.label, megabytes(pos))
	if p.total > 0 {
		line = fmt.Sprintf("timeline: reading %s: %d%% (%s of %s)", p.label, min(100, pos*100/p.total), megabytes(pos), megabytes(p.total))
	}
	io.WriteString(t.w, "\r\x1b[K"+line)
	t.shown = true
}

func (p *progress) stop() {
	p.once.Do(func() {
		p.term.mu.Lock()
		close(p.done)
		p.term.clear()
		p.term.mu.Unlock()
	})
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// progressReader counts what is read.
type progressReader struct {
	io.ReadCloser
	p   *progress
	pos int64
}

func (r *progressReader) Read(b []byte) (int, error) {
	n, err := r.ReadCloser.Read(b)
	r.pos += int64(n)
	r.p.pos.Store(r.pos)
	return n, err
}

func (r *progressReader) Close() error {
	r.p.stop()
	return r.ReadCloser.Close()
}

// seekingProgressReader is a progressReader that can seek, so that the
// Scanner can still read its input twice.
type seekingProgressReader struct {
	*progressReader
	s io.Seeker
}

func (r *seekingProgressReader) Seek(off int64, whence int) (int64, error) {
	at, err := r.s.Seek(off, whence)
	if err == nil {
		r.pos = at
		r.p.pos.Store(at)
	}
	return at, err
}
