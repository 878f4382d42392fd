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
	stdin   io.Reader         // set for "-"
	builtin fs.FS             // set for built-ins
	fsPath  string            // the CSV's path inside builtin
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
		return &source{arg: arg, name: "<stdin>", stdin: e.stdin}, nil
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
		return &source{arg: arg, name: arg, csvPath: arg}, nil
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
	return &source{arg: arg, name: csvPath, csvPath: csvPath, pkgPath: pkgPath, pkg: pkg}, nil
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

// open opens the CSV from its start. Standard input can be opened once.
func (s *source) open() (io.ReadCloser, error) {
	switch {
	case s.stdin != nil:
		r := s.stdin
		s.stdin = nil
		if r == nil {
			return nil, errors.New("standard input was already read")
		}
		return io.NopCloser(r), nil
	case s.builtin != nil:
		return s.builtin.Open(s.fsPath)
	case s.csvPath != "":
		return os.Open(s.csvPath)
	}
	return nil, errors.New("standard input was already read")
}

// reopenable reports whether open can be called more than once.
func (s *source) reopenable() bool { return s.builtin != nil || s.csvPath != "" }

func (s *source) writable() bool { return s.csvPath != "" }

// readAll reads the whole CSV.
func (s *source) readAll() ([]byte, error) {
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
