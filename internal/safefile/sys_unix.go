//go:build unix

package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// lockDir takes an exclusive flock on dir.
func lockDir(dir string) (unlock func(), err error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	for {
		err = syscall.Flock(int(d.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	return func() {
		syscall.Flock(int(d.Fd()), syscall.LOCK_UN)
		d.Close()
	}, nil
}

// mayReplace reports, as errReadOnly, that the user may not write the file at
// path. Root may write anything, so for root a file with no write bit at all
// is taken as one meant to be left alone.
func mayReplace(path string, fi fs.FileInfo) error {
	if os.Geteuid() == 0 {
		if fi.Mode().Perm()&0o222 == 0 {
			return errReadOnly
		}
		return nil
	}
	err := syscall.Access(path, 2) // W_OK
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EPERM):
		return errReadOnly
	}
	return err
}

// keepOwner gives f the owner and group of fi, as far as the process may,
// and reports whether both were kept. Only root may give a file away; anyone
// may give it a group they belong to.
func keepOwner(f *os.File, fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return false
	}
	uid, gid := int(st.Uid), int(st.Gid)
	if f.Chown(uid, gid) == nil {
		return true
	}
	f.Chown(-1, gid)
	now, err := f.Stat()
	if err != nil {
		return false
	}
	st2, ok := now.Sys().(*syscall.Stat_t)
	return ok && int(st2.Uid) == uid && int(st2.Gid) == gid
}
