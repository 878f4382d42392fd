package timeline

import (
	"io"
	"sync/atomic"
	"unicode/utf8"
)

// utf8Reader passes bytes through and notes whether any of them is not valid
// UTF-8. Checking the stream in large blocks costs far less than checking
// every field, which is only done once a bad byte has been seen.
type utf8Reader struct {
	r    io.Reader
	bad  atomic.Bool
	tail []byte // an incomplete sequence at the end of the last block
	buf  []byte
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if n > 0 && !u.bad.Load() {
		block := p[:n]
		if len(u.tail) > 0 {
			u.buf = append(append(u.buf[:0], u.tail...), block...)
			block = u.buf
		}
		cut := len(block) - incompleteTail(block)
		if !utf8.Valid(block[:cut]) {
			u.bad.Store(true)
		}
		u.tail = append(u.tail[:0], block[cut:]...)
	}
	if err == io.EOF && len(u.tail) > 0 {
		u.bad.Store(true) // the input ends inside a sequence
	}
	return n, err
}

// incompleteTail returns how many bytes at the end of b begin a multi-byte
// sequence that b does not finish.
func incompleteTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if c >= 0xC0 { // a leading byte
			need := 2
			switch {
			case c >= 0xF0:
				need = 4
			case c >= 0xE0:
				need = 3
			}
			if need > i {
				return i
			}
			return 0
		}
	}
	return 0
}
