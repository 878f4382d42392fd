package formats

import (
	"bufio"
	"encoding/json"
	"regexp"
	"strconv"

	"timeline/timeline"
)

// jsonWriter writes events as a JSON array, one object a line, or as JSON
// Lines (lines). Each object has a fixed key order: the canonical columns
// (lists as arrays, coordinates as numbers), the extra columns (numbers
// where the schema types them integer or number), then the computed
// bounds, lower and upper, in ISO 8601 (see ISODate).
type jsonWriter struct {
	w       *bufio.Writer
	lines   bool
	extra   []string
	numeric []bool // for each extra column: typed integer or number
	types   map[string]string
	n       int
	buf     []byte
}

// Typed is an EventWriter that writes the values of extra columns by
// their Table Schema types (integer and number as JSON numbers). SetTypes
// is called before Begin.
type Typed interface {
	SetTypes(types map[string]string)
}

func (j *jsonWriter) SetTypes(types map[string]string) { j.types = types }

func (j *jsonWriter) Begin(extra []string) error {
	j.extra = extra
	j.numeric = make([]bool, len(extra))
	for i, name := range extra {
		j.numeric[i] = j.types[name] == "integer" || j.types[name] == "number"
	}
	if !j.lines {
		j.w.WriteString("[")
	}
	return nil
}

func (j *jsonWriter) AppendRecord(dst []byte, ev *timeline.Event) ([]byte, error) {
	return appendEventJSON(dst, ev, j.extra, j.numeric)
}

func (j *jsonWriter) WriteRecord(rec []byte) error {
	j.n++
	if j.lines {
		j.w.Write(rec)
		return j.w.WriteByte('\n')
	}
	if j.n > 1 {
		j.w.WriteString(",")
	}
	j.w.WriteString("\n  ")
	_, err := j.w.Write(rec)
	return err
}

func (j *jsonWriter) Write(ev *timeline.Event) error { return write(j, ev, &j.buf) }

func (j *jsonWriter) Close() error {
	if !j.lines {
		if j.n > 0 {
			j.w.WriteString("\n")
		}
		j.w.WriteString("]\n")
	}
	return j.w.Flush()
}

// AppendEventJSON appends one event as a JSON object to dst, with a fixed
// key order: the canonical columns (lists as arrays, coordinates as
// numbers, blank coordinates as null), the columns named by extra (aligned
// with ev.Extra), then the computed bounds "lower" and "upper".
func AppendEventJSON(dst []byte, ev *timeline.Event, extra []string) ([]byte, error) {
	return appendEventJSON(dst, ev, extra, nil)
}

// appendEventJSON is AppendEventJSON with the extra columns that numeric
// marks written as JSON numbers (null when blank; a cell that is not a
// number stays a string, so that nothing is lost).
func appendEventJSON(dst []byte, ev *timeline.Event, extra []string, numeric []bool) ([]byte, error) {
	dst = append(dst, '{')
	first := true
	put := func(key string, v any) error {
		raw, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		k, _ := json.Marshal(key)
		dst = append(dst, k...)
		dst = append(dst, ':')
		dst = append(dst, raw...)
		return nil
	}
	for i, name := range timeline.Columns() {
		c := timeline.Column(i)
		var v any = ev.Field(c)
		switch c {
		case timeline.ColActors:
			v = nonNil(ev.Actors)
		case timeline.ColSources:
			v = nonNil(ev.Sources)
		case timeline.ColTags:
			v = nonNil(ev.Tags)
		case timeline.ColLatitude, timeline.ColLongitude:
			if s := ev.Field(c); s != "" {
				if f, err := strconv.ParseFloat(s, 64); err == nil {
					v = f
				}
			} else {
				v = nil
			}
		}
		if err := put(name, v); err != nil {
			return dst, err
		}
	}
	for k, name := range extra {
		var v any = ev.Extra[k]
		if k < len(numeric) && numeric[k] {
			switch s := ev.Extra[k]; {
			case s == "":
				v = nil
			case isJSONNumber(s):
				v = json.RawMessage(s)
			}
		}
		if err := put(name, v); err != nil {
			return dst, err
		}
	}
	lo, hi := timeline.Span(ev.StartDate, ev.EndDate)
	put("lower", ISODate(lo))
	put("upper", ISODate(hi))
	return append(dst, '}'), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// isJSONNumber reports whether s is spelled as a JSON number.
func isJSONNumber(s string) bool {
	return jsonNumberRE.MatchString(s)
}

var jsonNumberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)
