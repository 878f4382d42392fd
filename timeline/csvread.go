package timeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// csvReader reads CSV exactly as encoding/csv's Reader does with the comma
// as separator, FieldsPerRecord -1 and strict quotes: the same records, the
// same field positions and the same *csv.ParseError for malformed input
// (FuzzCSVReader holds it to that). It is about twice as fast, because it
// reads the input in large blocks, turns each block of whole lines into one
// string and slices the cells out of it: an ordinary cell costs neither a
// copy nor an allocation. Cells hold on to their block, so a caller that
// keeps a few cells of a large file should clone them.
type csvReader struct {
	src   lineSource
	ahead *linesAhead // when set, src is read in another goroutine
	data  string      // whole lines of input; at the end of input, all the rest
	off   int         // where the next record starts in data
	line  int         // number of the line at off
	eof   bool        // there is no more input: data holds the rest of it
	rec   []string
	pos   []int32 // line and column of each field of rec, in pairs
	buf   []byte  // the text of a quoted cell that had to be unescaped
	// unclosed is the line and column of the quoted cell that the last
	// ParseError found open at the end of the input, or zero: a quote that
	// is never closed is best reported where it was opened.
	unclosed [2]int32
}

// lineSource reads input in large blocks and gives it out as text of
// whole lines.
type lineSource struct {
	r       io.Reader
	skipBOM bool   // drop a UTF-8 byte-order mark at the very start
	size    int    // how much input a read asks for at least
	block   []byte // read buffer, reused
	tail    []byte // input read after the last line break given out
}

// csvBlock is how much input a read asks for; a record longer than that
// grows the block.
const csvBlock = 256 << 10

// errMore says a record runs past the end of data: read more and parse it
// again.
var errMore = errors.New("need more input")

func newCSVReader(r io.Reader, skipBOM bool) *csvReader {
	return &csvReader{src: lineSource{r: r, skipBOM: skipBOM, size: csvBlock}, line: 1}
}

// Read returns the next record, reusing the slice of the previous one. At
// the end of input it returns io.EOF; for malformed CSV, a *csv.ParseError
// (and no record) after which reading goes on at the next line.
func (c *csvReader) Read() ([]string, error) {
	c.rec, c.pos = c.rec[:0], c.pos[:0]
	if err := c.next(); err != nil {
		return nil, err
	}
	return c.rec, nil
}

// appendRecord reads the next record as Read does, appending its fields
// and their positions to fields and pos, which it returns; they are
// unchanged on error.
func (c *csvReader) appendRecord(fields []string, pos []int32) ([]string, []int32, error) {
	c.rec, c.pos = fields, pos
	err := c.next()
	fields, pos = c.rec, c.pos
	c.rec, c.pos = nil, nil
	return fields, pos, err
}

// next appends the next record to rec and pos.
func (c *csvReader) next() error {
	n, p := len(c.rec), len(c.pos)
	c.unclosed = [2]int32{}
	for {
		err := c.readRecord()
		if err == nil {
			return nil
		}
		c.rec, c.pos = c.rec[:n], c.pos[:p]
		if err != errMore {
			return err
		}
		if err := c.fill(); err != nil {
			return err
		}
	}
}

// FieldPos returns the line and column (1-based, in bytes) where field i of
// the last record starts.
func (c *csvReader) FieldPos(i int) (line, col int) { return fieldPos(c.pos, i) }

// fill reads more input after the unparsed rest of data, up to at least one
// more line break or the end of input.
func (c *csvReader) fill() error {
	if c.eof {
		return io.EOF
	}
	var data string
	var eof bool
	var err error
	if c.ahead != nil {
		data, eof, err = c.ahead.next(c.data[c.off:])
	} else {
		data, eof, err = c.src.next(c.data[c.off:])
	}
	if err != nil {
		return err
	}
	c.data, c.off, c.eof = data, 0, eof
	return nil
}

// next reads more input, up to at least one more line break or the end of
// input (eof), and returns rest followed by what it read up to its last
// line break (all of it at the end of input). What follows that line break
// is kept for the next call.
func (l *lineSource) next(rest string) (data string, eof bool, err error) {
	l.block = append(l.block[:0], rest...)
	l.block = append(l.block, l.tail...)
	if cap(l.block) < l.size || len(l.block) > cap(l.block)/2 {
		grown := make([]byte, len(l.block), max(l.size, 2*len(l.block)))
		copy(grown, l.block)
		l.block = grown
	}
	old := len(l.block)
	cut := -1
	for empty := 0; ; {
		n, err := l.r.Read(l.block[len(l.block):cap(l.block)])
		l.block = l.block[:len(l.block)+n]
		if n > 0 {
			empty = 0
		} else if empty++; empty == 100 && err == nil {
			return "", false, io.ErrNoProgress // as bufio does with a reader that gives nothing
		}
		if err == io.EOF {
			eof = true
			cut = len(l.block)
			break
		}
		if err != nil {
			return "", false, err
		}
		if len(l.block) < cap(l.block) {
			continue
		}
		if i := bytes.LastIndexByte(l.block[old:], '\n'); i >= 0 {
			cut = old + i + 1
			break
		}
		l.block = append(l.block, 0)[:len(l.block)] // no line break yet: grow
	}
	block := l.block
	if l.skipBOM {
		l.skipBOM = false
		if bytes.HasPrefix(block, []byte("\xef\xbb\xbf")) {
			block, cut = block[3:], cut-3
		}
	}
	data = string(block[:cut])
	l.tail = append(l.tail[:0], block[cut:]...)
	return data, eof, nil
}

// linesAhead runs a lineSource in a goroutine of its own, a few blocks
// ahead of the parsing: the read system calls, the checks of every byte
// that utf8Reader and crReader make, and the copy of each block into the
// text that cells are cut from then run beside the parsing of the block
// before rather than in turn with it.
type linesAhead struct {
	lines chan lines
	quit  chan struct{}
	err   error // the error the goroutine ended with
}

// lines is what one lineSource.next gave.
type lines struct {
	data string
	eof  bool
	err  error
}

// linesAheadBlocks is how many blocks the goroutine may read ahead.
const linesAheadBlocks = 3

// readLinesAhead makes c read its input from now on in another goroutine (see
// linesAhead), unless it has read all of it. The goroutine ends at the end
// of input, at an error, or when stop is called.
func (c *csvReader) readLinesAhead() (stop func()) {
	if c.eof || c.ahead != nil {
		return func() {}
	}
	a := &linesAhead{lines: make(chan lines, linesAheadBlocks), quit: make(chan struct{})}
	src := &c.src // the goroutine's alone from now on
	go func() {
		for {
			data, eof, err := src.next("")
			select {
			case a.lines <- lines{data, eof, err}:
			case <-a.quit:
				return
			}
			if eof || err != nil {
				return
			}
		}
	}()
	c.ahead = a
	return func() { close(a.quit) }
}

// next is lineSource.next of the text the goroutine read.
func (a *linesAhead) next(rest string) (string, bool, error) {
	if a.err != nil {
		return "", false, a.err
	}
	l := <-a.lines
	if l.err != nil {
		a.err = l.err
		return "", false, l.err
	}
	if rest != "" {
		l.data = rest + l.data // a record that runs on past a block
	}
	return l.data, l.eof, nil
}

// setWhole makes data, the whole input, what c reads, without reading its
// reader: the cells are substrings of data.
func (c *csvReader) setWhole(data string) {
	if c.src.skipBOM {
		c.src.skipBOM = false
		data = strings.TrimPrefix(data, "\xef\xbb\xbf")
	}
	c.data, c.off, c.eof = data, 0, true
}

// lineEnd returns, for the line that starts at start, the end of its text
// and where the next line starts. The text ends before the line break and
// before a carriage return that precedes it or the end of input, as
// encoding/csv normalises lines. hasNL is false for a last line without a
// line break, and also when data ends before the line does (more input is
// needed unless at the end).
func (c *csvReader) lineEnd(start int) (end, next int, hasNL bool) {
	if nl := strings.IndexByte(c.data[start:], '\n'); nl >= 0 {
		end = start + nl
		next = end + 1
		hasNL = true
	} else {
		end, next = len(c.data), len(c.data)
	}
	if end > start && c.data[end-1] == '\r' && (hasNL || c.eof) {
		end--
	}
	return end, next, hasNL
}

// readRecord parses the record at off into rec and pos. It leaves off
// unchanged and returns errMore when the record runs past the end of data
// before the end of input.
func (c *csvReader) readRecord() error {
	data := c.data
	off, line := c.off, c.line
	// Skip empty lines.
	var end, next int
	var hasNL bool
	for {
		if off == len(data) {
			if c.eof {
				c.off, c.line = off, line
				return io.EOF
			}
			return errMore
		}
		if end, next, hasNL = c.lineEnd(off); end > off {
			break
		}
		if !hasNL && !c.eof {
			return errMore
		}
		off, line = next, line+1
	}
	recLine := line
	lineStart := off
	i := off
	// quote is the first quote at or after i on this line, or end.
	quote := -1
	findQuote := func() {
		quote = end
		if q := strings.IndexByte(data[i:end], '"'); q >= 0 {
			quote = i + q
		}
	}
	findQuote()
	fail := func(errLine, col int, err error) error {
		// encoding/csv drops the rest of the line where it fails.
		c.off, c.line = next, errLine+1
		return &csv.ParseError{StartLine: recLine, Line: errLine, Column: col, Err: err}
	}
fields:
	for {
		col := int32(i - lineStart + 1)
		if i == end || data[i] != '"' {
			// An unquoted cell runs to the next comma or the end of the line.
			stop := end
			if comma := strings.IndexByte(data[i:end], ','); comma >= 0 {
				stop = i + comma
			}
			if quote < stop {
				return fail(line, quote-lineStart+1, csv.ErrBareQuote)
			}
			c.rec = append(c.rec, data[i:stop])
			c.pos = append(c.pos, int32(line), col)
			if stop == end {
				break fields
			}
			i = stop + 1
			continue fields
		}
		// A quoted cell: its text is a substring of data unless it holds
		// a doubled quote or a line break.
		fieldLine := int32(line)
		i++
		// Its text so far is data[start:i] while it is plain, and buf
		// once it is not.
		start, plain := i, true
		for {
			q := strings.IndexByte(data[i:end], '"')
			if q < 0 {
				// The cell goes on past this line.
				if plain {
					c.buf, plain = append(c.buf[:0], data[start:i]...), false
				}
				c.buf = append(c.buf, data[i:end]...)
				if !hasNL {
					if !c.eof {
						return errMore
					}
					c.unclosed = [2]int32{fieldLine, col}
					return fail(line, end-lineStart+1, csv.ErrQuote)
				}
				c.buf = append(c.buf, '\n')
				if next == len(data) && !c.eof {
					return errMore
				}
				nEnd, nNext, nHasNL := c.lineEnd(next)
				if nEnd == next && !nHasNL {
					// Only the end of input (or a lone carriage return
					// before it) follows.
					c.unclosed = [2]int32{fieldLine, col}
					return fail(line, end-lineStart+2, csv.ErrQuote)
				}
				lineStart, i, line = next, next, line+1
				end, next, hasNL = nEnd, nNext, nHasNL
				continue
			}
			q += i
			if !plain {
				c.buf = append(c.buf, data[i:q]...)
			}
			i = q + 1
			if i < end && data[i] == '"' {
				if plain {
					c.buf, plain = append(c.buf[:0], data[start:q]...), false
				}
				c.buf = append(c.buf, '"')
				i++
				continue
			}
			if i < end && data[i] != ',' {
				return fail(line, q-lineStart+1, csv.ErrQuote)
			}
			text := data[start:q]
			if !plain {
				text = string(c.buf)
			}
			c.rec = append(c.rec, text)
			c.pos = append(c.pos, fieldLine, col)
			if i == end {
				break fields
			}
			i++
			findQuote()
			continue fields
		}
	}
	if !hasNL && !c.eof {
		return errMore
	}
	c.off, c.line = next, line+1
	return nil
}
