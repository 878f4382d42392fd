package timeline

import "io"

// crReader passes its input through, except that in a file whose lines end
// with a carriage return alone (as classic Mac OS wrote them, and some
// exports still do) it turns every carriage return into a line feed, so
// that such a file reads as lines rather than as one long header. Which
// kind of file it is follows from the first line break: a lone CR, or an
// LF (with or without a CR before it).
type crReader struct {
	r       io.Reader
	decided bool
	crOnly  bool
	held    bool // a CR at the end of the last read, not yet passed on
}

func (c *crReader) Read(p []byte) (int, error) {
	if c.decided && !c.crOnly {
		return c.r.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	off := 0
	if c.held {
		p[0] = '\r'
		off = 1
	}
	n, err := c.r.Read(p[off:])
	n += off
	b := p[:n]
	if !c.decided {
		c.held = false
		c.decided, c.crOnly = firstBreak(b, err == io.EOF)
		if !c.decided && len(b) > 0 && b[len(b)-1] == '\r' {
			// A CR at the end of what was read: whether a LF follows is
			// not known yet, so it waits for the next read.
			c.held = true
			n--
			b = b[:n]
			if n == 0 && err == nil {
				// Nothing else to give yet; the next read carries the CR.
				return c.Read(p)
			}
		}
	}
	if c.crOnly {
		for i, ch := range b {
			if ch == '\r' {
				b[i] = '\n'
			}
		}
	}
	return n, err
}

// firstBreak decides, from the first line break of b, whether the lines
// end with a carriage return alone (crOnly). It is undecided when b has no
// line break, or ends with a CR and more may follow (atEOF unset).
func firstBreak(b []byte, atEOF bool) (decided, crOnly bool) {
	for i, ch := range b {
		if ch == '\n' {
			return true, false
		}
		if ch != '\r' {
			continue
		}
		if i+1 < len(b) {
			return true, b[i+1] != '\n'
		}
		return atEOF, atEOF
	}
	return false, false
}
