package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"timeline/timeline"
	"timeline/timeline/edtf"
	"timeline/timeline/textdate"
)

func addCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "add",
		Usage:     "append one event to a dataset and print its id",
		ArgsUsage: "[DATASET]",
		Description: `Dates may be written as a person writes them: '3 April 2017', 'April 2017', 'early 2016',
'2011-12' (the years 2011 to 2012), 'c. 1995', '1990s', '44 BC'; they are stored as EDTF.
A date relative to another event is written ID+DURATION: 'spb-metro-bombing+P3W~'.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "start", Usage: "when it happened (required)"},
			&cli.StringFlag{Name: "title", Usage: "short headline (required)"},
			&cli.StringFlag{Name: "end", Usage: "when it ended, for a range; '..' if it is still going on"},
			&cli.StringFlag{Name: "description", Usage: "plain text; URLs become links"},
			&cli.StringFlag{Name: "category", Usage: "the event type"},
			&cli.StringSliceFlag{Name: "actor", Usage: "who was involved (repeatable)"},
			&cli.StringSliceFlag{Name: "source", Usage: "URL or citation (repeatable)"},
			&cli.StringFlag{Name: "confidence", Usage: "high, moderate or low"},
			&cli.StringSliceFlag{Name: "tag", Usage: "label (repeatable)"},
			&cli.StringFlag{Name: "location", Usage: "place name"},
			&cli.StringFlag{Name: "country", Usage: "country name"},
			&cli.StringFlag{Name: "lat", Usage: "latitude, WGS 84 decimal degrees"},
			&cli.StringFlag{Name: "lon", Usage: "longitude, WGS 84 decimal degrees"},
			&cli.StringFlag{Name: "id", Usage: "the event's id (default: made from the title)"},
			&cli.StringFlag{Name: "media", Usage: "image URL for the story view"},
			&cli.StringFlag{Name: "media-caption", Usage: "caption of the image"},
			&cli.StringFlag{Name: "media-credit", Usage: "credit of the image"},
			&cli.StringFlag{Name: "display-date", Usage: "label that overrides the formatted date"},
			&cli.StringFlag{Name: "kind", Usage: "event (default) or era"},
			&cli.StringSliceFlag{Name: "set", Usage: "COLUMN=VALUE for any other column (repeatable)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("add takes at most one dataset, got %d", c.NArg())
			}
			ev, extra, err := eventFromFlags(c, e)
			if err != nil {
				return err
			}
			return addEvent(c.Args().First(), ev, extra, e)
		},
	}
}

// column is one column name and value of a new row.
type column struct{ name, value string }

func eventFromFlags(c *cli.Context, e *env) (map[string]string, []column, error) {
	if strings.TrimSpace(c.String("start")) == "" {
		return nil, nil, usagef("add needs --start")
	}
	if strings.TrimSpace(c.String("title")) == "" {
		return nil, nil, usagef("add needs --title")
	}
	v := map[string]string{}
	for flag, col := range map[string]string{
		"title": "title", "description": "description", "category": "category",
		"confidence": "confidence", "location": "location", "country": "country",
		"lat": "latitude", "lon": "longitude", "id": "id", "media": "media",
		"media-caption": "media_caption", "media-credit": "media_credit",
		"display-date": "display_date", "kind": "kind",
	} {
		if s := strings.TrimSpace(c.String(flag)); s != "" {
			v[col] = s
		}
	}
	for flag, col := range map[string]string{"actor": "actors", "source": "sources", "tag": "tags"} {
		var items []string
		for _, s := range c.StringSlice(flag) {
			items = append(items, timeline.SplitList(s)...)
		}
		if len(items) > 0 {
			v[col] = timeline.JoinList(items)
		}
	}
	for _, f := range []string{"start", "end"} {
		s := strings.TrimSpace(c.String(f))
		if s == "" {
			continue
		}
		stored, err := humanDate(s)
		if err != nil {
			return nil, nil, usagef("--%s: %v", f, err)
		}
		if stored != s {
			fmt.Fprintf(e.stderr, "timeline: %s %q stored as %s\n", f, s, stored)
		}
		v[f] = stored
	}
	var extra []column
	for _, kv := range c.StringSlice("set") {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, nil, usagef("--set %q: want COLUMN=VALUE", kv)
		}
		name = strings.TrimSpace(name)
		if _, canonical := timeline.ColumnByName(name); canonical {
			v[name] = value
			continue
		}
		extra = append(extra, column{name, value})
	}
	return v, extra, nil
}

// humanDate turns what a person typed into the stored spelling: relative
// dates and ".." as they are, anything else through textdate.ParseHuman.
func humanDate(s string) (string, error) {
	if s == ".." {
		return s, nil
	}
	if edtf.IsRelative(s) {
		// "early 2016" starts like an id too: a relative date is tried
		// first, then the human spellings.
		if r, err := edtf.ParseRelative(s); err == nil {
			return r.String(), nil
		} else if _, herr := textdate.ParseHuman(s); herr != nil {
			return "", err
		}
	}
	d, err := textdate.ParseHuman(s)
	if err != nil {
		return "", err
	}
	return d.String(), nil
}

// errNoDataset is returned by add when no dataset is named or found.
var errNoDataset = errors.New("no dataset here: name one, or create one with 'timeline init DIR'")

func addEvent(arg string, v map[string]string, extra []column, e *env) error {
	if arg == "" {
		if _, err := os.Stat("datapackage.json"); err != nil {
			return errNoDataset
		}
	}
	src, err := resolveSource(arg, e)
	if err != nil {
		return err
	}
	if !src.writable() {
		return fmt.Errorf("%s: %w", src.arg, errNotWritable)
	}
	if d, err := src.pkg.Dialect(); src.pkg != nil && (err != nil || !d.IsCanonical()) {
		return fmt.Errorf("%s: add appends to comma-separated UTF-8 only, and the package declares another dialect or encoding; 'timeline import csv' can add to it", src.pkgPath)
	}
	unlock, err := lockDataset(src.csvPath)
	if err != nil {
		return err
	}
	defer unlock()
	old, err := os.ReadFile(src.csvPath)
	if err != nil {
		return err
	}
	var names []string
	for _, c := range extra {
		v[c.name] = c.value
		names = append(names, c.name)
	}
	a, err := timeline.AppendRow(old, src.name, v, names)
	if err != nil {
		return err
	}
	bad := false
	for _, d := range a.Reports {
		fmt.Fprintln(e.stderr, d)
		bad = bad || d.Severity == timeline.Error
	}
	if bad {
		return fmt.Errorf("event not added to %s", src.name)
	}
	if err := writeFileAtomic(src.csvPath, a.Data); err != nil {
		return err
	}
	if len(a.Added) > 0 && src.pkg != nil {
		src.pkg.SyncSchema(a.Header)
		var pb bytes.Buffer
		if err := src.pkg.Write(&pb); err != nil {
			return err
		}
		if err := writeFileAtomic(src.pkgPath, pb.Bytes()); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, a.ID)
	return nil
}
