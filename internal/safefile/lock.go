package safefile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Lock takes an exclusive lock for writing the file at path, waiting for
// another holder to let go, and returns the function that releases it. The
// lock is on the directory of the file path resolves to, so writers that name
// the file through different links take turns, and the lock survives the
// rename that replaces the file. Holding it, Lock removes the temporary files
// that a writer killed half way left beside the file: no other writer can be
// using them.
func Lock(path string) (unlock func(), err error) {
	real, err := Resolve(path)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	dir := filepath.Dir(real)
	if unlock, err = lockDir(dir); err != nil {
		return nil, err
	}
	prefix := tempPrefix(real)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return unlock, nil
}
