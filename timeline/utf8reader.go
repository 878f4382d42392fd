package timeline

import (
	"encoding/binary"
	"io"
	"sync/atomic"
	"unicode/utf8"
)

// utf8Reader passes bytes through and notes whether any of them is not valid
// UTF-8, and whether any is a control character other than tab, line feed
// and carriage return (NUL, ESC, BEL, DEL, C1 controls). Checking the
// stream in large blocks costs far less than checking every field, which is
// only done once such a byte has been seen.
type utf8Reader struct {
	r    io.Reader
	bad  atomic.Bool
	ctl  atomic.Bool
	tail []byte // an incomplete sequence at the end of the last block
	buf  []byte
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	if n > 0 && !u.ctl.Load() && hasControl(p[:n]) {
		u.ctl.Store(true)
	}
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

// hasControl reports whether b holds a control byte other than tab, LF and
// CR: a C0 control, DEL, or the first byte (0xC2) of a C1 control in UTF-8,
// which a closer look at the cell tells apart from other characters. It
// asks first, of 32 bytes at a time, whether any lies outside printable
// ASCII, which takes fewer steps than the exact question; only then does it
// look at their words, and at single bytes only in a word that may hold a
// control (about one a line, for the line break).
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// outside has the high bit of every byte below 0x20 or above 0x7e set
	// (and maybe of bytes above such a byte).
	outside := func(x uint64) uint64 { return (x&(0x7f*ones) + ones) | x | (x-0x20*ones)&^x }
	for len(b) >= 32 {
		x0 := binary.LittleEndian.Uint64(b)
		x1 := binary.LittleEndian.Uint64(b[8:])
		x2 := binary.LittleEndian.Uint64(b[16:])
		x3 := binary.LittleEndian.Uint64(b[24:])
		if (outside(x0)|outside(x1)|outside(x2)|outside(x3))&highs != 0 {
			for k := 0; k < 32; k += 8 {
				if mayControl(binary.LittleEndian.Uint64(b[k:])) != 0 && controlIn(b[k:k+8]) {
					return true
				}
			}
		}
		b = b[32:]
	}
	for len(b) >= 8 {
		if mayControl(binary.LittleEndian.Uint64(b)) != 0 && controlIn(b[:8]) {
			return true
		}
		b = b[8:]
	}
	return controlIn(b)
}

// mayControl is not zero when the eight bytes of x hold one below 0x20,
// 0x7f or 0xc2 (and may be for other bytes past one of those).
func mayControl(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	low := (x - 0x20*ones) &^ x & highs // some byte below 0x20
	del := x ^ 0x7f*ones
	del = (del - ones) &^ del & highs // some byte 0x7f
	c2 := x ^ 0xc2*ones
	c2 = (c2 - ones) &^ c2 & highs // some byte 0xc2
	return low | del | c2
}

func controlIn(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f || c == 0xc2 {
			return true
		}
	}
	return false
}
