package formats

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"
)

// tableRows makes n lines of four tab-separated cells of varied widths,
// some of them multi-byte.
func tableRows(n int) [][]byte {
	var rows [][]byte
	for i := range n {
		date := strings.Repeat("9", 1+i*7%13) + " – é"
		id := fmt.Sprintf("ev%d", i*31%977)
		cat := strings.Repeat("ж", i%5)
		rows = append(rows, []byte(date+"\t"+id+"\t"+cat+"\tTitle "+strings.Repeat("x", i%9)+"\n"))
	}
	return rows
}

// TestTableAsTabwriter holds the table of up to tableLookahead rows to
// text/tabwriter's alignment (padding 2, spaces), which it replaced.
func TestTableAsTabwriter(t *testing.T) {
	for _, n := range []int{0, 1, 7, tableLookahead} {
		rows := tableRows(n)
		var want bytes.Buffer
		tw := tabwriter.NewWriter(&want, 0, 8, 2, ' ', 0)
		tw.Write([]byte("DATE\tID\tCATEGORY\tTITLE\n"))
		for _, r := range rows {
			tw.Write(r)
		}
		tw.Flush()
		var got bytes.Buffer
		bw := bufio.NewWriter(&got)
		w := newTableWriter(bw, "en")
		if err := w.Begin(nil); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.WriteRecord(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d rows: the table differs from tabwriter's:\n%s\nwant:\n%s", n, head(got.String()), head(want.String()))
		}
	}
}

func head(s string) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(len(lines), 5)], "")
}

// TestTableBounded checks that past the look-ahead the table holds no
// rows, writes each as it comes at the widths set, and that a cell longer
// than its column still leaves the columns apart.
func TestTableBounded(t *testing.T) {
	var out bytes.Buffer
	bw := bufio.NewWriter(&out)
	w := newTableWriter(bw, "en")
	w.Begin(nil)
	rows := tableRows(tableLookahead + 500)
	for i, r := range rows {
		if err := w.WriteRecord(r); err != nil {
			t.Fatal(err)
		}
		if i >= tableLookahead && len(w.held) != 0 {
			t.Fatalf("after row %d, %d rows held, want none", i+1, len(w.held))
		}
	}
	long := strings.Repeat("L", 40)
	w.WriteRecord([]byte(long + "\tid\tcat\ttitle\n"))
	w.Close()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(rows)+2 {
		t.Fatalf("%d lines, want %d", len(lines), len(rows)+2)
	}
	// A row after the look-ahead is aligned as the first ones are.
	first, late := lines[1], lines[tableLookahead+100]
	if strings.Index(first, "ev") != strings.Index(late, "ev") {
		t.Errorf("the id column starts at %d in row 1 and %d in a late row:\n%s\n%s", strings.Index(first, "ev"), strings.Index(late, "ev"), first, late)
	}
	if last := lines[len(lines)-1]; last != long+"  id"+strings.Repeat(" ", w.width[1]-2)+"cat"+strings.Repeat(" ", w.width[2]-3)+"title" {
		t.Errorf("a long first cell: %q", last)
	}
}
