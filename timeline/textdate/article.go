package textdate

import (
	"bytes"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Article is the text of a document to extract from, with what its markup
// says about it.
type Article struct {
	// Text is the plain text: for HTML, the character data without markup,
	// with a blank line between blocks (paragraphs, headings, list items)
	// and a line break for <br>, so that sentences end where blocks do.
	Text string
	// HTML reports whether the input was HTML.
	HTML bool
	// Published is the publication date the HTML's metadata gives
	// (article:published_time, datePublished, <time datetime>), as
	// written; empty if none.
	Published string
	// PublishedFrom says where Published was found ("meta
	// article:published_time", "<time datetime>").
	PublishedFrom string
	// Charset is the character encoding an HTML page was decoded from,
	// when it is not UTF-8 ("windows-1252"); CharsetFrom says why: the
	// page declares it, or it is not valid UTF-8 and declares nothing
	// (then it is read as windows-1252, as browsers do).
	Charset, CharsetFrom string
	// Title is the <title> or og:title; URL the canonical or og:url; Lang
	// the <html lang> code.
	Title, URL, Lang string
}

// ReadArticle reads plain text or HTML. Input is HTML when its first
// non-space character is "<" and it has an <html>, <body>, <p> or <div>
// tag; a UTF-8 byte-order mark is skipped.
func ReadArticle(r io.Reader) (*Article, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if looksHTML(raw) {
		raw, cs, from := decodeHTML(raw)
		a := readHTML(raw)
		a.Charset, a.CharsetFrom = cs, from
		return a, nil
	}
	if !utf8.Valid(raw) {
		raw = []byte(strings.ToValidUTF8(string(raw), "\uFFFD"))
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	return &Article{Text: text}, nil
}

// decodeHTML turns an HTML page into UTF-8: from the encoding it declares
// in a <meta> element near its top, else, when it is not valid UTF-8, from
// windows-1252. It gives the encoding's name and where it came from, or
// "" for UTF-8. Bytes that are not valid UTF-8 in a page read as UTF-8
// become U+FFFD.
func decodeHTML(raw []byte) ([]byte, string, string) {
	label, from := declaredCharset(raw), "declared in the page"
	if label == "" {
		if utf8.Valid(raw) {
			return raw, "", ""
		}
		label, from = "windows-1252", "not UTF-8, and no charset declared"
	}
	enc, name := charset.Lookup(label)
	// A page in UTF-16 cannot declare it in ASCII: such a declaration
	// means UTF-8, as browsers read it.
	if enc == nil || name == "utf-8" || strings.HasPrefix(name, "utf-16") {
		if !utf8.Valid(raw) {
			raw = []byte(strings.ToValidUTF8(string(raw), "\uFFFD"))
		}
		return raw, "", ""
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return []byte(strings.ToValidUTF8(string(raw), "\uFFFD")), "", ""
	}
	return out, name, from
}

// declaredCharset is the label of the character encoding the <meta>
// elements in the first 4 KB of a page declare (<meta charset="…"> or the
// http-equiv Content-Type's charset), or "".
func declaredCharset(raw []byte) string {
	z := html.NewTokenizer(bytes.NewReader(raw[:min(len(raw), 4096)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
			default:
				continue
			}
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			if cs := strings.TrimSpace(attrs["charset"]); cs != "" {
				return cs
			}
			if strings.EqualFold(attrs["http-equiv"], "content-type") {
				if _, params, err := mime.ParseMediaType(attrs["content"]); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}

func looksHTML(b []byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n")
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	head := bytes.ToLower(t[:min(len(t), 4096)])
	for _, tag := range []string{"<html", "<body", "<p>", "<p ", "<div", "<!doctype html", "<article", "<head"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return false
}

// blocks are the elements that end a paragraph.
var blocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "blockquote": true, "pre": true, "article": true, "section": true,
	"header": true, "footer": true, "figure": true, "figcaption": true, "table": true, "tr": true,
	"td": true, "th": true, "dd": true, "dt": true, "dl": true, "address": true, "aside": true,
	"main": true, "nav": true, "form": true, "hr": true, "title": true, "caption": true,
}

// skipped are the elements whose content is not text of the article.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true, "head": false, "iframe": true, "button": true, "select": true}

func readHTML(raw []byte) *Article {
	a := &Article{HTML: true}
	z := html.NewTokenizer(bytes.NewReader(raw))
	var b strings.Builder
	skip := 0
	inTitle, inHead := false, false
	pendingBreak := 0
	brk := func(n int) {
		if b.Len() > 0 && n > pendingBreak {
			pendingBreak = n
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			a.Text = strings.TrimSpace(b.String()) + "\n"
			return a
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			end := tt == html.EndTagToken
			if skipped[tag] && tt == html.StartTagToken {
				skip++
				continue
			}
			if skipped[tag] && end {
				if skip > 0 {
					skip--
				}
				continue
			}
			switch tag {
			case "head":
				inHead = !end
			case "title":
				inTitle = !end && inHead
			case "html":
				if l := attrs["lang"]; l != "" && !end {
					a.Lang = strings.ToLower(strings.SplitN(l, "-", 2)[0])
				}
			case "meta":
				a.meta(attrs)
			case "link":
				if strings.EqualFold(attrs["rel"], "canonical") && a.URL == "" {
					a.URL = attrs["href"]
				}
			case "time":
				if dt := attrs["datetime"]; dt != "" && !end && a.Published == "" {
					a.Published, a.PublishedFrom = dt, "<time datetime>"
				}
			case "br":
				brk(1)
			}
			if blocks[tag] {
				brk(2)
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if inTitle {
				if a.Title == "" {
					a.Title = strings.TrimSpace(t)
				}
				continue
			}
			if inHead {
				continue
			}
			t = collapseSpace(t)
			if strings.TrimSpace(t) == "" {
				if b.Len() > 0 && pendingBreak == 0 && t != "" {
					b.WriteByte(' ')
				}
				continue
			}
			if pendingBreak > 0 {
				s := strings.TrimRight(b.String(), " ")
				b.Reset()
				b.WriteString(s)
				b.WriteString(strings.Repeat("\n", pendingBreak))
				t = strings.TrimLeft(t, " ")
				pendingBreak = 0
			}
			b.WriteString(t)
		}
	}
}

func (a *Article) meta(attrs map[string]string) {
	key := strings.ToLower(attrs["property"])
	if key == "" {
		key = strings.ToLower(attrs["name"])
	}
	if key == "" {
		key = strings.ToLower(attrs["itemprop"])
	}
	v := strings.TrimSpace(attrs["content"])
	if v == "" {
		return
	}
	switch key {
	case "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date":
		if a.Published == "" || a.PublishedFrom == "<time datetime>" {
			a.Published, a.PublishedFrom = v, "meta "+key
		}
	case "og:title":
		if a.Title == "" {
			a.Title = v
		}
	case "og:url":
		if a.URL == "" {
			a.URL = v
		}
	case "og:locale", "language", "dc.language":
		if a.Lang == "" {
			a.Lang = strings.ToLower(strings.SplitN(strings.ReplaceAll(v, "_", "-"), "-", 2)[0])
		}
	}
}

// collapseSpace turns every run of white space into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
