package timeline

import (
	"bytes"
	"io"
)

// referencedIDs returns every id that a relative date in data may refer to:
// the text before each "+P" or "-P" back to the start of its cell, when it is
// a valid id. It reads bytes, not CSV, so it is fast and linear in the
// input; it may return a few ids too many (from text that looks like a
// relative date), never too few.
func referencedIDs(data []byte) map[string]bool {
	ids := map[string]bool{}
	eachReferencedID(data, func(id []byte) { ids[string(id)] = true })
	return ids
}

// eachReferencedID calls fn with each id referencedIDs returns, once or
// more; id is valid during the call.
func eachReferencedID(data []byte, fn func(id []byte)) {
	// "P" is rarer than "+" or "-", which every date has.
	for at := 0; ; {
		i := bytes.IndexByte(data[at:], 'P')
		if i < 0 {
			return
		}
		i += at
		at = i + 1
		if i == 0 || data[i-1] != '+' && data[i-1] != '-' {
			continue
		}
		// Walk back over the bytes an id may hold: a slug has no upper-case
		// P, so no byte is walked over twice, however long the cell.
		j := i - 1
		for j > 0 && slugByte(data[j-1]) {
			j--
		}
		if j > 0 && data[j-1] != ',' && data[j-1] != '\n' && data[j-1] != '\r' && data[j-1] != '"' {
			continue // the cell holds more than an id before the duration
		}
		if id := data[j : i-1]; len(id) > 0 && id[0] != '-' {
			fn(id)
		}
	}
}

// slugByte reports whether b may appear in an id.
func slugByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' }

// referencedIDsIn is referencedIDs over a stream, read in blocks of whole
// lines so that memory stays small.
func referencedIDsIn(r io.Reader) (map[string]bool, error) {
	ids := map[string]bool{}
	err := eachReferencedIDIn(r, func(id []byte) { ids[string(id)] = true })
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// eachReferencedIDIn is eachReferencedID over a stream.
func eachReferencedIDIn(r io.Reader, fn func(id []byte)) error {
	buf := make([]byte, 1<<20)
	n := 0 // bytes in buf
	for {
		// What is left of the last read holds no line break, so only the
		// bytes read now need searching.
		old := n
		m, err := r.Read(buf[n:])
		n += m
		if err != nil && err != io.EOF {
			return err
		}
		cut := 0
		if nl := bytes.LastIndexByte(buf[old:n], '\n'); nl >= 0 {
			cut = old + nl + 1
		}
		if err == io.EOF {
			cut = n
		}
		if cut > 0 {
			eachReferencedID(buf[:cut], fn)
			n = copy(buf, buf[cut:n])
		}
		if err == io.EOF {
			return nil
		}
		if n == len(buf) { // a line longer than the buffer
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
}
