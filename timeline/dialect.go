package timeline

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// Dialect is how an events table is spelled on disk: the Data Package
// resource's CSV Dialect (delimiter, quote character, escape character)
// and its text encoding. The zero Dialect, and any that says the same, is
// the canonical one: comma-separated, double quotes doubled, UTF-8.
type Dialect struct {
	Delimiter byte // 0 for ','
	Quote     byte // 0 for '"'
	// Escape, when not 0, escapes a quote inside a quoted cell instead of
	// doubling it (doubleQuote false).
	Escape   byte
	Encoding string // "" for UTF-8
}

func (d Dialect) delim() byte { return cmpOr(d.Delimiter, ',') }
func (d Dialect) quote() byte { return cmpOr(d.Quote, '"') }

func cmpOr(b, def byte) byte {
	if b == 0 {
		return def
	}
	return b
}

// IsCanonical reports whether the dialect is comma-separated UTF-8 CSV
// with doubled double quotes, which the Scanner reads as it is.
func (d Dialect) IsCanonical() bool {
	enc := strings.ToLower(d.Encoding)
	return d.delim() == ',' && d.quote() == '"' && d.Escape == 0 && (enc == "" || enc == "utf-8" || enc == "utf8")
}

// Dialect returns the events resource's dialect and encoding; a nil
// Package has the canonical one. It is an error for a dialect timeline
// cannot read: a delimiter or quote that is not one ASCII character, or a
// table without a header line.
func (p *Package) Dialect() (Dialect, error) {
	var d Dialect
	if p == nil {
		return d, nil
	}
	res, err := p.resource()
	if err != nil {
		return d, nil
	}
	res.get("encoding", &d.Encoding)
	var raw struct {
		Delimiter   *string `json:"delimiter"`
		QuoteChar   *string `json:"quoteChar"`
		DoubleQuote *bool   `json:"doubleQuote"`
		EscapeChar  *string `json:"escapeChar"`
		Header      *bool   `json:"header"`
	}
	if _, err := Encoding(d.Encoding); err != nil {
		return d, fmt.Errorf("resource encoding: %w", err)
	}
	if _, ok := res.raw("dialect"); !ok {
		return d, nil
	}
	if !res.get("dialect", &raw) {
		return d, fmt.Errorf("resource dialect: want a CSV Dialect object")
	}
	one := func(name string, s *string) (byte, error) {
		if s == nil {
			return 0, nil
		}
		if len(*s) != 1 || (*s)[0] >= utf8.RuneSelf || (*s)[0] == '\n' || (*s)[0] == '\r' {
			return 0, fmt.Errorf("resource dialect: %s %q: want one ASCII character", name, *s)
		}
		return (*s)[0], nil
	}
	if d.Delimiter, err = one("delimiter", raw.Delimiter); err != nil {
		return d, err
	}
	if d.Quote, err = one("quoteChar", raw.QuoteChar); err != nil {
		return d, err
	}
	if raw.DoubleQuote != nil && !*raw.DoubleQuote {
		if d.Escape, err = one("escapeChar", raw.EscapeChar); err != nil {
			return d, err
		}
		if d.Escape == 0 {
			d.Escape = '\\'
		}
	}
	if raw.Header != nil && !*raw.Header {
		return d, fmt.Errorf("resource dialect: header false: an events table needs its header line")
	}
	if d.delim() == d.quote() {
		return d, fmt.Errorf("resource dialect: the delimiter and the quote are the same character")
	}
	return d, nil
}

// NewDialectReader returns r, a table spelled in dialect d, as canonical
// CSV: decoded to UTF-8 and re-quoted with commas and double quotes. Line
// breaks are kept as they are, so line numbers stay those of the file.
func NewDialectReader(r io.Reader, d Dialect) (io.Reader, error) {
	dec, err := DecodeReader(r, d.Encoding)
	if err != nil {
		return nil, err
	}
	if d.delim() == ',' && d.quote() == '"' && d.Escape == 0 {
		return dec, nil
	}
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(convertDialect(bufio.NewReaderSize(dec, 64<<10), pw, d))
	}()
	return pr, nil
}

// convertDialect copies a table in dialect d from r to w as canonical CSV.
func convertDialect(r *bufio.Reader, w io.Writer, d Dialect) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	delim, quote, esc := d.delim(), d.quote(), d.Escape
	var cell []byte
	quoted, inQuote, afterQuote := false, false, false
	flush := func() {
		writeCanonicalCell(bw, cell, quoted && inQuote)
		cell, quoted, inQuote, afterQuote = cell[:0], false, false, false
	}
	for {
		b, err := r.ReadByte()
		if err == io.EOF {
			if len(cell) > 0 || quoted {
				flush()
			}
			return bw.Flush()
		}
		if err != nil {
			return err
		}
		switch {
		case inQuote && esc != 0 && b == esc:
			next, err := r.ReadByte()
			if err != nil {
				cell = append(cell, b)
				continue
			}
			cell = append(cell, next)
		case inQuote && b == quote:
			if esc == 0 {
				if next, err := r.Peek(1); err == nil && next[0] == quote {
					r.ReadByte()
					cell = append(cell, quote)
					continue
				}
			}
			inQuote, afterQuote = false, true
		case inQuote:
			cell = append(cell, b)
		case b == quote && len(cell) == 0 && !afterQuote:
			quoted, inQuote = true, true
		case b == delim:
			flush()
			bw.WriteByte(',')
		case b == '\n' || b == '\r':
			flush()
			bw.WriteByte(b)
		default:
			cell = append(cell, b)
		}
	}
}

// writeCanonicalCell writes a cell as canonical CSV; open is a quoted cell
// the input never closed, written open so that the Scanner reports it.
func writeCanonicalCell(w *bufio.Writer, cell []byte, open bool) {
	if !open && !bytes.ContainsAny(cell, ",\"\r\n") {
		w.Write(cell)
		return
	}
	w.WriteByte('"')
	w.Write(bytes.ReplaceAll(cell, []byte(`"`), []byte(`""`)))
	if !open {
		w.WriteByte('"')
	}
}

// dialectWriter returns a writer that encodes canonical UTF-8 text in
// d's encoding, and d's CSV spelling of a record.
type dialectWriter struct {
	w io.Writer
	d Dialect
}

// newDialectWriter writes records in dialect d to w.
func newDialectWriter(w io.Writer, d Dialect) (*dialectWriter, error) {
	enc, err := Encoding(d.Encoding)
	if err != nil {
		return nil, err
	}
	if enc != nil {
		w = transform.NewWriter(w, enc.NewEncoder())
	}
	return &dialectWriter{w: w, d: d}, nil
}

// Write writes one record and a line feed.
func (dw *dialectWriter) Write(rec []string) error {
	var b bytes.Buffer
	delim, quote := dw.d.delim(), dw.d.quote()
	special := string([]byte{delim, quote, '\r', '\n'})
	for i, c := range rec {
		if i > 0 {
			b.WriteByte(delim)
		}
		if !strings.ContainsAny(c, special) && (dw.d.Escape == 0 || !strings.ContainsRune(c, rune(dw.d.Escape))) {
			b.WriteString(c)
			continue
		}
		b.WriteByte(quote)
		for j := 0; j < len(c); j++ {
			switch {
			case c[j] == quote && dw.d.Escape != 0:
				b.WriteByte(dw.d.Escape)
			case c[j] == quote:
				b.WriteByte(quote)
			case dw.d.Escape != 0 && c[j] == dw.d.Escape:
				b.WriteByte(dw.d.Escape)
			}
			b.WriteByte(c[j])
		}
		b.WriteByte(quote)
	}
	b.WriteByte('\n')
	_, err := dw.w.Write(b.Bytes())
	return err
}

// Close flushes what the encoder holds.
func (dw *dialectWriter) Close() error {
	if c, ok := dw.w.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
