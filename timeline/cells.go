package timeline

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// cellChecks runs the checks of single cells. It needs nothing but the
// header, so the read-ahead goroutine runs it and keeps its diagnostics for
// the checking goroutine to report in file order.
type cellChecks struct {
	name string
	hdr  *Header
	utf8 *utf8Reader
	pos  []int32      // positions of the row's fields
	out  []Diagnostic // the diagnostics so far
	// hinted is set once a cell that is not UTF-8 has been reported with
	// a hint at the encoding the file may be in.
	hinted bool
}

func (c *cellChecks) fieldPos(i int) (int, int) { return fieldPos(c.pos, i) }

func (c *cellChecks) report(line, col int, field, code, format string, args ...any) {
	c.out = append(c.out, diagnostic(c.name, line, col, field, code, format, args...))
}

// checkFields runs the checks of every cell but the dates, and replaces
// text that is not UTF-8 in place.
func (c *cellChecks) checkFields(fields []string) {
	h := c.hdr
	checkUTF8 := c.utf8.bad.Load()
	checkCtl := c.utf8.ctl.Load()
	for i, v := range fields {
		if checkCtl && v != "" {
			c.checkControl(i, v)
		}
		if checkUTF8 && !utf8.ValidString(v) {
			line, col := c.fieldPos(i)
			bad := 0
			for bad < len(v) {
				r, size := utf8.DecodeRuneInString(v[bad:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				bad += size
			}
			if !c.hinted {
				c.hinted = true
				c.report(line, col+bad, h.Names[i], CodeTextEncoding, "text is not UTF-8 (byte 0x%02x): %s", v[bad], encodingHint)
			} else {
				c.report(line, col+bad, h.Names[i], CodeTextEncoding, "text is not UTF-8 (byte 0x%02x)", v[bad])
			}
			fields[i] = strings.ToValidUTF8(v, "\uFFFD")
			continue
		}
		if v == "" {
			continue
		}
		switch col := h.cols[i]; col {
		case ColID, ColLatitude, ColLongitude, ColConfidence, ColKind, ColSources, ColMedia:
			c.checkField(col, i, v)
		case ColStart, ColEnd:
			// checked with the dates
		default:
			// Any other text, in a column of ours or an extra one, is
			// only looked at as a formula: most cells, so without a call.
			if formulaStart[v[0]] && formulaLike(v) {
				c.warnFormula(i, v)
			}
		}
	}
	for _, col := range []Column{ColStart, ColTitle} {
		if i := h.index[col]; i >= 0 && fields[i] == "" {
			line, at := c.fieldPos(i)
			c.report(line, at, col.String(), CodeRequired, "required value is missing")
		}
	}
	if i := h.index[ColID]; i >= 0 && fields[i] == "" {
		line, col := c.fieldPos(i)
		c.report(line, col, "id", CodeIDBlank, "id is blank; timeline fmt fills it in")
	}
	lat, lon := h.index[ColLatitude], h.index[ColLongitude]
	if lat >= 0 && lon >= 0 && (fields[lat] == "") != (fields[lon] == "") {
		i := lat
		if fields[lat] == "" {
			i = lon
		}
		line, col := c.fieldPos(i)
		c.report(line, col, h.Names[i], CodeCoordPair, "latitude and longitude go together: one is missing")
	}
}

// checkField runs the check of a cell v, not empty, of a column c that has
// one of its own (see checkFields), at index i.
func (s *cellChecks) checkField(c Column, i int, v string) {
	pos := s.fieldPos
	switch c {
	case ColID:
		if !validID(v) {
			line, col := pos(i)
			s.report(line, col, "id", CodeIDSyntax, "%q is not a valid id: use lower-case letters, digits and '-', starting with a letter or digit", v)
		}
	case ColLatitude, ColLongitude:
		limit := 90
		if c == ColLongitude {
			limit = 180
		}
		switch {
		case !plainDecimal(v):
			line, col := pos(i)
			s.report(line, col, c.String(), CodeCoordSyntax, "%q is not a number in decimal degrees", v)
		case !withinDegrees(v, limit):
			line, col := pos(i)
			s.report(line, col, c.String(), CodeCoordRange, "%s out of range: want -%d to %d", v, limit, limit)
		}
	case ColConfidence:
		if v != ConfidenceHigh && v != ConfidenceModerate && v != ConfidenceLow {
			line, col := pos(i)
			s.report(line, col, "confidence", CodeConfidence, "unknown confidence %q: want high, moderate or low", v)
		}
	case ColKind:
		if v != KindEvent && v != KindEra {
			line, col := pos(i)
			s.report(line, col, "kind", CodeKind, "unknown kind %q: want event, era or blank", v)
		}
	case ColSources:
		// Only an item with a colon can be a link.
		for rest := v; strings.IndexByte(rest, ':') >= 0; {
			item, after, _ := strings.Cut(rest, ";")
			rest = after
			item = strings.TrimSpace(item)
			if scheme, isLink := linkScheme(item); isLink && !allowedScheme(scheme) {
				line, col := pos(i)
				s.report(line, col, "sources", CodeLinkScheme, "link %q: only http, https and mailto links are allowed", item)
			}
		}
		s.formula(i, v)
	case ColMedia:
		scheme, isLink := linkScheme(v)
		if !isLink || (scheme != "http" && scheme != "https") {
			line, col := pos(i)
			s.report(line, col, "media", CodeMediaURL, "media %q is not an http or https URL", v)
		}
	}
}

// plainDecimal reports whether v is written as [+-]digits[.digits], the only
// spelling of a coordinate accepted (not 1e3, 0x1p4, Inf or NaN).
func plainDecimal(v string) bool {
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(v); i++ {
		switch b := v[i]; {
		case b >= '0' && b <= '9':
			digits++
		case b == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// withinDegrees reports whether v, a plainDecimal, lies in [-limit, limit],
// reading its digits rather than parsing a float, which costs more than
// the rest of a row's checks.
func withinDegrees(v string, limit int) bool {
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	n := 0
	for ; i < len(v) && v[i] != '.'; i++ {
		if n = n*10 + int(v[i]-'0'); n > limit {
			return false
		}
	}
	if n < limit {
		return true
	}
	for i++; i < len(v); i++ {
		if v[i] != '0' {
			return false
		}
	}
	return true
}

func (s *cellChecks) formula(i int, v string) {
	if formulaStart[v[0]] && formulaLike(v) {
		s.warnFormula(i, v)
	}
}

func (s *cellChecks) warnFormula(i int, v string) {
	line, col := s.fieldPos(i)
	s.report(line, col, s.hdr.Names[i], CodeTextFormula, "starts with %q: a spreadsheet would run it as a formula", v[:1])
}

// formulaStart is set for the first bytes of text formulaLike looks at
// further: most cells start with none of them.
var formulaStart = [256]bool{'=': true, '@': true, '\t': true, '\r': true, '+': true, '-': true}

// formulaLike reports whether a spreadsheet would treat v as a formula:
// text starting with = + - @ or a tab or carriage return, unless it is a
// plain number.
func formulaLike(v string) bool {
	switch v[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		_, err := strconv.ParseFloat(v, 64)
		return err != nil
	}
	return false
}

// linkScheme returns the lower-cased scheme of s when s looks like a link
// (scheme ":" ...). Citations such as "Galeotti 2017: p. 3" are not links.
func linkScheme(s string) (string, bool) {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || colon > 32 {
		return "", false
	}
	for i := 0; i < colon; i++ {
		b := s[i]
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z':
		case i > 0 && (b >= '0' && b <= '9' || b == '+' || b == '-' || b == '.'):
		default:
			return "", false
		}
	}
	scheme := strings.ToLower(s[:colon])
	rest := s[colon+1:]
	// "Note: text" is not a link; a scheme is followed by "//" or is one that
	// runs or embeds code.
	if strings.HasPrefix(rest, "//") || scheme == "mailto" || scheme == "javascript" || scheme == "data" || scheme == "vbscript" || scheme == "file" {
		return scheme, true
	}
	return "", false
}

func allowedScheme(s string) bool { return s == "http" || s == "https" || s == "mailto" }

// IsLink reports whether s is a link the page may make clickable: an http,
// https or mailto URL.
func IsLink(s string) bool {
	scheme, ok := linkScheme(s)
	return ok && allowedScheme(scheme)
}

// validID reports whether s is a slug [a-z0-9][a-z0-9-]*.
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || (b == '-' && i > 0) {
			continue
		}
		return false
	}
	return true
}

// checkControl reports a NUL byte (an error: many programs cut text
// there) or another control character (a warning: ESC and BEL, printed to
// a terminal, act on it) in a cell. Tab, line feed and carriage return are
// text.
func (c *cellChecks) checkControl(i int, v string) {
	for k, r := range v {
		switch {
		case r == 0:
			line, col := c.fieldPos(i)
			c.report(line, col, c.hdr.Names[i], CodeTextNUL, "a NUL byte at byte %d of the cell", k+1)
			return
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f, r >= 0x80 && r < 0xa0:
			line, col := c.fieldPos(i)
			c.report(line, col, c.hdr.Names[i], CodeTextControl, "control character U+%04X at byte %d of the cell", r, k+1)
			return
		}
	}
}
