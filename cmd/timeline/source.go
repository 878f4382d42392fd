package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"timeline/data"
	"timeline/internal/safefile"
	"timeline/timeline"
)

// builtinPrefix names a dataset that ships inside the binary.
const builtinPrefix = "builtin:"

// source is where a dataset lives: a package directory, a bare CSV file,
// standard input or a built-in dataset.
type source struct {
	arg     string            // the argument as given
	name    string            // the CSV's name in diagnostics
	csvPath string            // file path of the CSV; "" for stdin and built-ins
	pkgPath string            // file path of datapackage.json; "" when there is none
	pkg     *timeline.Package // the descriptor, when there is one
	stdin   io.Reader         // set for "-", until it is read or spooled
	spool   *os.File          // standard input, once copied to a file that can be read again
	off     int64             // where the data starts in the spool
	size    int64             // and its size
	builtin fs.FS             // set for built-ins
	fsPath  string            // the CSV's path inside builtin
	e       *env              // where progress is shown
}

// errNotWritable is returned when a command would write a built-in dataset or
// standard input.
var errNotWritable = errors.New("cannot write to a built-in dataset or standard input")

// resolveSource finds the dataset named by arg. An empty arg means the
// datapackage.json of the current directory, or the built-in sample, which is
// said on stderr.
func resolveSource(arg string, e *env) (*source, error) {
	if arg == "" {
		if _, err := os.Stat("datapackage.json"); err == nil {
			arg = "datapackage.json"
		} else {
			arg = builtinPrefix + data.Default
			fmt.Fprintf(e.stderr, "timeline: no dataset given and no datapackage.json here: using the built-in dataset %s\n", arg)
		}
	}
	switch {
	case arg == "-":
		return &source{arg: arg, name: "<stdin>", stdin: e.stdin, e: e}, nil
	case strings.HasPrefix(arg, builtinPrefix):
		name := strings.TrimPrefix(arg, builtinPrefix)
		sub, err := fs.Sub(data.FS, name)
		if err != nil || name == "" || strings.ContainsAny(name, "/\\.") {
			return nil, fmt.Errorf("%s: no such built-in dataset (have: %s)", arg, strings.Join(builtins(), ", "))
		}
		f, err := sub.Open("datapackage.json")
		if err != nil {
			return nil, fmt.Errorf("%s: no such built-in dataset (have: %s)", arg, strings.Join(builtins(), ", "))
		}
		defer f.Close()
		pkg, err := timeline.ReadPackage(f, arg+"/datapackage.json")
		if err != nil {
			return nil, err
		}
		p := pkg.ResourcePath()
		return &source{arg: arg, name: arg + "/" + p, pkg: pkg, builtin: sub, fsPath: p}, nil
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	pkgPath := ""
	switch {
	case fi.IsDir():
		pkgPath = filepath.Join(arg, "datapackage.json")
		if _, err := os.Stat(pkgPath); err != nil {
			return nil, fmt.Errorf("%s: not a dataset: no datapackage.json in it", arg)
		}
	case filepath.Base(arg) == "datapackage.json" || strings.HasSuffix(arg, ".json"):
		pkgPath = arg
	default:
		return &source{arg: arg, name: arg, csvPath: arg, e: e}, nil
	}
	f, err := os.Open(pkgPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pkg, err := timeline.ReadPackage(f, pkgPath)
	if err != nil {
		return nil, err
	}
	csvPath := filepath.Join(filepath.Dir(pkgPath), filepath.FromSlash(pkg.ResourcePath()))
	if err := insidePackage(pkgPath, csvPath); err != nil {
		return nil, err
	}
	return &source{arg: arg, name: csvPath, csvPath: csvPath, pkgPath: pkgPath, pkg: pkg, e: e}, nil
}

// insidePackage refuses a resource that symbolic links lead out of the
// package directory, so that add does not write, nor render embed, a file
// elsewhere. The package directory is the one holding the descriptor as named
// (itself resolved), even when datapackage.json is a link.
func insidePackage(pkgPath, csvPath string) error {
	dir, err := safefile.Resolve(filepath.Dir(pkgPath))
	if err != nil {
		return err
	}
	real, err := safefile.Resolve(csvPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a missing directory: reading says so
	}
	if err != nil {
		return fmt.Errorf("%s: %w", csvPath, err)
	}
	rel, err := filepath.Rel(dir, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return fmt.Errorf("%s: the resource %s resolves to %s, outside the package directory %s: "+
			"not following it; pass the CSV path directly to use that file", pkgPath, csvPath, real, dir)
	}
	return nil
}

func builtins() []string {
	entries, _ := fs.ReadDir(data.FS, ".")
	var names []string
	for _, d := range entries {
		if d.IsDir() {
			names = append(names, builtinPrefix+d.Name())
		}
	}
	return names
}

// open opens the CSV from its start. Standard input is first copied to
// a temporary file (unless it is a regular file already), so that it can
// be opened again and read twice, as the Scanner reads a file to find the
// ids relative dates refer to: standard input then costs what a file
// costs.
func (s *source) open() (io.ReadCloser, error) {
	switch {
	case s.stdin != nil || s.spool != nil:
		if err := s.spoolStdin(); err != nil {
			return nil, err
		}
		return s.progress(sectionReader{io.NewSectionReader(s.spool, s.off, s.size)}, s.size), nil
	case s.builtin != nil:
		return s.decoded(s.builtin.Open(s.fsPath))
	case s.csvPath != "":
		f, err := os.Open(s.csvPath)
		if err != nil {
			return nil, err
		}
		var size int64
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return s.decoded(s.progress(f, size), nil)
	}
	return nil, errors.New("standard input was already read")
}

// progress shows how much of r (of size bytes, 0 when unknown) has been
// read, on a terminal; see withProgress.
func (s *source) progress(r io.ReadCloser, size int64) io.ReadCloser {
	if s.e == nil {
		return r
	}
	return withProgress(r, s.e, s.name, size)
}

// decoded reads the CSV of a package whose resource declares another
// dialect (delimiter, quote) or encoding as canonical CSV.
func (s *source) decoded(f io.ReadCloser, err error) (io.ReadCloser, error) {
	if err != nil || s.pkg == nil {
		return f, err
	}
	d, err := s.pkg.Dialect()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", s.pkgPath, err)
	}
	if d.IsCanonical() {
		return f, nil
	}
	r, err := timeline.NewDialectReader(f, d)
	if err != nil {
		f.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{r, f}, nil
}

// reopenable reports whether open can be called more than once.
func (s *source) reopenable() bool {
	return s.builtin != nil || s.csvPath != "" || s.stdin != nil || s.spool != nil
}

// sectionReader reads the spool of standard input. It can seek, and so
// be read twice, but it is not closed: other readers share the file.
type sectionReader struct{ *io.SectionReader }

func (sectionReader) Close() error { return nil }

// spoolStdin makes s.spool hold standard input: the file itself when it
// is a regular file, else a copy in the temporary directory, removed at
// once (where the system allows it) so that nothing is left behind.
func (s *source) spoolStdin() error {
	if s.spool != nil {
		return nil
	}
	in := s.stdin
	s.stdin = nil
	if f, ok := in.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			if at, err := f.Seek(0, io.SeekCurrent); err == nil {
				s.spool, s.off, s.size = f, at, fi.Size()-at
				return nil
			}
		}
	}
	f, err := os.CreateTemp("", "timeline-stdin-*.csv")
	if err != nil {
		return fmt.Errorf("copying standard input to a temporary file: %w", err)
	}
	os.Remove(f.Name()) // the open file stays readable; where it cannot be removed, it stays in the temporary directory
	n, err := io.Copy(f, in)
	if err != nil {
		f.Close()
		return fmt.Errorf("copying standard input to a temporary file: %w", err)
	}
	s.spool, s.size = f, n
	return nil
}

func (s *source) writable() bool { return s.csvPath != "" }

// readAll reads the whole CSV.
func (s *source) readAll() ([]byte, error) {
	if in := s.stdin; in != nil {
		s.stdin = nil // read once, into memory: no need for a spool
		return io.ReadAll(in)
	}
	r, err := s.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// readDataset reads the whole dataset, reporting problems to report.
func (s *source) readDataset(report func(timeline.Diagnostic)) (*timeline.Dataset, timeline.Counts, error) {
	r, err := s.open()
	if err != nil {
		return nil, timeline.Counts{}, err
	}
	defer r.Close()
	ds, counts, err := timeline.Read(r, s.name, report)
	if err != nil {
		if errors.Is(err, timeline.ErrNoHeader) {
			return nil, counts, silentError{1}
		}
		return nil, counts, fmt.Errorf("reading %s: %w", s.name, err)
	}
	ds.Package = s.pkg
	return ds, counts, nil
}

// csvFileName is the base name of the CSV, for downloads and messages.
func (s *source) csvFileName() string {
	switch {
	case s.csvPath != "":
		return filepath.Base(s.csvPath)
	case s.fsPath != "":
		return path.Base(s.fsPath)
	}
	return "events.csv"
}
