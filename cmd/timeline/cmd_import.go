package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"timeline/formats"
	"timeline/timeline"
)

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "read other formats' event files into a dataset",
		ArgsUsage: "[FORMAT] FILE...",
		Description: `Reads each FILE, maps its records onto the dataset's columns, checks them as
'timeline validate' does and writes a new Data Package (-o DIR) or adds them to
one (--into DATASET). FORMAT is detected from each file's name and content when
it is not given. Records that carry a source id (ACLED's event_id_cnty, UCDP's
id, a TimelineJS unique_id, a Wikidata item) are kept in the source_id column,
so that importing an updated export updates those events; --prune removes the
ones the new export no longer has. Every record left out is listed on standard
error as FILE:LINE: reason, and then the exit status is 1.

Formats: ` + strings.Join(formats.Names(formats.Importers()), ", ") + `.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "into", Usage: "add to this existing dataset"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write a new Data Package in this directory"},
			&cli.StringFlag{Name: "title", Usage: "the new dataset's title (default: the file's own, or its name)"},
			&cli.BoolFlag{Name: "prune", Usage: "remove events of the same source that the files no longer have"},
			&cli.GenericFlag{Name: "map", Value: &listFlag{}, Usage: "COLUMN=SOURCE_COLUMN[,SOURCE_COLUMN…] (generic csv; repeatable)"},
			&cli.StringFlag{Name: "date-format", Usage: "layout of the source's dates, Go style (2006-01-02) or strftime (%d/%m/%Y)"},
			&cli.StringFlag{Name: "delimiter", Usage: "cell separator of a generic csv: , ; | tab"},
			&cli.StringFlag{Name: "encoding", Usage: "text encoding of the source: utf-8, windows-1252, iso-8859-1, utf-16"},
			&cli.BoolFlag{Name: "trust-days", Usage: "Wikidata: keep day precision of YYYY-01-01 dates given without a precision"},
		},
		Action: func(c *cli.Context) error {
			o, err := importOptionsFrom(c)
			if err != nil {
				return err
			}
			return importFiles(o, e)
		},
	}
}

// importOptions are the flags and arguments of timeline import.
type importOptions struct {
	format string // "" to detect
	files  []string
	into   string
	output string
	title  string
	prune  bool
	opt    formats.ImportOptions
}

func importOptionsFrom(c *cli.Context) (importOptions, error) {
	o := importOptions{into: c.String("into"), output: c.String("output"), title: c.String("title"), prune: c.Bool("prune")}
	args := c.Args().Slice()
	if len(args) > 0 {
		if _, ok := formats.ImporterByName(args[0]); ok {
			if _, err := os.Stat(args[0]); err != nil || len(args) > 1 {
				o.format, args = args[0], args[1:]
			}
		} else if len(args) > 1 {
			if _, err := os.Stat(args[0]); err != nil {
				names := formats.Names(formats.Importers())
				msg := fmt.Sprintf("unknown format %q", args[0])
				if s := suggest(args[0], names); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				} else {
					msg += ": want " + orList(names)
				}
				return o, usageError{err: errors.New(msg)}
			}
		}
	}
	o.files = args
	switch {
	case len(o.files) == 0:
		return o, usagef("needs a FILE to import")
	case o.into == "" && o.output == "":
		return o, usagef("needs --into DATASET (add to a dataset) or -o DIR (write a new one)")
	case o.into != "" && o.output != "":
		return o, usagef("takes --into or -o, not both")
	case o.prune && o.into == "":
		return o, usagef("--prune needs --into DATASET")
	}
	for _, f := range o.files {
		if f == "-" && o.format == "" {
			return o, usagef("standard input needs its FORMAT: timeline import FORMAT - …")
		}
	}
	for _, kv := range *c.Generic("map").(*listFlag) {
		col, from, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(col) == "" || strings.TrimSpace(from) == "" {
			return o, usagef("--map %q: want COLUMN=SOURCE_COLUMN", kv)
		}
		if o.opt.Map == nil {
			o.opt.Map = map[string]string{}
		}
		o.opt.Map[strings.TrimSpace(col)] = strings.TrimSpace(from)
	}
	o.opt.DateFormat = c.String("date-format")
	if d := c.String("delimiter"); d != "" {
		switch strings.ToLower(d) {
		case "tab", `\t`:
			o.opt.Delimiter = '\t'
		default:
			r, n := utf8.DecodeRuneInString(d)
			if n != len(d) || r == '"' || r == '\n' || r == '\r' {
				return o, usagef("--delimiter %q: want one character (or tab)", d)
			}
			o.opt.Delimiter = r
		}
	}
	o.opt.Encoding = c.String("encoding")
	o.opt.TrustDays = c.Bool("trust-days")
	return o, nil
}

func importFiles(o importOptions, e *env) error {
	if o.output != "" {
		return importNew(o, e)
	}
	var imports []*formats.Collector
	for _, file := range o.files {
		var col *formats.Collector
		err := importFile(file, o, e, func(name, format string) formats.ImportSink {
			col = formats.NewCollector(name, format)
			return col
		})
		if err != nil {
			return err
		}
		imports = append(imports, col)
	}
	return importInto(o, imports, e)
}

// importFile reads one file with its format, given or detected, into the
// sink that sinkFor returns for the file's name and format.
func importFile(file string, o importOptions, e *env, sinkFor func(name, format string) formats.ImportSink) error {
	var r io.Reader
	name := file
	if file == "-" {
		r, name = e.stdin, "<stdin>"
	} else {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return fmt.Errorf("%s: is a directory: want a file to import", file)
		}
		r = f
	}
	var im formats.Importer
	if o.format != "" {
		im, _ = formats.ImporterByName(o.format)
	} else {
		head := make([]byte, formats.DetectSize)
		n, err := io.ReadFull(r, head)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		head = head[:n]
		found, ok := formats.Detect(file, head)
		if !ok {
			return fmt.Errorf("%s: not a format timeline import knows (%s); %s; if it is one of them, name it: timeline import FORMAT %s",
				name, strings.Join(formats.Names(formats.Importers()), ", "), looksLike(head), file)
		}
		im = found
		fmt.Fprintf(e.stderr, "timeline: %s: reading as %s\n", name, im.Name())
		r = io.MultiReader(bytes.NewReader(head), r)
	}
	if err := im.Import(r, name, o.opt, sinkFor(name, im.Name())); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// looksLike says what a file that no format recognised seems to be.
func looksLike(head []byte) string {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(t) == 0:
		return "it is empty"
	case t[0] == '{' || t[0] == '[':
		return "it is JSON of another shape"
	case bytes.HasPrefix(t, []byte("PK\x03\x04")):
		return "it is a ZIP archive"
	case !utf8.Valid(head[:len(head)-min(len(head), 3)]):
		return "it is not UTF-8 text (give --encoding for a CSV)"
	}
	line, _, _ := bytes.Cut(t, []byte("\n"))
	if len(line) > 80 {
		line = append(line[:77:77], "..."...)
	}
	return fmt.Sprintf("its first line is %q (a CSV needs its columns named with --map: timeline import csv FILE --map start=COLUMN --map title=COLUMN)", strings.TrimSpace(string(line)))
}

// importNew writes the imported events as a new Data Package in o.output.
// The records are spooled to a temporary file as they are read and the
// table is written from it, so that memory does not grow with the rows'
// text: a million GDELT rows import in bounded memory.
func importNew(o importOptions, e *env) error {
	dir := o.output
	pkgPath := filepath.Join(dir, "datapackage.json")
	csvPath := filepath.Join(dir, timeline.DefaultResourcePath)
	for _, p := range []string{pkgPath, csvPath} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("%s already exists: not overwriting it (add to it with --into %s)", p, dir)
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	made := false
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		made = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok && made {
			os.Remove(dir) // only if still empty
		}
	}()
	// The lock keeps two imports into the same new directory from
	// overwriting each other, and clears what a killed one left.
	unlock, err := lockDataset(csvPath)
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := os.Stat(csvPath); err == nil {
		return fmt.Errorf("%s already exists: not overwriting it (add to it with --into %s)", csvPath, dir)
	}
	spool, err := os.CreateTemp(dir, ".events.csv.tmp-spool-*") // a name Lock clears, if a run is killed
	if err != nil {
		return err
	}
	defer func() { spool.Close(); os.Remove(spool.Name()) }()
	// Spooling and checking hold a few dozen bytes a row (hashes of ids,
	// lines); a soft limit makes the collector run before the heap doubles
	// past that, unless the user chose a limit (GOMEMLIMIT).
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	st := formats.NewStream(spool)
	var files []*formats.Collector // names and formats, for the sources
	for _, file := range o.files {
		err := importFile(file, o, e, func(name, format string) formats.ImportSink {
			st.Begin(name, format)
			files = append(files, &formats.Collector{File: name, Format: format})
			return st
		})
		if err != nil {
			return err
		}
	}
	if err := st.Flush(); err != nil {
		return err
	}
	st.Release()
	debug.FreeOSMemory() // what the spooling used, before the table is checked
	var table *os.File
	defer func() {
		if table != nil {
			table.Close()
			os.Remove(table.Name())
		}
	}()
	drop := map[int]bool{}
	dropped := map[int]string{}
	var events int
	for {
		if table != nil {
			table.Close()
			os.Remove(table.Name())
		}
		if table, err = createTempLike(csvPath); err != nil {
			return err
		}
		if _, err := spool.Seek(0, io.SeekStart); err != nil {
			return err
		}
		rowLines, err := st.WriteTable(spool, table, drop)
		if err != nil {
			return err
		}
		if _, err := table.Seek(0, io.SeekStart); err != nil {
			return err
		}
		failed, n, err := st.Check(table, rowLines)
		if err != nil {
			return fmt.Errorf("checking the imported events: %w", err)
		}
		if len(failed) == 0 {
			events = n
			break
		}
		for i, why := range failed {
			drop[i], dropped[i] = true, why
		}
	}
	res := st.Result(dropped, events)
	printNotes(res, e)
	if res.Read > 0 && res.Added == 0 {
		fmt.Fprintf(e.stderr, "timeline: no record could be imported (%s read); nothing written\n", plural(res.Read, "record"))
		return silentError{1}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	title, desc := o.title, ""
	var sources []timeline.Source
	var licenses []timeline.License
	if m := st.Info(); m != nil {
		if title == "" {
			title = m.Title
		}
		desc = m.Description
		sources, licenses = m.Sources, m.Licenses
	}
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(files[0].File), filepath.Ext(files[0].File))
	}
	pkg := timeline.NewPackage(timeline.Slug(filepath.Base(abs)), title)
	pkg.SetDescription(desc)
	pkg.SetSources(addFileSources(sources, files))
	// The source's terms are its own: no licence is claimed for it.
	pkg.SetLicenses(licenses)
	pkg.SyncSchema(res.Header)
	pkg.SetColumnTypes(st.Types())
	var pb bytes.Buffer
	if err := pkg.Write(&pb); err != nil {
		return err
	}
	if err := table.Sync(); err != nil {
		return err
	}
	if err := table.Close(); err != nil {
		return err
	}
	if err := os.Rename(table.Name(), csvPath); err != nil {
		return err
	}
	table = nil
	if err := writeFileAtomic(pkgPath, pb.Bytes()); err != nil {
		return err
	}
	ok = true
	return importReport(res, dir, e)
}

// importMemoryLimit is the soft memory limit of checking a new table.
const importMemoryLimit = 120 << 20

// createTempLike creates a temporary file beside path, named as
// safefile's temporary files are (so that a writer killed half way leaves
// nothing the next writer does not remove), with the mode a new file gets
// under the umask.
func createTempLike(path string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("%s: cannot create a temporary file beside it", path)
}

// addFileSources adds each imported file to sources, once.
func addFileSources(sources []timeline.Source, imports []*formats.Collector) []timeline.Source {
	for _, im := range imports {
		s := timeline.Source{Title: filepath.Base(im.File) + " (imported as " + im.Format + ")"}
		if !slices.Contains(sources, s) {
			sources = append(sources, s)
		}
	}
	return sources
}

// importInto adds the imported events to an existing dataset, holding its
// lock from reading it to writing it.
func importInto(o importOptions, imports []*formats.Collector, e *env) error {
	src, err := resolveSource(o.into, e)
	if err != nil {
		return err
	}
	if !src.writable() {
		return fmt.Errorf("%s: %w", src.arg, errNotWritable)
	}
	unlock, err := lockDataset(src.csvPath)
	if err != nil {
		return err
	}
	defer unlock()
	var diags []timeline.Diagnostic
	base, counts, err := src.readDataset(func(d timeline.Diagnostic) {
		if d.Severity == timeline.Error {
			diags = append(diags, d)
		}
	})
	if err != nil {
		var se silentError
		if errors.As(err, &se) {
			return fmt.Errorf("%s: no header line: run 'timeline validate %s' for details", src.name, src.arg)
		}
		return err
	}
	if counts.Errors > 0 {
		return fmt.Errorf("%s has %s (the first: %v); fix them before importing into it: run 'timeline validate %s'",
			src.name, plural(counts.Errors, "error"), diags[0], src.arg)
	}
	res, err := formats.Merge(base, imports, formats.MergeOptions{Prune: o.prune})
	if err != nil {
		return fmt.Errorf("%s: %w", src.name, err)
	}
	printNotes(res, e)
	if res.Added+res.Updated+len(res.Pruned) > 0 {
		data := res.Data
		if d, _ := src.pkg.Dialect(); !d.IsCanonical() {
			// Written back in the package's own dialect and encoding.
			ds, _, err := timeline.Read(bytes.NewReader(res.Data), src.name, nil)
			if err != nil {
				return err
			}
			ds.Package = src.pkg
			var b bytes.Buffer
			if err := ds.Write(&b); err != nil {
				return fmt.Errorf("%s: %w", src.name, err)
			}
			data = b.Bytes()
		}
		if err := writeFileAtomic(src.csvPath, data); err != nil {
			return err
		}
		if src.pkg != nil {
			src.pkg.SyncSchema(res.Header)
			if ds, _, err := timeline.Read(bytes.NewReader(res.Data), src.name, nil); err == nil {
				src.pkg.TypeExtraColumns(ds)
			}
			src.pkg.SetSources(addFileSources(src.pkg.Sources(), imports))
			var pb bytes.Buffer
			if err := src.pkg.Write(&pb); err != nil {
				return err
			}
			if err := writeFileAtomic(src.pkgPath, pb.Bytes()); err != nil {
				return err
			}
		}
	}
	return importReport(res, src.arg, e)
}

// printNotes lists the skipped records and the warnings on standard error.
func printNotes(res *formats.MergeResult, e *env) {
	for _, n := range res.Warnings {
		fmt.Fprintf(e.stderr, "%s: %s\n", n.File+lineSuffix(n.Line), "warning: "+n.Reason)
	}
	for _, n := range res.Skipped {
		fmt.Fprintf(e.stderr, "%s: skipped: %s\n", n.File+lineSuffix(n.Line), n.Reason)
	}
}

func lineSuffix(line int) string {
	if line <= 0 {
		return ""
	}
	return fmt.Sprintf(":%d", line)
}

// importReport prints what the import did; skipped records make the exit
// status 1, as rows with errors do for the other commands.
func importReport(res *formats.MergeResult, where string, e *env) error {
	fmt.Fprintf(e.stdout, "%s read; %s: %d added, %d updated, %d unchanged, %d removed, %d skipped; %s now has %s\n",
		plural(res.Read, "record"), where, res.Added, res.Updated, res.Unchanged, len(res.Pruned), len(res.Skipped),
		where, plural(res.Events, "event"))
	if len(res.Pruned) > 0 {
		fmt.Fprintf(e.stderr, "timeline: removed (no longer in the source): %s\n", idList(res.Pruned, 20))
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(e.stderr, "timeline: %s skipped (listed above)\n", plural(len(res.Skipped), "record"))
		return silentError{1}
	}
	return nil
}

// idList joins ids, the first n of them, saying how many more there are.
func idList(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:n], ", ") + fmt.Sprintf(" and %d more", len(ids)-n)
}

// listFlag is a repeatable flag whose values may hold commas (urfave/cli's
// StringSliceFlag splits them).
type listFlag []string

func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func (l *listFlag) String() string { return strings.Join(*l, " ") }
