package timeline

import (
	"bytes"
	"errors"
	"io"
	"sync"
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

// eachReferencedIDAt is eachReferencedIDIn over r's bytes from..to, cut at
// line breaks into up to parts parts, which are read at the same time:
// fn(part, id) is called from one goroutine per part. Nothing else can be
// done while the whole input is read before its rows are checked, so the
// reading is shared out.
func eachReferencedIDAt(r io.ReaderAt, from, to int64, parts int, fn func(part int, id []byte)) error {
	cuts := lineCuts(r, from, to, parts)
	errs := make([]error, len(cuts)-1)
	var wg sync.WaitGroup
	for k := range errs {
		wg.Go(func() {
			part := io.NewSectionReader(r, cuts[k], cuts[k+1]-cuts[k])
			errs[k] = eachReferencedIDIn(part, func(id []byte) { fn(k, id) })
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// lineCuts returns from, up to parts-1 offsets just after a line break
// that share from..to out about evenly, and to. A cut is left out when no
// line break follows its share's end closely.
func lineCuts(r io.ReaderAt, from, to int64, parts int) []int64 {
	cuts := []int64{from}
	buf := make([]byte, 64<<10)
	for k := 1; k < parts; k++ {
		at := from + (to-from)*int64(k)/int64(parts)
		if at <= cuts[len(cuts)-1] {
			continue
		}
		n, _ := r.ReadAt(buf[:min(int64(len(buf)), to-at)], at)
		if nl := bytes.IndexByte(buf[:n], '\n'); nl >= 0 && at+int64(nl)+1 < to {
			cuts = append(cuts, at+int64(nl)+1)
		}
	}
	return append(cuts, to)
}
