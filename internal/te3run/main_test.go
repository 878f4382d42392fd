package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestSplit(t *testing.T) {
	corpus := t.TempDir()
	names := []string{"wsj_0001", "wsj_0002", "APW19980213.1320", "ABC19980108.1830.0711", "NYT19980206.0460", "XIE19980808.0031", "wsj_0815"}
	for _, n := range names {
		sub := filepath.Join(corpus, "A")
		os.MkdirAll(sub, 0o755)
		if err := os.WriteFile(filepath.Join(sub, n+".tml"), []byte("<TimeML/>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	if err := run([]string{"split", corpus, out}, io.Discard); err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, n := range names {
		part := "dev"
		if HeldOut(n) {
			part, held = "heldout", held+1
		}
		if _, err := os.Stat(filepath.Join(out, part, n+".tml")); err != nil {
			t.Errorf("%s: not in %s: %v", n, part, err)
		}
	}
	// wsj_0815 is one of the held-out documents of the real corpus.
	if !HeldOut("wsj_0815") || held == 0 || held == len(names) {
		t.Errorf("HeldOut put %d of %d in the held-out part", held, len(names))
	}
}

func TestTag(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "dct.tsv"), []byte("d1\t1998-02-13T14:35:00\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "d1.txt"), []byte("He left yesterday."), 0o644)
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"tag", dir}, f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got, _ := os.ReadFile(f.Name())
	want := `{"doc":"d1","start":8,"end":17,"text":"yesterday","type":"DATE","value":"1998-02-12","edtf":"1998-02-12"}` + "\n"
	if string(got) != want {
		t.Errorf("got %s want %s", got, want)
	}
}
