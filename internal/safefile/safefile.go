// Package safefile writes files without destroying what a path points at.
//
// An ordinary file is replaced atomically (a temporary file in the same
// directory, synced and renamed over it) keeping its permission bits, owner
// and group; a new file is created the same way with the permissions the
// umask allows. A symbolic link is written through: its target is replaced
// and the link stays a link. A character device, FIFO or Unix socket is
// written to directly, as a shell redirection would. A directory, a block
// device and a file the user may not write are refused.
//
// Lock serialises writers of one file across processes.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
)

// maxLinks bounds the symbolic links Resolve follows, as the kernel does.
const maxLinks = 255

var (
	errIsDir       = errors.New("is a directory")
	errReadOnly    = errors.New("read-only")
	errUnsupported = errors.New("unsupported file type")
	errLinkLoop    = errors.New("too many levels of symbolic links")
)

// refusal is an error whose message is complete in itself but which callers
// can still match with errors.Is against its kind.
type refusal struct {
	msg  string
	kind error
}

func (r *refusal) Error() string { return r.msg }
func (r *refusal) Unwrap() error { return r.kind }

// Resolve returns the absolute path of the file that path names once every
// symbolic link is followed, in its directories and in its last element. A
// dangling link resolves to the path it names, so that writing there creates
// the target; a path that does not exist resolves to itself, made absolute
// with its directory resolved. The directory must exist.
func Resolve(path string) (string, error) {
	real, _, err := resolve(path)
	return real, err
}

// resolve is Resolve that also says whether the last element was a link.
func resolve(path string) (real string, linked bool, err error) {
	if path == "" {
		return "", false, &fs.PathError{Op: "resolve", Path: path, Err: fs.ErrNotExist}
	}
	p := filepath.Clean(path)
	for hops := 0; ; hops++ {
		// The directory is resolved before a relative link target is joined
		// to it: "a/l" -> "../f" with a -> x/y names x/f, not f.
		dir, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return "", false, err
		}
		if dir, err = filepath.Abs(dir); err != nil {
			return "", false, err
		}
		p = filepath.Join(dir, filepath.Base(p))
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || err == nil && fi.Mode()&fs.ModeSymlink == 0 {
			return p, hops > 0, nil
		}
		if err != nil {
			return "", false, err
		}
		if hops == maxLinks {
			return "", false, &fs.PathError{Op: "resolve", Path: path, Err: errLinkLoop}
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", false, err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		p = target
	}
}

// WriteFile writes data to the file that path names, choosing by what is
// there: see the package documentation. A reader of an ordinary file, or a
// crash half way, sees the old content or the new, never a mix. Writing to a
// FIFO waits for a reader, as a shell redirection does.
//
// A file with more than one hard link is replaced under this name only; its
// other names keep the old content.
func WriteFile(path string, data []byte) error {
	real, linked, err := resolve(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	name := path
	if linked {
		name = fmt.Sprintf("%s (a link to %s)", path, real)
	}
	fi, err := os.Lstat(real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return writeNew(name, real, data)
	case err != nil:
		return fmt.Errorf("writing %s: %w", name, err)
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		return replace(name, real, fi, data)
	case m.IsDir():
		return &refusal{fmt.Sprintf("%s is a directory", name), errIsDir}
	case m&fs.ModeSocket != 0:
		return writeSocket(name, real, data)
	case m&fs.ModeNamedPipe != 0, m&fs.ModeCharDevice != 0:
		return writeStream(name, real, fi, data)
	case m&fs.ModeDevice != 0:
		// Writing a page over a disk is never what was meant; dd is there
		// for the rare case it is.
		return &refusal{fmt.Sprintf("%s is a block device: not writing to it", name), errUnsupported}
	default:
		return &refusal{fmt.Sprintf("%s is not a regular file, directory, device, FIFO or socket: not writing to it", name), errUnsupported}
	}
}

// writeNew creates real, which does not exist yet. The temporary file is
// created with mode 0666 so that the kernel applies the umask, as it would
// to a file the shell creates.
func writeNew(name, real string, data []byte) error {
	return commit(name, real, data, 0o666, func(*os.File) error { return nil })
}

// replace replaces the ordinary file real, keeping its mode, owner and group.
func replace(name, real string, fi fs.FileInfo, data []byte) error {
	if err := mayReplace(real, fi); err != nil {
		if errors.Is(err, errReadOnly) {
			return &refusal{fmt.Sprintf("%s is read-only (mode %04o): not replacing it", name, fi.Mode().Perm()), errReadOnly}
		}
		return fmt.Errorf("writing %s: %w", name, err)
	}
	// 0600 until the final mode is set: a narrower mode must not be widened
	// for a moment.
	return commit(name, real, data, 0o600, func(tmp *os.File) error {
		mode := fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		// The owner goes first: chown clears set-id bits. They are kept
		// only when the owner and group are, as the kernel drops them when
		// someone else writes the file.
		if !keepOwner(tmp, fi) {
			mode &^= fs.ModeSetuid | fs.ModeSetgid
		}
		return tmp.Chmod(mode)
	})
}

// commit writes data to a new temporary file beside real, lets prepare set
// its attributes, syncs it and renames it over real.
func commit(name, real string, data []byte, perm fs.FileMode, prepare func(*os.File) error) (err error) {
	tmp, err := createTemp(real, perm)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("writing %s: %w", name, err)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = prepare(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), real); err != nil {
		return err
	}
	syncDir(filepath.Dir(real))
	return nil
}

// tempPrefix is how temporary files beside the file at path begin; Lock
// removes the ones a killed writer left.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// createTemp creates a new file beside path with the given permissions
// (before the umask), under a name no other file has.
func createTemp(path string, perm fs.FileMode) (*os.File, error) {
	prefix := filepath.Join(filepath.Dir(path), tempPrefix(path))
	for try := 0; ; try++ {
		name := prefix + strconv.FormatUint(uint64(rand.Uint32()), 10)
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, perm)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		return f, err
	}
}

// syncDir makes a rename in dir durable; where directories cannot be synced
// the rename is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// writeStream writes data to a character device or FIFO in place. The file
// is opened without O_CREATE or O_TRUNC, and checked to be the one that was
// examined, so that an ordinary file put there meanwhile is not overwritten
// in place.
func writeStream(name, real string, fi fs.FileInfo, data []byte) error {
	f, err := os.OpenFile(real, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		f.Close()
		return fmt.Errorf("writing %s: it changed while being opened", name)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// writeSocket sends data to the listener of the Unix socket at real.
func writeSocket(name, real string, data []byte) error {
	c, err := net.Dial("unix", real)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := c.Write(data); err != nil {
		c.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := c.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
