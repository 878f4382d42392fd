//go:build unix

package safefile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"timeline/internal/safefile/safefiletest"
)

// dirNames lists dir, to show that no temporary file was left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func mustWrite(t *testing.T, path, content string, perm fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil { // past the umask
		t.Fatal(err)
	}
}

func mustLink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func withUmask(t *testing.T, mask int) {
	t.Helper()
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

// TestWriteFileRegular covers new and existing ordinary files, through
// links or not: the data lands in the right file, links stay links, modes
// are kept or follow the umask, and no temporary file is left.
func TestWriteFileRegular(t *testing.T) {
	withUmask(t, 0o027)
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) // makes the tree; the file written is dir/"out"
		want  string                         // the file that must hold the data, relative to dir
		mode  fs.FileMode                    // the mode it must have
		links []string                       // paths, relative to dir, that must still be links
	}{
		{
			name:  "new file honours the umask",
			setup: func(*testing.T, string) {},
			want:  "out", mode: 0o640,
		},
		{
			name:  "existing mode kept",
			setup: func(t *testing.T, dir string) { mustWrite(t, filepath.Join(dir, "out"), "old", 0o604) },
			want:  "out", mode: 0o604,
		},
		{
			name: "set-id and sticky bits kept with the owner",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, "out"), "old", 0o755|fs.ModeSetgid|fs.ModeSticky)
			},
			want: "out", mode: 0o755 | fs.ModeSetgid | fs.ModeSticky,
		},
		{
			name: "relative symlink",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, "target"), "old", 0o600)
				mustLink(t, "target", filepath.Join(dir, "out"))
			},
			want: "target", mode: 0o600, links: []string{"out"},
		},
		{
			name: "absolute symlink into another directory",
			setup: func(t *testing.T, dir string) {
				os.Mkdir(filepath.Join(dir, "sub"), 0o755)
				mustWrite(t, filepath.Join(dir, "sub", "target"), "old", 0o644)
				mustLink(t, filepath.Join(dir, "sub", "target"), filepath.Join(dir, "out"))
			},
			want: "sub/target", mode: 0o644, links: []string{"out"},
		},
		{
			name: "chain of links",
			setup: func(t *testing.T, dir string) {
				os.Mkdir(filepath.Join(dir, "sub"), 0o755)
				mustWrite(t, filepath.Join(dir, "sub", "target"), "old", 0o644)
				mustLink(t, "target", filepath.Join(dir, "sub", "l2"))
				mustLink(t, "sub/l2", filepath.Join(dir, "l1"))
				mustLink(t, filepath.Join(dir, "l1"), filepath.Join(dir, "out"))
			},
			want: "sub/target", mode: 0o644, links: []string{"out", "l1", "sub/l2"},
		},
		{
			name: "dangling link creates its target",
			setup: func(t *testing.T, dir string) {
				os.Mkdir(filepath.Join(dir, "sub"), 0o755)
				mustLink(t, "sub/missing", filepath.Join(dir, "out"))
			},
			want: "sub/missing", mode: 0o640, links: []string{"out"},
		},
		{
			name: "relative link in a linked directory is read from the real directory",
			setup: func(t *testing.T, dir string) {
				// out -> d/l, d -> x/y, x/y/l -> ../f: the file is x/f.
				os.MkdirAll(filepath.Join(dir, "x", "y"), 0o755)
				mustWrite(t, filepath.Join(dir, "x", "f"), "old", 0o644)
				mustLink(t, "../f", filepath.Join(dir, "x", "y", "l"))
				mustLink(t, "x/y", filepath.Join(dir, "d"))
				mustLink(t, "d/l", filepath.Join(dir, "out"))
			},
			want: "x/f", mode: 0o644, links: []string{"out", "d", "x/y/l"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			before := dirNames(t, dir)
			if !slices.Contains(before, "out") {
				before = append(before, "out")
				slices.Sort(before)
			}
			data := []byte("new content\n")
			if err := WriteFile(filepath.Join(dir, "out"), data); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dir, tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("%s holds %q, want %q", tt.want, got, data)
			}
			fi, err := os.Lstat(filepath.Join(dir, tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if !fi.Mode().IsRegular() || fi.Mode()&^fs.ModeType != tt.mode {
				t.Errorf("%s has mode %v, want %v", tt.want, fi.Mode(), tt.mode)
			}
			for _, l := range tt.links {
				fi, err := os.Lstat(filepath.Join(dir, l))
				if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
					t.Errorf("%s is no longer a link (%v, %v)", l, fi.Mode(), err)
				}
			}
			if after := dirNames(t, dir); !slices.Equal(after, before) {
				t.Errorf("directory holds %q, want %q", after, before)
			}
		})
	}
}

// TestWriteFileKeepsOwner needs root: the file belongs to someone else, and
// must still after a write.
func TestWriteFileKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file away")
	}
	path := filepath.Join(t.TempDir(), "out")
	mustWrite(t, path, "old", 0o640|fs.ModeSetuid)
	if err := os.Chown(path, 1000, 1000); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640|fs.ModeSetuid); err != nil { // chown cleared it
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 1000 || st.Gid != 1000 {
		t.Errorf("owner %d:%d after the write, want 1000:1000", st.Uid, st.Gid)
	}
	if fi.Mode() != 0o640|fs.ModeSetuid {
		t.Errorf("mode %v after the write, want %v", fi.Mode(), 0o640|fs.ModeSetuid)
	}
}

// TestWriteFileRefuses covers what must not be written: the error names the
// path and what it is, and the thing is left as it was.
func TestWriteFileRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		kind  error
		msg   string
		check func(t *testing.T, path string)
	}{
		{
			name:  "read-only file",
			setup: func(t *testing.T, path string) { mustWrite(t, path, "old", 0o444) },
			kind:  errReadOnly,
			msg:   "is read-only (mode 0444): not replacing it",
			check: func(t *testing.T, path string) {
				if b, _ := os.ReadFile(path); string(b) != "old" {
					t.Errorf("read-only file now holds %q", b)
				}
			},
		},
		{
			name: "read-only file behind a link",
			setup: func(t *testing.T, path string) {
				mustWrite(t, path+".real", "old", 0o444)
				mustLink(t, filepath.Base(path)+".real", path)
			},
			kind: errReadOnly,
			msg:  "(a link to ",
			check: func(t *testing.T, path string) {
				if b, _ := os.ReadFile(path + ".real"); string(b) != "old" {
					t.Errorf("read-only file now holds %q", b)
				}
			},
		},
		{
			name:  "directory",
			setup: func(t *testing.T, path string) { os.Mkdir(path, 0o755) },
			kind:  errIsDir,
			msg:   "out is a directory",
			check: func(t *testing.T, path string) {
				if fi, err := os.Lstat(path); err != nil || !fi.IsDir() {
					t.Errorf("directory is gone: %v", err)
				}
			},
		},
		{
			name: "block device",
			setup: func(t *testing.T, path string) {
				// 7:0 is loop0; the node is never opened.
				if err := syscall.Mknod(path, syscall.S_IFBLK|0o600, 7<<8); err != nil {
					t.Skipf("cannot make a block device here: %v", err)
				}
			},
			kind: errUnsupported,
			msg:  "out is a block device: not writing to it",
			check: func(t *testing.T, path string) {
				if fi, err := os.Lstat(path); err != nil || fi.Mode()&fs.ModeDevice == 0 || fi.Mode()&fs.ModeCharDevice != 0 {
					t.Errorf("block device is gone: %v %v", fi.Mode(), err)
				}
			},
		},
		{
			name: "link loop",
			setup: func(t *testing.T, path string) {
				mustLink(t, "b", path)
				mustLink(t, "out", filepath.Join(filepath.Dir(path), "b"))
			},
			kind: errLinkLoop,
			msg:  "too many levels of symbolic links",
			check: func(t *testing.T, path string) {
				if fi, err := os.Lstat(path); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
					t.Errorf("link is gone: %v", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out")
			tt.setup(t, path)
			before := dirNames(t, dir)
			err := WriteFile(path, []byte("new"))
			if !errors.Is(err, tt.kind) {
				t.Fatalf("WriteFile: %v, want %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.Contains(err.Error(), path) {
				t.Errorf("message %q does not name %s and say %q", err, path, tt.msg)
			}
			tt.check(t, path)
			if after := dirNames(t, dir); !slices.Equal(after, before) {
				t.Errorf("directory holds %q, want %q", after, before)
			}
		})
	}
}

// TestWriteFileStreams covers what is written to in place: the receiver
// gets every byte and the node keeps its type.
func TestWriteFileStreams(t *testing.T) {
	// Large enough not to fit a pipe or socket buffer at once.
	data := bytes.Repeat([]byte("0123456789abcdef"), 64<<10)
	tests := []struct {
		name string
		// open makes the node at path (or returns another) and starts
		// whatever receives; received yields what it got.
		open func(t *testing.T, path string) (target string, received func() []byte)
		kind fs.FileMode
	}{
		{
			name: "FIFO with a reader",
			open: func(t *testing.T, path string) (string, func() []byte) {
				if err := syscall.Mkfifo(path, 0o600); err != nil {
					t.Fatal(err)
				}
				return path, safefiletest.ReadFIFO(path)
			},
			kind: fs.ModeNamedPipe,
		},
		{
			name: "FIFO through a link",
			open: func(t *testing.T, path string) (string, func() []byte) {
				fifo := path + ".fifo"
				if err := syscall.Mkfifo(fifo, 0o600); err != nil {
					t.Fatal(err)
				}
				mustLink(t, filepath.Base(fifo), path)
				return path, safefiletest.ReadFIFO(fifo)
			},
			kind: fs.ModeSymlink,
		},
		{
			name: "null device",
			open: func(t *testing.T, path string) (string, func() []byte) {
				return safefiletest.NullDevice(t, path), nil
			},
			kind: fs.ModeDevice | fs.ModeCharDevice,
		},
		{
			name: "unix socket with a listener",
			open: func(t *testing.T, path string) (string, func() []byte) {
				// A socket path must be short: t.TempDir's may not be.
				dir, err := os.MkdirTemp("", "sf")
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.RemoveAll(dir) })
				sock := filepath.Join(dir, "s")
				l, err := net.Listen("unix", sock)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { l.Close() })
				got := make(chan []byte, 1)
				go func() {
					c, err := l.Accept()
					if err != nil {
						got <- nil
						return
					}
					defer c.Close()
					b, _ := io.ReadAll(c)
					got <- b
				}()
				return sock, func() []byte { return <-got }
			},
			kind: fs.ModeSocket,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, received := tt.open(t, filepath.Join(t.TempDir(), "out"))
			if err := WriteFile(path, data); err != nil {
				t.Fatal(err)
			}
			// The type first: a receiver whose node was replaced would wait
			// for ever.
			fi, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Type() != tt.kind {
				t.Fatalf("%s is now %v, want type %v", path, fi.Mode().Type(), tt.kind)
			}
			if received != nil {
				if got := received(); !bytes.Equal(got, data) {
					t.Errorf("receiver got %d bytes, want %d", len(got), len(data))
				}
			}
		})
	}
}

func TestResolve(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "real", "sub"), 0o755)
	mustWrite(t, filepath.Join(dir, "real", "sub", "f"), "", 0o644)
	mustLink(t, "real", filepath.Join(dir, "ld"))
	mustLink(t, "sub/f", filepath.Join(dir, "real", "lf"))
	mustLink(t, "nowhere", filepath.Join(dir, "dangling"))
	tests := []struct{ in, want string }{
		{"real/sub/f", "real/sub/f"},
		{"ld/sub/f", "real/sub/f"},
		{"ld/lf", "real/sub/f"},
		{"ld/sub/new", "real/sub/new"},
		{"dangling", "nowhere"},
	}
	for _, tt := range tests {
		got, err := Resolve(filepath.Join(dir, tt.in))
		if want := filepath.Join(dir, tt.want); err != nil || got != want {
			t.Errorf("Resolve(%s) = %s, %v; want %s", tt.in, got, err, want)
		}
	}
	if _, err := Resolve(filepath.Join(dir, "missing", "f")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Resolve in a missing directory: %v, want not exist", err)
	}
}
