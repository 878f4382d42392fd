package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// lockDataset takes the lock on the directory of the dataset file at path
// (see lockDir) and, holding it, removes the temporary files that a writer
// killed half way left beside the file: no other writer can be using them.
func lockDataset(path string) (unlock func(), err error) {
	dir := filepath.Dir(path)
	if unlock, err = lockDir(dir); err != nil {
		return nil, err
	}
	prefix := "." + filepath.Base(path) + ".tmp-"
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return unlock, nil
}

// writeFileAtomic replaces path with data so that a reader, or a crash half
// way, sees either the old file or the new one, never a mix: the data goes to
// a temporary file in the same directory, is synced, and renamed over path.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable; where directories cannot be synced
// the rename is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
