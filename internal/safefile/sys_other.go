//go:build !unix

package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// lockDir takes an exclusive lock on dir by creating a lock file in it; it
// waits up to a minute for another writer.
func lockDir(dir string) (unlock func(), err error) {
	name := filepath.Join(dir, ".timeline.lock")
	deadline := time.Now().Add(time.Minute)
	for {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, os.ErrExist) || time.Now().After(deadline) {
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// mayReplace reports, as errReadOnly, a file marked read-only.
func mayReplace(path string, fi fs.FileInfo) error {
	if fi.Mode().Perm()&0o200 == 0 {
		return errReadOnly
	}
	return nil
}

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) bool { return true }
