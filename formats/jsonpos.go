package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

// jsonDoc is a JSON file in memory with the line of each byte offset, for
// reporting records by the line of their opening brace.
type jsonDoc struct {
	data  []byte
	lines []int // offset where each line starts
}

func newJSONDoc(data []byte) *jsonDoc {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	d := &jsonDoc{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	return d
}

// lineAt returns the line of the first byte at or after off that is not
// white space, a comma or a colon.
func (d *jsonDoc) lineAt(off int64) int {
	i := int(off)
	for i < len(d.data) {
		switch d.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
			continue
		}
		break
	}
	return sort.SearchInts(d.lines, i+1)
}

// position turns a decoding error into "LINE:COL: message".
func (d *jsonDoc) position(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var off int64 = -1
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err
	}
	line := sort.SearchInts(d.lines, int(off)+1)
	col := int(off) - d.lines[line-1] + 1
	return fmt.Errorf("%d:%d: %v", line, col, err)
}

// element is one member of a JSON array with the line it starts on.
type element struct {
	raw  json.RawMessage
	line int
}

// arrayAt decodes the array held in raw (which starts at byte offset base
// of the document) into its elements, each with its line.
func (d *jsonDoc) arrayAt(raw json.RawMessage, base int64) ([]element, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '[' {
		return nil, fmt.Errorf("line %d: want an array", d.lineAt(base))
	}
	var out []element
	for dec.More() {
		off := dec.InputOffset()
		var el json.RawMessage
		if err := dec.Decode(&el); err != nil {
			return out, err
		}
		out = append(out, element{el, d.lineAt(base + off)})
	}
	return out, nil
}

// members decodes the object held in raw (at offset base) into its members
// in order, with the offset of each value.
func (d *jsonDoc) members(raw json.RawMessage, base int64) ([]string, map[string]json.RawMessage, map[string]int64, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, nil, err
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return nil, nil, nil, fmt.Errorf("line %d: want an object", d.lineAt(base))
	}
	var keys []string
	vals := map[string]json.RawMessage{}
	offs := map[string]int64{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, nil, err
		}
		key, _ := tok.(string)
		off := dec.InputOffset()
		// The value starts after the colon and any white space.
		for off < int64(len(raw)) && (raw[off] == ':' || raw[off] == ' ' || raw[off] == '\t' || raw[off] == '\n' || raw[off] == '\r') {
			off++
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, nil, err
		}
		keys = append(keys, key)
		vals[key] = v
		offs[key] = base + off
	}
	return keys, vals, offs, nil
}

// scalar returns a JSON scalar as text: strings as they are, numbers as
// written, true/false, and "" for null or a missing value.
func scalar(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return ""
	}
	if raw[0] == '{' || raw[0] == '[' {
		return ""
	}
	return string(raw)
}

// jsonFirstByte returns the first byte of head that is not white space or
// a byte-order mark.
func jsonFirstByte(head []byte) byte {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return 0
	}
	return head[0]
}
