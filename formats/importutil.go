package formats

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"timeline/timeline/edtf"
)

// PlainText turns the HTML of a slide (TimelineJS text and headlines) into
// the dataset's plain text: tags dropped, entities decoded, paragraphs and
// line breaks kept as new lines, and each link kept as its text followed by
// its address in parentheses (the address alone when it is the text), so
// that the page makes it a link again. Text without markup is returned as
// it is, trimmed.
func PlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	var hrefs []string // open links
	var linkText []int // where each open link's text starts in b
	newline := func() {
		t := b.String()
		if t != "" && !strings.HasSuffix(t, "\n") {
			b.WriteByte('\n')
		}
	}
	skip := 0 // inside <script> or <style>
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidyLines(b.String())
		case html.TextToken:
			if skip == 0 {
				b.WriteString(collapseSpace(string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				}
			case "br":
				b.WriteByte('\n')
			case "p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table":
				newline()
			case "cite":
				b.WriteString(" ")
			case "a":
				href := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
				if tt == html.StartTagToken {
					hrefs = append(hrefs, href)
					linkText = append(linkText, b.Len())
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if skip > 0 {
					skip--
				}
			case "p", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr":
				newline()
			case "a":
				if n := len(hrefs); n > 0 {
					href, from := hrefs[n-1], linkText[n-1]
					hrefs, linkText = hrefs[:n-1], linkText[:n-1]
					text := strings.TrimSpace(b.String()[from:])
					if href != "" && isWebLink(href) && text != href {
						if text == "" {
							b.WriteString(href)
						} else {
							b.WriteString(" (" + href + ")")
						}
					}
				}
			}
		}
	}
}

func isWebLink(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "mailto:")
}

// collapseSpace turns each run of white space into one space, as HTML
// shows it.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// tidyLines trims each line and drops empty ones at the ends and repeated
// blank lines.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// DateParts is a date given as separate numbers, as TimelineJS and GTD
// give them. Zero Month or Day means absent (a coarser date). Year is
// astronomical (0 is 1 BCE).
type DateParts struct {
	Year                 int64
	Month, Day           int
	Hour, Minute, Second int
	HasTime              bool
	HasSecond            bool
}

// EDTF spells the date in EDTF: YYYY, YYYY-MM, YYYY-MM-DD or with a time
// (THH:MM, THH:MM:SS); a year beyond four digits as a Y-year, which stands
// alone (any month and day are dropped, and lost says so).
func (p DateParts) EDTF() (s string, lost bool, err error) {
	if p.Year > 9999 || p.Year < -9999 {
		return "Y" + strconv.FormatInt(p.Year, 10), p.Month != 0 || p.Day != 0, nil
	}
	var b bytes.Buffer
	y := p.Year
	if y < 0 {
		b.WriteByte('-')
		y = -y
	}
	fmt.Fprintf(&b, "%04d", y)
	if p.Month == 0 {
		if p.Day != 0 {
			return "", false, fmt.Errorf("a day (%d) without a month", p.Day)
		}
		return b.String(), false, nil
	}
	if p.Month < 1 || p.Month > 12 {
		return "", false, fmt.Errorf("month %d out of range", p.Month)
	}
	fmt.Fprintf(&b, "-%02d", p.Month)
	if p.Day == 0 {
		return b.String(), p.HasTime, nil
	}
	fmt.Fprintf(&b, "-%02d", p.Day)
	if p.HasTime {
		if p.Hour < 0 || p.Hour > 23 || p.Minute < 0 || p.Minute > 59 || p.Second < 0 || p.Second > 59 {
			return "", false, fmt.Errorf("time %02d:%02d:%02d out of range", p.Hour, p.Minute, p.Second)
		}
		fmt.Fprintf(&b, "T%02d:%02d", p.Hour, p.Minute)
		if p.HasSecond {
			fmt.Fprintf(&b, ":%02d", p.Second)
		}
	}
	s = b.String()
	if _, err := edtf.Parse(s); err != nil {
		return "", false, err
	}
	return s, false, nil
}

// DatePartsOf splits a parsed single date into its parts, as far as it is
// written: year, then month and day when the date has them. ok is false
// for a date that parts cannot hold (a season, unspecified digits, an
// interval, a qualifier), which the caller reports.
func DatePartsOf(d edtf.Date) (p DateParts, ok bool) {
	if d.IsZero() || d.IsInterval() || d.Uncertain() || d.Approximate() {
		return p, false
	}
	s := d.String()
	neg := strings.HasPrefix(s, "-")
	if strings.HasPrefix(s, "Y") {
		y, err := strconv.ParseInt(s[1:], 10, 64)
		return DateParts{Year: y}, err == nil
	}
	t := strings.TrimPrefix(s, "-")
	if strings.ContainsAny(t, "X") {
		return p, false
	}
	datePart, timePart, hasTime := strings.Cut(t, "T")
	parts := strings.Split(datePart, "-")
	y, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return p, false
	}
	if neg {
		y = -y
	}
	p.Year = y
	if len(parts) > 1 {
		if p.Month, err = strconv.Atoi(parts[1]); err != nil || p.Month > 12 {
			return p, false // a season
		}
	}
	if len(parts) > 2 {
		p.Day, _ = strconv.Atoi(parts[2])
	}
	if hasTime {
		timePart = strings.TrimRightFunc(timePart, func(r rune) bool { return r == 'Z' })
		if i := strings.IndexAny(timePart, "+-"); i >= 0 {
			timePart = timePart[:i] // the zone: bounds are UTC, parts keep the wall time
		}
		hms := strings.Split(timePart, ":")
		p.HasTime = true
		p.Hour, _ = strconv.Atoi(hms[0])
		if len(hms) > 1 {
			p.Minute, _ = strconv.Atoi(hms[1])
		}
		if len(hms) > 2 {
			p.HasSecond = true
			p.Second, _ = strconv.Atoi(hms[2])
		}
	}
	return p, true
}

// titleFrom makes a title for a record that has none: the first words of
// its description (up to 80 characters, ending at a word), else its
// display date, else its start.
func titleFrom(cells map[string]string) string {
	d, _, _ := strings.Cut(cells["description"], "\n")
	if d = strings.TrimSpace(d); d != "" {
		if len([]rune(d)) <= 80 {
			return d
		}
		r := []rune(d)[:80]
		if i := strings.LastIndexByte(string(r), ' '); i > 40 {
			return strings.TrimRight(string(r)[:i], " ,;:") + "…"
		}
		return string(r) + "…"
	}
	if cells["display_date"] != "" {
		return cells["display_date"]
	}
	return cells["start"]
}
