package charts

import (
	"bufio"
	"compress/gzip"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"timeline/timeline"
)

// The page carries its events once, as columns in two compressed blocks:
// "core", what the timeline is drawn from (bounds, flags, lanes, the value
// column), and "text", what the table, the story card and the search read
// (ids, titles, dates as formatted, places, actors, sources, …). Each block
// is the columns' bytes one after the other, gzipped and base64-encoded,
// with a table of contents in the page's JSON; the page script unpacks it
// with DecompressionStream (charts/page/data.js).
//
// A column is one section of typed numbers (little-endian, each section
// aligned to 8 bytes so the script views it in place) or of strings joined
// by NUL, which no usable cell holds. A text column whose values repeat is
// stored as a dictionary ("name.d", in order of first use) and an index per
// event ("name.i"); one whose values mostly differ as the strings
// themselves ("name.s"). A list column (actors, sources, tags) is a
// dictionary, a count per event ("name.c") and the indexes of all the
// events' values one after the other ("name.i").

// section says where a column is in its block and how to read it.
type section struct {
	T string `json:"t"` // u8, u16, i32, f64 or str
	O int    `json:"o"` // byte offset in the block
	L int    `json:"l"` // length in bytes
	N int    `json:"n"` // number of values
}

// block is a compressed block of columns as the page's JSON holds it.
type block struct {
	Cols map[string]section `json:"cols"`
	Z    string             `json:"z"` // the bytes, gzipped and base64-encoded
}

// blockWriter lays columns out in one block, compressing them as they
// come: a block is never held whole, neither raw nor compressed.
type blockWriter struct {
	out  *bufio.Writer // into the gzip stream
	off  int
	cols map[string]section
}

// writeBlock writes a block as the page's JSON holds it, its columns
// written by build, compressed at level.
func writeBlock(w io.Writer, level int, build func(*blockWriter)) error {
	if _, err := io.WriteString(w, `{"z":"`); err != nil {
		return err
	}
	b64 := base64.NewEncoder(base64.StdEncoding, w)
	zw, err := gzip.NewWriterLevel(b64, level)
	if err != nil {
		return err
	}
	b := &blockWriter{out: bufio.NewWriterSize(zw, 64<<10), cols: map[string]section{}}
	build(b)
	if err := b.out.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := b64.Close(); err != nil {
		return err
	}
	cols, err := json.Marshal(b.cols)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, `","cols":%s}`, cols)
	return err
}

// start aligns the next section to 8 bytes and records it.
func (b *blockWriter) start(name, typ string, n int) {
	for b.off%8 != 0 {
		b.out.WriteByte(0)
		b.off++
	}
	b.cols[name] = section{T: typ, O: b.off, N: n}
}

func (b *blockWriter) end(name string) {
	s := b.cols[name]
	s.L = b.off - s.O
	b.cols[name] = s
}

func (b *blockWriter) add(name, typ string, n int, data []byte) {
	b.start(name, typ, n)
	b.out.Write(data)
	b.off += len(data)
	b.end(name)
}

// uints writes v in the narrowest of u8, u16 and i32 that holds it.
func (b *blockWriter) uints(name string, v []uint32) {
	var max uint32
	for _, x := range v {
		max = maxOf(max, x)
	}
	switch {
	case max < 1<<8:
		out := make([]byte, len(v))
		for i, x := range v {
			out[i] = byte(x)
		}
		b.add(name, "u8", len(v), out)
	case max < 1<<16:
		out := make([]byte, 2*len(v))
		for i, x := range v {
			binary.LittleEndian.PutUint16(out[2*i:], uint16(x))
		}
		b.add(name, "u16", len(v), out)
	default:
		b.int32s(name, v)
	}
}

func maxOf(a, b uint32) uint32 {
	if b > a {
		return b
	}
	return a
}

func (b *blockWriter) int32s(name string, v []uint32) {
	out := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(out[4*i:], x)
	}
	b.add(name, "i32", len(v), out)
}

// ints writes v as i32 when every value fits, else as f64 (exact up to
// 2^53, beyond which no page date reaches).
func (b *blockWriter) ints(name string, v []int64) {
	fits := true
	for _, x := range v {
		if x < math.MinInt32 || x > math.MaxInt32 {
			fits = false
			break
		}
	}
	if fits {
		out := make([]byte, 4*len(v))
		for i, x := range v {
			binary.LittleEndian.PutUint32(out[4*i:], uint32(int32(x)))
		}
		b.add(name, "i32", len(v), out)
		return
	}
	f := make([]float64, len(v))
	for i, x := range v {
		f[i] = float64(x)
	}
	b.floats(name, f)
}

func (b *blockWriter) floats(name string, v []float64) {
	out := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(out[8*i:], math.Float64bits(x))
	}
	b.add(name, "f64", len(v), out)
}

// strs writes the n strings get returns joined by NUL; a NUL inside a
// value (no usable cell has one) becomes U+FFFD.
func (b *blockWriter) strs(name string, n int, get func(int) string) {
	b.start(name, "str", n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.out.WriteByte(0)
			b.off++
		}
		s := get(i)
		if strings.IndexByte(s, 0) >= 0 {
			s = strings.ReplaceAll(s, "\x00", "\uFFFD")
		}
		b.out.WriteString(s)
		b.off += len(s)
	}
	b.end(name)
}

func (b *blockWriter) strList(name string, v []string) {
	b.strs(name, len(v), func(i int) string { return v[i] })
}

// dict numbers strings in order of first use.
type dict struct {
	idx    map[string]uint32
	values []string
}

func newDict() *dict { return &dict{idx: map[string]uint32{}} }

func (d *dict) of(s string) uint32 {
	i, ok := d.idx[s]
	if !ok {
		i = uint32(len(d.values))
		d.idx[s] = i
		d.values = append(d.values, s)
	}
	return i
}

// sample is how many values decide, before the rest are looked at,
// whether a column's values repeat: a dictionary of a column whose values
// mostly differ costs a map entry an event and a second copy of each.
const sample = 4096

// repeats says whether fewer than half of the first values differ.
func repeats(n int, get func(int) string) bool {
	seen := map[string]bool{}
	m := min(n, sample)
	for i := 0; i < m; i++ {
		seen[get(i)] = true
	}
	return len(seen) <= m/2
}

// text writes a text column of n values: as a dictionary when they
// repeat, else as the strings.
func (b *blockWriter) text(name string, n int, get func(int) string) {
	if repeats(n, get) {
		d := newDict()
		ix := make([]uint32, n)
		i := 0
		for ; i < n && len(d.values) <= n/2+1; i++ {
			ix[i] = d.of(get(i))
		}
		if i == n {
			b.strList(name+".d", d.values)
			b.uints(name+".i", ix)
			return
		}
	}
	b.strs(name+".s", n, get)
}

// list writes a list column of n values: when its values repeat, a
// dictionary and the indexes into it ("name.i"), else the values
// themselves ("name.v"), with a count per event either way. When flag
// is given, "name.link" marks the dictionary entries (or values) it is
// true of.
func (b *blockWriter) list(name string, n int, get func(int) []string, flag func(string) bool) {
	counts := make([]uint32, n)
	var all []string
	for i := 0; i < n && len(all) < sample; i++ {
		all = append(all, get(i)...)
	}
	if !repeats(len(all), func(i int) string { return all[i] }) {
		var vals []string
		for i := 0; i < n; i++ {
			l := get(i)
			counts[i] = uint32(len(l))
			vals = append(vals, l...)
		}
		b.uints(name+".c", counts)
		b.strList(name+".v", vals)
		if flag != nil {
			b.flags(name+".link", vals, flag)
		}
		return
	}
	d := newDict()
	var ix []uint32
	for i := 0; i < n; i++ {
		l := get(i)
		counts[i] = uint32(len(l))
		for _, s := range l {
			ix = append(ix, d.of(s))
		}
	}
	b.strList(name+".d", d.values)
	b.uints(name+".c", counts)
	b.uints(name+".i", ix)
	if flag != nil {
		b.flags(name+".link", d.values, flag)
	}
}

func (b *blockWriter) flags(name string, v []string, flag func(string) bool) {
	out := make([]byte, len(v))
	for i, s := range v {
		if flag(s) {
			out[i] = 1
		}
	}
	b.add(name, "u8", len(out), out)
}

// gzipLevel trades size for time on large pages: above 32 MB of input the
// fastest level, whose output is about a third larger, keeps render of a
// million events within seconds.
func gzipLevel(size int) int {
	if size > 32<<20 {
		return gzip.BestSpeed
	}
	return gzip.DefaultCompression
}

// coreColumns are what the timeline is drawn from: each event's lower
// bound in minutes since the epoch as the difference from the previous
// event's ("lo"; events are in date order), its length in minutes ("dur"),
// its flags ("f"), its lanes ("ln.c", "ln.i": none for an era, which is
// drawn behind every lane) and the value column's numbers ("val.k",
// "val.v").
func coreColumns(b *blockWriter, events []Event, laneOf func(int) []uint32) {
	n := len(events)
	lo, dur := make([]int64, n), make([]int64, n)
	flags := make([]uint32, n)
	counts := make([]uint32, n)
	var lanes, valK []uint32
	var valV []float64
	var prev int64
	for i, e := range events {
		l, h := e.Lower, e.Upper
		lo[i], dur[i] = l-prev, h-l
		prev = l
		flags[i] = eventFlags(e)
		ls := laneOf(i)
		counts[i] = uint32(len(ls))
		lanes = append(lanes, ls...)
		if e.HasValue && !e.Era {
			valK = append(valK, uint32(i))
			valV = append(valV, e.Value)
		}
	}
	b.ints("lo", lo)
	b.ints("dur", dur)
	b.uints("f", flags)
	b.uints("ln.c", counts)
	b.uints("ln.i", lanes)
	b.int32s("val.k", valK)
	b.floats("val.v", valV)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func eventFlags(e Event) uint32 {
	var f uint32
	for _, b := range []struct {
		on   bool
		flag uint32
	}{{e.Point, flagPoint}, {e.Uncertain, flagUncertain}, {e.Approximate, flagApproximate}, {e.LowerOpen, flagLowerOpen}, {e.UpperOpen, flagUpperOpen}, {e.Ongoing, flagOngoing}, {e.Era, flagEra}} {
		if b.on {
			f |= b.flag
		}
	}
	return f
}

// textColumns are what the table, the story card and the search show,
// as the table's cells read: "id", "title", "desc", "date" (as
// formatted), "lane" (the lane values joined), "place" (location and
// country), "conf" (confidence in the page's language), the lists "act",
// "src" and "tag" ("src.link" marks the sources that are links the page
// may make clickable), the media of the events that have a usable one
// ("media.k", "media.u", "media.c" caption, "media.r" credit) and the
// coordinates of the geolocated events ("geo.k", "geo.lat", "geo.lon").
func textColumns(b *blockWriter, events []Event, tr map[string]string) {
	n := len(events)
	b.strs("id", n, func(i int) string { return events[i].ID })
	b.text("title", n, func(i int) string { return events[i].Title })
	b.text("desc", n, func(i int) string { return events[i].Description })
	b.text("date", n, func(i int) string { return events[i].Date })
	b.text("lane", n, func(i int) string { return strings.Join(events[i].Lanes, "; ") })
	b.text("place", n, func(i int) string { return placeOf(events[i]) })
	b.text("conf", n, func(i int) string { return confidenceText(events[i].Confidence, tr) })
	b.list("act", n, func(i int) []string { return events[i].Actors }, nil)
	b.list("tag", n, func(i int) []string { return events[i].Tags }, nil)
	b.list("src", n, func(i int) []string { return events[i].Sources }, timeline.IsLink)
	var mk, gk []uint32
	var mu, mc, mr []string
	var lat, lon []float64
	for i, e := range events {
		if usableMedia(e.Media) {
			mk = append(mk, uint32(i))
			mu, mc, mr = append(mu, e.Media), append(mc, e.MediaCaption), append(mr, e.MediaCredit)
		}
		if e.HasCoords && !e.Era {
			gk = append(gk, uint32(i))
			lat, lon = append(lat, e.Lat), append(lon, e.Lon)
		}
	}
	b.int32s("media.k", mk)
	b.strList("media.u", mu)
	b.strList("media.c", mc)
	b.strList("media.r", mr)
	b.int32s("geo.k", gk)
	b.floats("geo.lat", lat)
	b.floats("geo.lon", lon)
}

// textSize is about how many bytes the text columns take before
// compression.
func textSize(events []Event) int {
	size := 0
	for _, e := range events {
		size += len(e.ID) + len(e.Title) + len(e.Description) + 64
	}
	return size
}

// placeOf is the place as the table shows it: the location, and the
// country when it says more.
func placeOf(e Event) string {
	place := e.Location
	if e.Country != "" && e.Country != e.Location {
		if place != "" {
			place += ", "
		}
		place += e.Country
	}
	return place
}

func confidenceText(c string, tr map[string]string) string {
	if c == "" {
		return ""
	}
	if t := tr["conf_"+c]; t != "" {
		return t
	}
	return c
}

// usableMedia says whether the page may show an event's media: an http or
// https link.
func usableMedia(m string) bool {
	return timeline.IsLink(m) && !strings.HasPrefix(strings.ToLower(m), "mailto:")
}
