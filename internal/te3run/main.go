// Command te3run measures timeline extract's tagger on the TempEval-3
// training corpus (TimeBank and AQUAINT, TimeML gold) with the scorer in
// ../shared/te3/score.
//
//	te3run split CORPUS OUTDIR   put each .tml of CORPUS (searched recursively) in OUTDIR/dev or OUTDIR/heldout (symlinks)
//	te3run tag TEXTDIR           tag every DOC.txt of TEXTDIR with its date from TEXTDIR/dct.tsv; JSON lines on stdout
//
// The held-out part is every document whose id (file name without .tml)
// has an FNV-1a 32-bit hash divisible by 5: about a fifth of the corpus,
// fixed, and never looked at while writing the rules.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"timeline/timeline/textdate"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "te3run:", err)
		os.Exit(1)
	}
}

// HeldOut reports whether the document id belongs to the held-out part.
func HeldOut(id string) bool {
	h := fnv.New32a()
	io.WriteString(h, id)
	return h.Sum32()%5 == 0
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: te3run split CORPUS OUTDIR | te3run tag TEXTDIR")
	}
	switch args[0] {
	case "split":
		if len(args) != 3 {
			return errors.New("usage: te3run split CORPUS OUTDIR")
		}
		return split(args[1], args[2], stdout)
	case "tag":
		if len(args) != 2 {
			return errors.New("usage: te3run tag TEXTDIR")
		}
		return tag(args[1], stdout)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

func split(corpus, out string, stdout io.Writer) error {
	abs, err := filepath.Abs(corpus)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, part := range []string{"dev", "heldout"} {
		if err := os.MkdirAll(filepath.Join(out, part), 0o755); err != nil {
			return err
		}
	}
	err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tml") {
			return err
		}
		part := "dev"
		if HeldOut(strings.TrimSuffix(d.Name(), ".tml")) {
			part = "heldout"
		}
		counts[part]++
		link := filepath.Join(out, part, d.Name())
		os.Remove(link)
		return os.Symlink(path, link)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "dev %d documents, heldout %d documents\n", counts["dev"], counts["heldout"])
	return nil
}

func tag(dir string, stdout io.Writer) error {
	raw, err := os.ReadFile(filepath.Join(dir, "dct.tsv"))
	if err != nil {
		return err
	}
	dcts := map[string]string{}
	var ids []string
	for _, line := range strings.Split(string(raw), "\n") {
		id, dct, ok := strings.Cut(strings.TrimRight(line, "\r"), "\t")
		if !ok {
			continue
		}
		dcts[id] = dct
		ids = append(ids, id)
	}
	sort.Strings(ids)
	w := bufio.NewWriter(stdout)
	for _, id := range ids {
		text, err := os.ReadFile(filepath.Join(dir, id+".txt"))
		if err != nil {
			return err
		}
		dct, err := textdate.ParseDCT(dcts[id])
		if err != nil {
			return fmt.Errorf("%s: document date: %w", id, err)
		}
		ts := textdate.Tag(string(text), textdate.Options{DCT: dct, Lang: textdate.English})
		if err := textdate.WriteJSONL(w, id, string(text), ts); err != nil {
			return err
		}
	}
	return w.Flush()
}
