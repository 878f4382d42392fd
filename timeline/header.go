package timeline

// Header maps the columns of a file to the canonical ones.
type Header struct {
	// Names are the header cells as they appear in the file.
	Names []string
	index [numColumns]int // position of each canonical column, -1 when absent
	extra []int           // positions of the extra columns, in file order
	cols  []Column        // the canonical column at each position, or -1
}

// newHeader maps header names. Names that repeat are reported by the scanner.
func newHeader(names []string) *Header {
	h := &Header{Names: names, cols: make([]Column, len(names))}
	for i := range h.index {
		h.index[i] = -1
	}
	for i, n := range names {
		h.cols[i] = -1
		if c, ok := ColumnByName(n); ok {
			if h.index[c] < 0 {
				h.index[c] = i
				h.cols[i] = c
			}
			continue
		}
		h.extra = append(h.extra, i)
	}
	return h
}

// Has reports whether the file has the canonical column c.
func (h *Header) Has(c Column) bool { return h.index[c] >= 0 }

// Index returns the position of column c in the file, or -1.
func (h *Header) Index(c Column) int { return h.index[c] }

// Extra returns the names of the columns that are not canonical, in file order.
func (h *Header) Extra() []string {
	out := make([]string, len(h.extra))
	for i, p := range h.extra {
		out[i] = h.Names[p]
	}
	return out
}

// IndexOf returns the position of the column with the given name, or -1.
func (h *Header) IndexOf(name string) int {
	for i, n := range h.Names {
		if n == name {
			return i
		}
	}
	return -1
}
