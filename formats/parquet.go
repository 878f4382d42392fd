package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"timeline/timeline"
	"timeline/timeline/edtf"
)

// Parquet reads and writes Apache Parquet files, the way a dataset reaches
// DuckDB, pandas, Spark or a warehouse. The export has typed columns:
//
//   - id, start, end and the text columns as strings (UTF-8), start and end
//     in EDTF as written, so that an import gives the same events back;
//   - first_day and last_day, DATE: the first and the last day the event
//     may cover (inclusive), null where the date is open or unknown at that
//     end or lies outside what DATE holds;
//   - precision: the start's precision (day, month, year, interval, …);
//   - actors, sources and tags as lists of strings;
//   - latitude and longitude as DOUBLE;
//   - each extra column as INT64 when every value in it is an integer
//     written plainly (no leading zero or sign: a code such as 010 stays
//     text), as DOUBLE when every value is a decimal number whose digits a
//     double keeps, and as a string otherwise.
//
// Parquet orders a group's columns by name; the dataset's own column order
// is kept in the file's metadata (timeline.columns) and an import restores
// it. The import reads any Parquet file whose columns are named like the
// dataset's: strings, numbers, booleans, DATE and TIMESTAMP columns, lists.
type Parquet struct{}

// Name returns "parquet".
func (Parquet) Name() string { return "parquet" }

// parquetMagic starts and ends every Parquet file.
const parquetMagic = "PAR1"

// Detect recognises Parquet's magic number.
func (Parquet) Detect(name string, head []byte) bool {
	return bytes.HasPrefix(head, []byte(parquetMagic))
}

// Metadata keys of the export.
const (
	parquetColumnsKey     = "timeline.columns"
	parquetTitleKey       = "timeline.title"
	parquetDescriptionKey = "timeline.description"
)

// The derived columns of the export, which an import does not read back.
var parquetDerived = map[string]bool{"first_day": true, "last_day": true, "precision": true}

// parquetKind is the physical type chosen for a column.
type parquetKind int

const (
	pqString parquetKind = iota
	pqList
	pqDouble
	pqInt
	pqDate
)

type parquetColumn struct {
	name  string
	kind  parquetKind
	extra int // index in Event.Extra, or -1
	canon timeline.Column
}

// Export writes ds as one Parquet file, compressed with Zstandard.
func (Parquet) Export(w io.Writer, ds *timeline.Dataset, lost func(Loss)) error {
	var cols []parquetColumn
	for i, name := range timeline.Columns() {
		c := timeline.Column(i)
		k := pqString
		switch c {
		case timeline.ColActors, timeline.ColSources, timeline.ColTags:
			k = pqList
		case timeline.ColLatitude, timeline.ColLongitude:
			k = pqDouble
		}
		cols = append(cols, parquetColumn{name: name, kind: k, extra: -1, canon: c})
	}
	for i, name := range ds.Extra {
		if _, clash := timeline.ColumnByName(name); clash || parquetDerived[name] {
			return fmt.Errorf("extra column %q has the name of a column the export writes", name)
		}
		cols = append(cols, parquetColumn{name: name, kind: inferKind(ds, i), extra: i, canon: -1})
	}
	group := parquet.Group{
		"first_day": parquet.Optional(parquet.Date()),
		"last_day":  parquet.Optional(parquet.Date()),
		"precision": parquet.Optional(parquet.String()),
	}
	order := make([]string, 0, len(cols))
	for _, c := range cols {
		order = append(order, c.name)
		var n parquet.Node
		switch c.kind {
		case pqList:
			n = parquet.List(parquet.String())
		case pqDouble:
			n = parquet.Optional(parquet.Leaf(parquet.DoubleType))
		case pqInt:
			n = parquet.Optional(parquet.Int(64))
		default:
			n = parquet.Optional(parquet.String())
		}
		if c.canon == timeline.ColID || c.canon == timeline.ColStart || c.canon == timeline.ColTitle {
			n = parquet.String()
		}
		group[c.name] = n
	}
	orderJSON, _ := json.Marshal(order)
	opts := []parquet.WriterOption{
		parquet.NewSchema("events", group),
		parquet.KeyValueMetadata(parquetColumnsKey, string(orderJSON)),
		parquet.CreatedBy("timeline", "", ""),
		parquet.Compression(&parquet.Zstd),
	}
	if ds.Package != nil {
		if t := ds.Package.Title(); t != "" {
			opts = append(opts, parquet.KeyValueMetadata(parquetTitleKey, t))
		}
		if d := ds.Package.Description(); d != "" {
			opts = append(opts, parquet.KeyValueMetadata(parquetDescriptionKey, d))
		}
	}
	pw := parquet.NewWriter(w, opts...)
	row := make(map[string]any, len(cols)+3)
	for i := range ds.Events {
		e := &ds.Events[i]
		clear(row)
		for _, c := range cols {
			var text string
			if c.extra >= 0 {
				if c.extra < len(e.Extra) {
					text = e.Extra[c.extra]
				}
			} else {
				text = e.Field(c.canon)
			}
			row[c.name] = parquetValue(c, text, e, lost)
		}
		first, last := parquetDays(e, lost)
		row["first_day"], row["last_day"] = first, last
		if p := e.StartDate.Precision(); p != edtf.PrecisionNone {
			row["precision"] = p.String()
		} else {
			row["precision"] = nil
		}
		if err := pw.Write(row); err != nil {
			return fmt.Errorf("writing event %s: %w", e.ID, err)
		}
	}
	return pw.Close()
}

// parquetValue is the value of one cell in its column's type.
func parquetValue(c parquetColumn, text string, e *timeline.Event, lost func(Loss)) any {
	switch c.kind {
	case pqList:
		items := timeline.SplitList(text)
		if items == nil {
			items = []string{}
		}
		return items
	case pqInt:
		if text == "" {
			return nil
		}
		v, _ := strconv.ParseInt(text, 10, 64)
		return v
	case pqDouble:
		if text == "" {
			return nil
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			lost(Loss{ID: e.ID, Line: e.Line, Reason: fmt.Sprintf("%s %q is not a number: left empty", c.name, text)})
			return nil
		}
		if !sameDecimal(text, v) {
			lost(Loss{ID: e.ID, Line: e.Line, Reason: fmt.Sprintf("%s %s has more digits than a double keeps: written as %s", c.name, text, strconv.FormatFloat(v, 'f', -1, 64))})
		}
		return v
	}
	if text == "" && c.canon != timeline.ColID && c.canon != timeline.ColStart && c.canon != timeline.ColTitle {
		return nil
	}
	return text
}

// parquetDays returns the first and last day an event may cover, as days
// since 1970-01-01, or nil where a bound is open, unknown or out of range.
func parquetDays(e *timeline.Event, lost func(Loss)) (first, last any) {
	if e.StartDate.IsZero() {
		return nil, nil
	}
	lo, hi := timeline.Span(e.StartDate, e.EndDate)
	day := func(t time.Time) any {
		d := math.Floor(float64(t.Unix()) / 86400)
		if d < math.MinInt32 || d > math.MaxInt32 {
			lost(Loss{ID: e.ID, Line: e.Line, Reason: "date beyond what a Parquet DATE holds: first_day and last_day left empty"})
			return nil
		}
		return int32(d)
	}
	if !e.StartDate.LowerOpen() {
		first = day(lo)
	}
	upperOpen := e.StartDate.UpperOpen()
	if !e.EndDate.IsZero() {
		upperOpen = e.EndDate.UpperOpen()
	}
	if !upperOpen {
		last = day(hi.Add(-time.Second))
	}
	return first, last
}

// inferKind chooses the type of extra column i from its values.
func inferKind(ds *timeline.Dataset, i int) parquetKind {
	ints, doubles, seen := true, true, false
	for k := range ds.Events {
		ex := ds.Events[k].Extra
		if i >= len(ex) || ex[i] == "" {
			continue
		}
		seen = true
		s := ex[i]
		if ints && !plainInt(s) {
			ints = false
		}
		if doubles {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || !sameDecimal(s, v) || !plainNumber(s) {
				doubles = false
			}
		}
		if !ints && !doubles {
			return pqString
		}
	}
	switch {
	case !seen:
		return pqString
	case ints:
		return pqInt
	case doubles:
		return pqDouble
	}
	return pqString
}

// plainInt reports whether s is an int64 written as strconv writes it:
// no sign but a minus, no leading zero.
func plainInt(s string) bool {
	v, err := strconv.ParseInt(s, 10, 64)
	return err == nil && strconv.FormatInt(v, 10) == s
}

// plainNumber reports whether s is a decimal number of digits, an optional
// minus and an optional point (no exponent, no leading zero before other
// digits, no "+", "Inf", "0x"): a number written to be read as one.
func plainNumber(s string) bool {
	t := strings.TrimPrefix(s, "-")
	ip, fp, hasPoint := strings.Cut(t, ".")
	if ip == "" || (hasPoint && fp == "") || (len(ip) > 1 && ip[0] == '0') {
		return false
	}
	for _, r := range ip + fp {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// sameDecimal reports whether the double v keeps every digit of s (trailing
// zeros after the point aside).
func sameDecimal(s string, v float64) bool {
	norm := func(x string) string {
		if strings.Contains(x, ".") {
			x = strings.TrimRight(x, "0")
			x = strings.TrimSuffix(x, ".")
		}
		if x == "-0" {
			x = "0"
		}
		return x
	}
	return norm(s) == norm(strconv.FormatFloat(v, 'f', -1, 64))
}

// Import reads a Parquet file. Parquet keeps its index at the end of the
// file, so the whole file is read into memory first unless r can be read
// at any offset (an *os.File).
func (Parquet) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	var ra io.ReaderAt
	var size int64
	if f, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		end, err := f.Seek(0, io.SeekEnd)
		if err == nil {
			ra, size = f, end
		}
	}
	if ra == nil {
		data, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		ra, size = bytes.NewReader(data), int64(len(data))
	}
	f, err := parquet.OpenFile(ra, size)
	if err != nil {
		return fmt.Errorf("not a Parquet file that can be read: %w", err)
	}
	meta := map[string]string{}
	for _, kv := range f.Metadata().KeyValueMetadata {
		meta[kv.Key] = kv.Value
	}
	if meta[parquetTitleKey] != "" || meta[parquetDescriptionKey] != "" {
		if err := sink.Meta(Meta{Title: meta[parquetTitleKey], Description: meta[parquetDescriptionKey]}); err != nil {
			return err
		}
	}
	fields := f.Schema().Fields()
	kinds := map[string]parquet.Field{}
	var names []string
	for _, fl := range fields {
		kinds[fl.Name()] = fl
		names = append(names, fl.Name())
	}
	for _, req := range []string{"start", "title"} {
		if _, ok := kinds[req]; !ok {
			return fmt.Errorf("no column %q: the events of a Parquet file need start and title columns", req)
		}
	}
	// The dataset's column order, when the file says it.
	var order []string
	if s := meta[parquetColumnsKey]; s != "" && json.Unmarshal([]byte(s), &order) == nil {
		pos := map[string]int{}
		for i, n := range order {
			pos[n] = i
		}
		sort.SliceStable(names, func(a, b int) bool {
			pa, oka := pos[names[a]]
			pb, okb := pos[names[b]]
			switch {
			case oka && okb:
				return pa < pb
			case oka != okb:
				return oka
			}
			return false
		})
	}
	ours := meta[parquetColumnsKey] != ""
	var extra []string
	for _, n := range names {
		if _, canonical := timeline.ColumnByName(n); canonical || (ours && parquetDerived[n]) {
			continue
		}
		extra = append(extra, n)
	}
	pr := parquet.NewReader(f)
	defer pr.Close()
	line := 0
	for {
		row := map[string]any{}
		if err := pr.Read(&row); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("row %d: %w", line+1, err)
		}
		line++
		rec := newRecord(line, "", extra)
		bad := ""
		for _, n := range names {
			if ours && parquetDerived[n] {
				continue
			}
			v, err := parquetText(row[n], kinds[n])
			if err != nil {
				bad = n + ": " + err.Error()
				break
			}
			if v != "" {
				rec.Cells[n] = v
			}
		}
		if bad != "" {
			sink.Skip(Skip{Line: line, Reason: bad})
			continue
		}
		if err := sink.Record(rec); err != nil {
			return err
		}
	}
}

// parquetText spells a Parquet value as a dataset cell: lists joined with
// ";", DATE as YYYY-MM-DD, TIMESTAMP as an EDTF date-time in UTC, numbers
// as Go writes them.
func parquetText(v any, f parquet.Field) (string, error) {
	if v == nil {
		return "", nil
	}
	logical := ""
	if f != nil && f.Type() != nil {
		logical = strings.ToUpper(f.Type().String())
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	case bool:
		return strconv.FormatBool(x), nil
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case int32:
		if strings.HasPrefix(logical, "DATE") {
			return time.Unix(int64(x)*86400, 0).UTC().Format(dayLayout), nil
		}
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		if strings.HasPrefix(logical, "TIMESTAMP") {
			var t time.Time
			switch {
			case strings.Contains(logical, "MILLIS"):
				t = time.UnixMilli(x)
			case strings.Contains(logical, "MICROS"):
				t = time.UnixMicro(x)
			default:
				t = time.Unix(0, x)
			}
			return t.UTC().Format("2006-01-02T15:04:05Z"), nil
		}
		return strconv.FormatInt(x, 10), nil
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && strings.HasPrefix(logical, "DATE") {
			return x.UTC().Format(dayLayout), nil
		}
		return x.UTC().Format("2006-01-02T15:04:05Z"), nil
	case []any:
		items := make([]string, 0, len(x))
		for _, it := range x {
			s, err := parquetText(it, nil)
			if err != nil {
				return "", err
			}
			if s = strings.TrimSpace(strings.ReplaceAll(s, ";", ",")); s != "" {
				items = append(items, s)
			}
		}
		return strings.Join(items, ";"), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("a value of type %T cannot be a cell", v)
	}
	return string(b), nil
}
