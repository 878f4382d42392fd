//go:build unix

package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"timeline/internal/safefile/safefiletest"
)

// timelineRun runs the command in-process and returns its exit code and
// standard error.
func timelineRun(t *testing.T, args ...string) (code int, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"timeline"}, args...), strings.NewReader(""), &out, &errb)
	return code, errb.String()
}

// mustRun runs the command and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, stderr := timelineRun(t, args...); code != 0 {
		t.Fatalf("timeline %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
}

// newDataset makes a package in dir with one event.
func newDataset(t *testing.T, dir string) {
	t.Helper()
	mustRun(t, "init", dir)
	mustRun(t, "add", dir, "--start", "2017-04-03", "--title", "First event")
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func fileType(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Type()
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// moveBehindLink moves the file at path to target and leaves a link to it
// at path, written as linkText.
func moveBehindLink(t *testing.T, path, target, linkText string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path, target); err != nil {
		t.Fatal(err)
	}
	symlink(t, linkText, path)
}

// TestRenderOutputKinds: render -o writes through links, streams into
// devices and FIFOs, refuses directories, and leaves each node what it was.
func TestRenderOutputKinds(t *testing.T) {
	root := t.TempDir()
	pkg := filepath.Join(root, "pkg")
	newDataset(t, pkg)

	t.Run("null device", func(t *testing.T) {
		null := safefiletest.NullDevice(t, filepath.Join(root, "null"))
		mustRun(t, "render", pkg, "-o", null)
		if typ := fileType(t, null); typ != fs.ModeDevice|fs.ModeCharDevice {
			t.Errorf("%s is now %v, want a character device", null, typ)
		}
	})
	t.Run("FIFO with a reader", func(t *testing.T) {
		fifo := filepath.Join(root, "fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- err.Error()
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- string(b)
		}()
		mustRun(t, "render", pkg, "-o", fifo)
		// The type first: a reader of a replaced FIFO would wait for ever.
		if typ := fileType(t, fifo); typ != fs.ModeNamedPipe {
			t.Fatalf("%s is now %v, want a FIFO", fifo, typ)
		}
		if page := <-got; !strings.Contains(page, "First event") || !strings.HasSuffix(strings.TrimSpace(page), "</html>") {
			t.Errorf("the reader got %d bytes, not the whole page", len(page))
		}
	})
	t.Run("symbolic link", func(t *testing.T) {
		os.Mkdir(filepath.Join(root, "site"), 0o755)
		target := filepath.Join(root, "site", "index.html")
		os.WriteFile(target, []byte("old page"), 0o644)
		link := filepath.Join(root, "page.html")
		symlink(t, "site/index.html", link)
		mustRun(t, "render", pkg, "-o", link)
		if typ := fileType(t, link); typ != fs.ModeSymlink {
			t.Errorf("%s is now %v, want a link", link, typ)
		}
		if page := readString(t, target); !strings.Contains(page, "First event") {
			t.Errorf("the link's target was not written: %.40q", page)
		}
	})
	t.Run("directory", func(t *testing.T) {
		dir := filepath.Join(root, "out")
		os.Mkdir(dir, 0o755)
		code, stderr := timelineRun(t, "render", pkg, "-o", dir)
		if code != 1 || !strings.Contains(stderr, dir+" is a directory") {
			t.Errorf("render -o DIR: exit %d, stderr %q; want 1 and %q", code, stderr, dir+" is a directory")
		}
		if typ := fileType(t, dir); typ != fs.ModeDir {
			t.Errorf("%s is now %v", dir, typ)
		}
	})
}

// TestWritesThroughLinks: add and fmt on datasets whose files are links
// update the targets and leave the links.
func TestWritesThroughLinks(t *testing.T) {
	unsorted := "id,start,title\nb,2018,Second\na,2017,First\n"
	tests := []struct {
		name string
		// setup makes a dataset in root and returns the argument to name it
		// by, the link and the file behind it.
		setup func(t *testing.T, root string) (arg, link, target string)
		args  []string // the command, the dataset argument is appended
		want  string   // text the target must then hold
	}{
		{
			name: "add, events.csv a link inside the package",
			setup: func(t *testing.T, root string) (string, string, string) {
				pkg := filepath.Join(root, "pkg")
				newDataset(t, pkg)
				link, target := filepath.Join(pkg, "events.csv"), filepath.Join(pkg, "versions", "2017.csv")
				moveBehindLink(t, link, target, "versions/2017.csv")
				return pkg, link, target
			},
			args: []string{"add", "--start", "2018", "--title", "Added through the link"},
			want: "Added through the link",
		},
		{
			name: "fmt, events.csv a link inside the package",
			setup: func(t *testing.T, root string) (string, string, string) {
				pkg := filepath.Join(root, "pkg")
				newDataset(t, pkg)
				link, target := filepath.Join(pkg, "events.csv"), filepath.Join(pkg, "versions", "2017.csv")
				moveBehindLink(t, link, target, "versions/2017.csv")
				os.WriteFile(target, []byte(unsorted), 0o644)
				return pkg, link, target
			},
			args: []string{"fmt"},
			want: "a,2017,,First",
		},
		{
			name: "add, a bare CSV that links elsewhere",
			setup: func(t *testing.T, root string) (string, string, string) {
				os.Mkdir(filepath.Join(root, "store"), 0o755)
				target, link := filepath.Join(root, "store", "real.csv"), filepath.Join(root, "events.csv")
				os.WriteFile(target, []byte(unsorted), 0o644)
				symlink(t, target, link)
				return link, link, target
			},
			args: []string{"add", "--start", "2019", "--title", "Third"},
			want: "Third",
		},
		{
			name: "fmt, a bare CSV that links elsewhere",
			setup: func(t *testing.T, root string) (string, string, string) {
				os.Mkdir(filepath.Join(root, "store"), 0o755)
				target, link := filepath.Join(root, "store", "real.csv"), filepath.Join(root, "events.csv")
				os.WriteFile(target, []byte(unsorted), 0o644)
				symlink(t, "store/real.csv", link)
				return link, link, target
			},
			args: []string{"fmt"},
			want: "a,2017,,First",
		},
		{
			name: "add --set, datapackage.json a link",
			setup: func(t *testing.T, root string) (string, string, string) {
				pkg := filepath.Join(root, "pkg")
				newDataset(t, pkg)
				link, target := filepath.Join(pkg, "datapackage.json"), filepath.Join(root, "descriptors", "pkg.json")
				moveBehindLink(t, link, target, "../descriptors/pkg.json")
				return pkg, link, target
			},
			args: []string{"add", "--start", "2018", "--title", "With a new column", "--set", "fatalities=3"},
			want: `"fatalities"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arg, link, target := tt.setup(t, t.TempDir())
			mustRun(t, append(tt.args, arg)...)
			if typ := fileType(t, link); typ != fs.ModeSymlink {
				t.Errorf("%s is now %v, want a link", link, typ)
			}
			if got := readString(t, target); !strings.Contains(got, tt.want) {
				t.Errorf("%s does not hold %q:\n%s", target, tt.want, got)
			}
		})
	}
}

// TestAddKeepsModeAndOwner: the rewritten events.csv has the old file's
// mode and, when the test may give it away, its owner.
func TestAddKeepsModeAndOwner(t *testing.T) {
	pkg := t.TempDir()
	newDataset(t, pkg)
	csv := filepath.Join(pkg, "events.csv")
	if err := os.Chmod(csv, 0o640); err != nil {
		t.Fatal(err)
	}
	root := os.Geteuid() == 0
	if root {
		if err := os.Chown(csv, 1000, 1000); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, "add", pkg, "--start", "2018", "--title", "Second event")
	fi, err := os.Stat(csv)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode() != 0o640 {
		t.Errorf("events.csv has mode %v after add, want %v", fi.Mode(), fs.FileMode(0o640))
	}
	if st := fi.Sys().(*syscall.Stat_t); root && (st.Uid != 1000 || st.Gid != 1000) {
		t.Errorf("events.csv belongs to %d:%d after add, want 1000:1000", st.Uid, st.Gid)
	}
	if !strings.Contains(readString(t, csv), "Second event") {
		t.Error("the event was not added")
	}
}

// TestAddRefusesReadOnly: a 0444 events.csv is left as it is.
func TestAddRefusesReadOnly(t *testing.T) {
	pkg := t.TempDir()
	newDataset(t, pkg)
	csv := filepath.Join(pkg, "events.csv")
	if err := os.Chmod(csv, 0o444); err != nil {
		t.Fatal(err)
	}
	before := readString(t, csv)
	code, stderr := timelineRun(t, "add", pkg, "--start", "2018", "--title", "Second event")
	if want := "events.csv is read-only (mode 0444): not replacing it"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("add to a read-only file: exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
	if after := readString(t, csv); after != before {
		t.Errorf("the read-only file changed:\n%s", after)
	}
}

// TestResourceOutsidePackage: a resource that links lead out of the package
// is neither written by add nor embedded by render, and the message names
// both paths.
func TestResourceOutsidePackage(t *testing.T) {
	tests := []struct {
		name string
		// setup makes pkg, whose resource leads to outside.
		setup func(t *testing.T, pkg, outside string)
	}{
		{
			name: "through a linked directory",
			setup: func(t *testing.T, pkg, outside string) {
				desc := filepath.Join(pkg, "datapackage.json")
				b := strings.Replace(readString(t, desc), `"path": "events.csv"`, `"path": "data/events.csv"`, 1)
				if err := os.WriteFile(desc, []byte(b), 0o644); err != nil {
					t.Fatal(err)
				}
				os.Remove(filepath.Join(pkg, "events.csv"))
				symlink(t, filepath.Dir(outside), filepath.Join(pkg, "data"))
			},
		},
		{
			name: "through a linked file",
			setup: func(t *testing.T, pkg, outside string) {
				os.Remove(filepath.Join(pkg, "events.csv"))
				symlink(t, "../elsewhere/events.csv", filepath.Join(pkg, "events.csv"))
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			pkg, outside := filepath.Join(root, "pkg"), filepath.Join(root, "elsewhere", "events.csv")
			newDataset(t, pkg)
			os.Mkdir(filepath.Dir(outside), 0o755)
			secret := "id,start,title\nsecret,2017,Not part of the package\n"
			os.WriteFile(outside, []byte(secret), 0o644)
			tt.setup(t, pkg, outside)
			page := filepath.Join(root, "page.html")
			for _, args := range [][]string{
				{"add", pkg, "--start", "2018", "--title", "Escaped"},
				{"render", pkg, "-o", page},
			} {
				code, stderr := timelineRun(t, args...)
				if code != 1 || !strings.Contains(stderr, "outside the package directory") ||
					!strings.Contains(stderr, outside) || !strings.Contains(stderr, "pass the CSV path directly") {
					t.Errorf("%s: exit %d, stderr %q; want 1 and a refusal naming %s", args[0], code, stderr, outside)
				}
			}
			if got := readString(t, outside); got != secret {
				t.Errorf("add wrote outside the package:\n%s", got)
			}
			if _, err := os.Stat(page); err == nil {
				t.Errorf("render wrote a page from outside the package")
			}
		})
	}
}
