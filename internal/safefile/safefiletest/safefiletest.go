//go:build unix

// Package safefiletest holds what tests of writes to special files share:
// a null device of the test's own, and a reader for a FIFO.
package safefiletest

import (
	"io"
	"os"
	"syscall"
	"testing"
)

// NullDevice makes a null device at path and returns it, or returns
// os.DevNull where it cannot. A broken WriteFile run as root would replace the
// system's own, so root never tests on it.
func NullDevice(t testing.TB, path string) string {
	t.Helper()
	err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3) // 1:3 is /dev/null on Linux
	if err == nil {
		fi, err := os.Stat(os.DevNull)
		if st, ok := fi.Sys().(*syscall.Stat_t); err == nil && ok && st.Rdev == 1<<8|3 {
			// A nodev mount refuses to open it.
			if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
				f.Close()
				return path
			}
		}
		os.Remove(path)
	}
	if os.Geteuid() == 0 {
		t.Skipf("cannot make a null device here (%v), and root does not risk %s", err, os.DevNull)
	}
	return os.DevNull
}

// ReadFIFO starts reading the FIFO at path in the background and returns a
// function that waits for everything written to it (nil if it cannot be
// opened).
func ReadFIFO(path string) func() []byte {
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	return func() []byte { return <-got }
}
