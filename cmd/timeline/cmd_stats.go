package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/gocarina/gocsv"
	"github.com/urfave/cli/v2"

	"timeline/formats"
	"timeline/timeline"
	"timeline/timeline/edtf"
)

func statsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "stats",
		Usage:     "count events by category, year, actor and date precision; span; problems",
		ArgsUsage: "[DATASET]",
		Description: `The table shows a tab in the data as a space and other control characters
visibly, as \x1b or \u202e; csv and json keep the data exact.

Rows with errors are left out of the counts (rows and problems count them);
the statistics are written, how many rows were left out is said, and the exit
status is 1 (see timeline validate).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "table, csv or json"},
			&cli.IntFlag{Name: "top", Value: 10, Usage: "how many categories and actors to show in the table (0: all)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("takes at most one dataset, got %d", c.NArg())
			}
			format := c.String("format")
			if format != "table" && format != "csv" && format != "json" {
				return usagef("unknown --format %q: want table, csv or json", format)
			}
			if c.Int("top") < 0 {
				return usagef("--top must be 0 or more")
			}
			return stats(c.Args().First(), format, c.Int("top"), e)
		},
	}
}

// statRow is one line of the CSV form of stats.
type statRow struct {
	Section string `csv:"section"`
	Key     string `csv:"key"`
	Count   int    `csv:"count"`
}

func stats(arg, format string, top int, e *env) error {
	src, err := resolveSource(arg, e)
	if err != nil {
		return err
	}
	r, err := src.open()
	if err != nil {
		return err
	}
	defer r.Close()
	st, err := timeline.Summarize(r, src.name, nil)
	if errors.Is(err, timeline.ErrNoHeader) {
		return noHeader(src)
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", src.name, err)
	}
	counts := timeline.Counts{Errors: st.Errors, Warnings: st.Warnings}
	left := st.Rows - st.Events - st.Eras
	if err := noUsableRows(src, st.Rows, left, counts, e); err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout)
	switch format {
	case "json":
		err = writeStatsJSON(out, src.name, st)
	case "csv":
		err = gocsv.Marshal(statRows(st), out)
	default:
		err = writeStatsTable(out, src.name, st, top)
	}
	if err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	return rowsLeftOut(src, left, counts, e)
}

func statRows(st *timeline.Stats) []statRow {
	rows := []statRow{
		{"total", "rows", st.Rows}, {"total", "events", st.Events}, {"total", "eras", st.Eras},
		{"total", "errors", st.Errors}, {"total", "warnings", st.Warnings},
		{"total", "uncertain", st.Uncertain}, {"total", "approximate", st.Approximate},
		{"total", "ongoing", st.Ongoing}, {"total", "relative", st.Relative},
		{"total", "multi-year", st.MultiYear},
	}
	for _, sec := range []struct {
		name   string
		counts []timeline.Count
	}{{"category", st.Categories()}, {"year", st.Years()}, {"actor", st.Actors()}, {"precision", st.Precisions()}} {
		for _, c := range sec.counts {
			rows = append(rows, statRow{sec.name, c.Key, c.Count})
		}
	}
	return rows
}

func spanString(st *timeline.Stats) (string, string) {
	if st.First.IsZero() && st.Last.IsZero() {
		return "", ""
	}
	last := st.Last.Add(-time.Second)
	if st.Last.Hour() == 0 && st.Last.Minute() == 0 && st.Last.Second() == 0 {
		last = st.Last.AddDate(0, 0, -1)
	}
	return isoTime(st.First), isoTime(last)
}

// humanSpan is spanString's span as a person reads it: "1 January 44 BCE".
func humanSpan(st *timeline.Stats) (string, string) {
	if st.First.IsZero() && st.Last.IsZero() {
		return "", ""
	}
	last := st.Last.Add(-time.Second)
	if st.Last.Hour() == 0 && st.Last.Minute() == 0 && st.Last.Second() == 0 {
		last = st.Last.AddDate(0, 0, -1)
	}
	return edtf.FormatTime(st.First, "en"), edtf.FormatTime(last, "en")
}

// isoTime writes an instant as a date, or a date and time when it is not
// midnight; years before 1 are astronomical, as in EDTF.
func isoTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05")
}

func writeStatsJSON(w *bufio.Writer, name string, st *timeline.Stats) error {
	first, last := spanString(st)
	counts := func(cs []timeline.Count) []map[string]any {
		out := make([]map[string]any, len(cs))
		for i, c := range cs {
			out[i] = map[string]any{"key": c.Key, "count": c.Count}
		}
		return out
	}
	v := struct {
		File        string           `json:"file"`
		Rows        int              `json:"rows"`
		Events      int              `json:"events"`
		Eras        int              `json:"eras"`
		Errors      int              `json:"errors"`
		Warnings    int              `json:"warnings"`
		First       string           `json:"first,omitempty"`
		Last        string           `json:"last,omitempty"`
		Uncertain   int              `json:"uncertain"`
		Approximate int              `json:"approximate"`
		Ongoing     int              `json:"ongoing"`
		Relative    int              `json:"relative"`
		MultiYear   int              `json:"multi_year"`
		Categories  []map[string]any `json:"categories"`
		Years       []map[string]any `json:"years"`
		Actors      []map[string]any `json:"actors"`
		Precisions  []map[string]any `json:"precisions"`
	}{name, st.Rows, st.Events, st.Eras, st.Errors, st.Warnings, first, last,
		st.Uncertain, st.Approximate, st.Ongoing, st.Relative, st.MultiYear,
		counts(st.Categories()), counts(st.Years()), counts(st.Actors()), counts(st.Precisions())}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func writeStatsTable(w *bufio.Writer, name string, st *timeline.Stats, top int) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	// The table is for people: dates as they read them ("44 BCE"); the
	// CSV and JSON keep ISO 8601 and astronomical years.
	first, last := humanSpan(st)
	fmt.Fprintf(tw, "dataset\t%s\n", formats.TableCell(name))
	fmt.Fprintf(tw, "rows\t%d\n", st.Rows)
	fmt.Fprintf(tw, "events\t%d\n", st.Events)
	fmt.Fprintf(tw, "eras\t%d\n", st.Eras)
	if first != "" {
		fmt.Fprintf(tw, "span\t%s to %s\n", first, last)
	}
	fmt.Fprintf(tw, "problems\t%s, %s\n", plural(st.Errors, "error"), plural(st.Warnings, "warning"))
	fmt.Fprintf(tw, "uncertain\t%d\n", st.Uncertain)
	fmt.Fprintf(tw, "approximate\t%d\n", st.Approximate)
	fmt.Fprintf(tw, "ongoing\t%d\n", st.Ongoing)
	fmt.Fprintf(tw, "relative dates\t%d\n", st.Relative)
	section := func(title string, cs []timeline.Count, limit int) {
		fmt.Fprintf(tw, "\n%s\tevents\n", title)
		for i, c := range cs {
			if limit > 0 && i == limit {
				fmt.Fprintf(tw, "(%d more)\t\n", len(cs)-limit)
				break
			}
			fmt.Fprintf(tw, "%s\t%d\n", formats.TableCell(c.Key), c.Count)
		}
	}
	section("category", st.Categories(), top)
	years := st.Years()
	for i, c := range years {
		if y, err := strconv.ParseInt(c.Key, 10, 64); err == nil {
			years[i].Key = edtf.FormatYear(y, "en")
		}
	}
	if st.MultiYear > 0 {
		years = append(years, timeline.Count{Key: "several years", Count: st.MultiYear})
	}
	section("year", years, 0)
	section("actor", st.Actors(), top)
	section("precision", st.Precisions(), 0)
	return tw.Flush()
}
