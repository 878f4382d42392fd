//go:build !unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// lockDir takes an exclusive lock on the directory that holds a dataset by
// creating a lock file in it; it waits up to a minute for another writer.
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
