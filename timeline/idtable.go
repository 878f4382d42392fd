package timeline

// idTable maps the hashes of ids (already well mixed: maphash) to a line
// number, in one array probed linearly: a row's duplicate check is one
// probe of one table, where a Go map takes a lookup and an insertion, and
// a million ids take 12 bytes each at most twice over. With keep false it
// is a set and keeps no lines.
type idTable struct {
	keys  []uint64 // 0 marks an empty slot; the key 0 is zeroLine
	lines []uint32
	n     int
	zero  bool
	zeroL uint32
	keep  bool
	// seen has the bit of every key's top 16 bits set: 8 KB, which stay
	// in the processor's nearest cache, so that has answers most keys not
	// added (every row's id, looked up in the few ids relative dates refer
	// to) without touching the table.
	seen [1024]uint64
}

func newIDSet() *idTable   { return &idTable{} }
func newIDTable() *idTable { return &idTable{keep: true} }

// add records key with line, unless it is there already; it returns the
// line first recorded for key and whether it was.
func (t *idTable) add(key uint64, line uint32) (first uint32, found bool) {
	if key == 0 {
		if t.zero {
			return t.zeroL, true
		}
		t.zero, t.zeroL = true, line
		return 0, false
	}
	if (t.n+1)*10 > len(t.keys)*7 {
		t.grow()
	}
	t.seen[key>>54] |= 1 << (key >> 48 & 63)
	mask := uint64(len(t.keys) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			if t.keep {
				return t.lines[i], true
			}
			return 0, true
		case 0:
			t.keys[i] = key
			if t.keep {
				t.lines[i] = line
			}
			t.n++
			return 0, false
		}
	}
}

// touch reads the slot where key goes, so that the add that follows finds
// it in the cache; what it returns means nothing.
func (t *idTable) touch(key uint64) uint64 {
	if len(t.keys) == 0 {
		return 0
	}
	i := key & uint64(len(t.keys)-1)
	v := t.keys[i]
	if t.keep {
		v += uint64(t.lines[i])
	}
	return v
}

// has reports whether key was added.
func (t *idTable) has(key uint64) bool {
	if key == 0 {
		return t.zero
	}
	if t.seen[key>>54]&(1<<(key>>48&63)) == 0 {
		return false
	}
	mask := uint64(len(t.keys) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			return true
		case 0:
			return false
		}
	}
}

// len returns the number of keys.
func (t *idTable) len() int {
	if t.zero {
		return t.n + 1
	}
	return t.n
}

func (t *idTable) grow() {
	old, oldLines := t.keys, t.lines
	size := max(1024, 2*len(old))
	t.keys = make([]uint64, size)
	if t.keep {
		t.lines = make([]uint32, size)
	}
	mask := uint64(size - 1)
	for j, k := range old {
		if k == 0 {
			continue
		}
		i := k & mask
		for t.keys[i] != 0 {
			i = (i + 1) & mask
		}
		t.keys[i] = k
		if t.keep {
			t.lines[i] = oldLines[j]
		}
	}
}
