//go:build unix

package safefile

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// locked reports whether someone holds the flock on dir, without waiting.
func locked(t *testing.T, dir string) bool {
	t.Helper()
	d, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	err = syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true
	}
	if err != nil {
		t.Fatal(err)
	}
	syscall.Flock(int(d.Fd()), syscall.LOCK_UN)
	return false
}

// TestLockRemovesStaleTemps: temporaries of the real file go, the rest
// stays, and the link's own directory is not touched.
func TestLockRemovesStaleTemps(t *testing.T) {
	root := t.TempDir()
	real, linkDir := filepath.Join(root, "real"), filepath.Join(root, "pkg")
	os.Mkdir(real, 0o755)
	os.Mkdir(linkDir, 0o755)
	mustWrite(t, filepath.Join(real, "events.csv"), "", 0o644)
	mustLink(t, filepath.Join(real, "events.csv"), filepath.Join(linkDir, "events.csv"))
	for _, name := range []string{".events.csv.tmp-1", ".events.csv.tmp-2", ".other.csv.tmp-1", "events.csv.tmp-1", ".events.csv.tmp"} {
		mustWrite(t, filepath.Join(real, name), "", 0o644)
	}
	mustWrite(t, filepath.Join(linkDir, ".events.csv.tmp-9"), "", 0o644)
	os.Mkdir(filepath.Join(real, ".events.csv.tmp-dir"), 0o755)
	mustLink(t, "events.csv", filepath.Join(real, ".events.csv.tmp-link"))

	unlock, err := Lock(filepath.Join(linkDir, "events.csv"))
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	want := []string{".events.csv.tmp", ".events.csv.tmp-dir", ".events.csv.tmp-link", ".other.csv.tmp-1", "events.csv", "events.csv.tmp-1"}
	if got := dirNames(t, real); !slices.Equal(got, want) {
		t.Errorf("after Lock the directory holds %q, want %q", got, want)
	}
	if got := dirNames(t, linkDir); !slices.Equal(got, []string{".events.csv.tmp-9", "events.csv"}) {
		t.Errorf("Lock touched the link's directory: %q", got)
	}
}

// TestLockGoroutines: a lock taken through a link is the lock of the real
// file's directory, and a second Lock waits for it.
func TestLockGoroutines(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real")
	os.Mkdir(real, 0o755)
	mustLink(t, filepath.Join(real, "events.csv"), filepath.Join(root, "link.csv"))

	unlock, err := Lock(filepath.Join(root, "link.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !locked(t, real) {
		t.Fatal("Lock through a link did not lock the real file's directory")
	}
	if locked(t, root) {
		t.Fatal("Lock through a link locked the link's directory")
	}
	acquired := make(chan func())
	go func() {
		u, err := Lock(filepath.Join(real, "events.csv"))
		if err != nil {
			t.Error(err)
			u = func() {}
		}
		acquired <- u
	}()
	select {
	case <-acquired:
		t.Fatal("a second Lock got the lock while the first held it")
	default:
	}
	unlock()
	(<-acquired)()
	if locked(t, real) {
		t.Error("lock still held after both unlocked")
	}
}

// TestLockProcesses: a lock held by another process excludes this one.
func TestLockProcesses(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "events.csv")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), "SAFEFILE_LOCK_HELPER="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	if !locked(t, dir) {
		t.Error("the helper's Lock does not exclude this process")
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	unlock, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	unlock()
}

// TestLockHelperProcess is the other process of TestLockProcesses: it holds
// the lock until its standard input closes.
func TestLockHelperProcess(t *testing.T) {
	path := os.Getenv("SAFEFILE_LOCK_HELPER")
	if path == "" {
		t.Skip("run by TestLockProcesses")
	}
	unlock, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("locked\n")
	buf := make([]byte, 1)
	for {
		if _, err := os.Stdin.Read(buf); err != nil {
			break
		}
	}
	unlock()
}
