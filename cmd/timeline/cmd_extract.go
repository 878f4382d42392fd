package main

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"timeline/timeline"
	"timeline/timeline/textdate"
)

func extractCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "temporal expressions (TIMEX3) and candidate events, each with its sentence, from an article",
		ArgsUsage: "FILE|-",
		Description: `Reads an article as plain text or HTML (markup stripped; paragraphs, headings
and list items end sentences). Relative dates ("last month", "on Friday", "two
years ago") are resolved against the document date: --dct, else the HTML's
metadata (article:published_time, <time datetime>), else a dateline near the
top of the text. Standard error says which was used.

--format csv (the default) proposes one event per sentence or clause with a
date, in the dataset's columns (id, start, end, title, actors, location,
sources, confidence) and two more, quote (the sentence) and offset (where it
starts, in characters): start is EDTF at the precision the text gives, with
? and confidence low where the sentence hedges, ~ where the date is
approximate, and id+P3W~ where a duration is anchored on an earlier event
("three weeks after the attack"). Review it, then add it with
'timeline import csv FILE --into DATASET'.

--format jsonl writes one line per expression: doc, start, end (offsets in
characters, end exclusive), text, type (DATE, TIME, DURATION, SET), value
(TimeML TIMEX3), and the EDTF date where there is one; --format tml writes
the text as TimeML with TIMEX3 elements.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "dct", Usage: "document date, YYYY-MM-DD (default: from the article)"},
			&cli.StringFlag{Name: "lang", Usage: "language of the article: " + strings.Join(textdate.LangCodes(), ", ") + " (default: the HTML's, else en)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "csv", Usage: "csv, jsonl or tml"},
			&cli.StringFlag{Name: "source", Usage: "the sources cell of every candidate (default: the article's URL, else FILE)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("takes one FILE (or - for standard input), got %d", c.NArg())
			}
			opt := extractOptions{arg: c.Args().First(), format: c.String("format"), source: c.String("source"), lang: c.String("lang")}
			switch opt.format {
			case "csv", "jsonl", "tml":
			default:
				return usagef("unknown --format %q: want csv, jsonl or tml", opt.format)
			}
			if opt.lang != "" && textdate.LangByCode(opt.lang) == nil {
				return usagef("unknown --lang %q: want %s", opt.lang, orList(textdate.LangCodes()))
			}
			if s := c.String("dct"); s != "" {
				d, err := textdate.ParseDCT(s)
				if err != nil {
					return usagef("--dct: %v", err)
				}
				opt.dct = d
			}
			return extract(opt, e)
		},
	}
}

type extractOptions struct {
	arg, format, source, lang string
	dct                       time.Time
}

func extract(opt extractOptions, e *env) error {
	var r io.Reader = e.stdin
	name := "stdin"
	if opt.arg != "-" {
		f, err := os.Open(opt.arg)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
		name = strings.TrimSuffix(filepath.Base(opt.arg), filepath.Ext(opt.arg))
	}
	a, err := textdate.ReadArticle(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", opt.arg, err)
	}
	if a.Charset != "" {
		fmt.Fprintf(e.stderr, "timeline extract: reading %s as %s (%s)\n", opt.arg, a.Charset, a.CharsetFrom)
	}
	lang := textdate.LangByCode(opt.lang)
	if lang == nil && a.Lang != "" {
		lang = textdate.LangByCode(a.Lang)
	}
	if lang == nil {
		lang = textdate.English
	}
	dct, err := documentDate(opt, a, lang, e)
	if err != nil {
		return err
	}
	x := textdate.Extract(a.Text, textdate.Options{DCT: dct, Lang: lang})
	out := bufio.NewWriter(e.stdout)
	switch opt.format {
	case "jsonl":
		err = textdate.WriteJSONL(out, name, a.Text, x.Timexes)
	case "tml":
		err = writeTML(out, name, a.Text, dct, x.Timexes)
	default:
		source := opt.source
		if source == "" {
			source = a.URL
		}
		if source == "" && opt.arg != "-" {
			source = opt.arg
		}
		title := a.Title
		if title == "" {
			title = firstLine(a.Text)
		}
		cands := x.Candidates(textdate.CandidateOptions{DCT: dct, DocTitle: title, Source: source, Slug: timeline.Slug})
		err = textdate.WriteCandidates(out, cands)
		if err == nil {
			fmt.Fprintf(e.stderr, "timeline extract: %d candidate events from %d temporal expressions\n", len(cands), len(x.Timexes))
		}
	}
	if err != nil {
		return err
	}
	return out.Flush()
}

// documentDate chooses the date relative expressions are resolved
// against, and says which on standard error.
func documentDate(opt extractOptions, a *textdate.Article, lang *textdate.Lang, e *env) (time.Time, error) {
	if !opt.dct.IsZero() {
		fmt.Fprintf(e.stderr, "timeline extract: document date %s (from --dct)\n", opt.dct.Format("2006-01-02"))
		return opt.dct, nil
	}
	if a.Published != "" {
		if d, err := textdate.ParseDCT(a.Published); err == nil {
			fmt.Fprintf(e.stderr, "timeline extract: document date %s (from the HTML's %s)\n", d.Format("2006-01-02"), a.PublishedFrom)
			return d, nil
		}
	}
	if d, text, ok := textdate.Dateline(a.Text, lang); ok {
		fmt.Fprintf(e.stderr, "timeline extract: document date %s (from the dateline %q)\n", d.Format("2006-01-02"), text)
		return d, nil
	}
	fmt.Fprintln(e.stderr, "timeline extract: no document date found; relative dates (yesterday, last month) are left unresolved: give one with --dct")
	return time.Time{}, nil
}

// firstLine is the first line of a plain-text article when it reads as a
// title: short, and not ending a sentence.
func firstLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if len(l) > 150 || strings.HasSuffix(l, ".") {
			return ""
		}
		return l
	}
	return ""
}

// writeTML writes the text as a TimeML document with its TIMEX3 elements.
func writeTML(w io.Writer, name, text string, dct time.Time, ts []textdate.Timex) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>%s</DOCID>\n", html.EscapeString(name))
	if !dct.IsZero() {
		fmt.Fprintf(b, "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"%s\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">%s</TIMEX3></DCT>\n", dct.Format("2006-01-02"), dct.Format("2006-01-02"))
	}
	b.WriteString("<TEXT>")
	at := 0
	for k, t := range ts {
		b.WriteString(html.EscapeString(text[at:t.Start]))
		fmt.Fprintf(b, "<TIMEX3 tid=\"t%d\" type=\"%s\" value=\"%s\"", k+1, t.Type, html.EscapeString(t.Value))
		if t.Mod != "" {
			fmt.Fprintf(b, " mod=\"%s\"", t.Mod)
		}
		fmt.Fprintf(b, ">%s</TIMEX3>", html.EscapeString(t.Text))
		at = t.End
	}
	b.WriteString(html.EscapeString(text[at:]))
	b.WriteString("</TEXT>\n</TimeML>\n")
	return b.Flush()
}
