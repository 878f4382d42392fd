package timeline

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// DecodeReader returns r decoded from the named text encoding to UTF-8:
// the names the WHATWG Encoding Standard knows ("windows-1252", "latin1",
// "iso-8859-15", "utf-16le", "shift_jis", …), and "utf-16", which reads a
// byte-order mark (little-endian without one). "" and "utf-8" return r as
// it is.
func DecodeReader(r io.Reader, name string) (io.Reader, error) {
	enc, err := Encoding(name)
	if err != nil || enc == nil {
		return r, err
	}
	return transform.NewReader(r, enc.NewDecoder()), nil
}

// Encoding returns the named text encoding (see DecodeReader); nil for
// UTF-8.
func Encoding(name string) (encoding.Encoding, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "", "utf-8", "utf8":
		return nil, nil
	case "utf-16", "utf16":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), nil
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), nil
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), nil
	}
	enc, err := htmlindex.Get(n)
	if err != nil {
		return nil, fmt.Errorf("unknown text encoding %q: want utf-8, windows-1252, iso-8859-1, utf-16 or another WHATWG encoding name", name)
	}
	return enc, nil
}
