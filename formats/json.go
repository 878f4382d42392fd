package formats

import (
	"bufio"
	"encoding/json"
	"strconv"
	"time"

	"timeline/timeline"
)

// jsonWriter writes events as a JSON array, one object a line, or as JSON
// Lines (lines). Each object has a fixed key order: the canonical columns
// (lists as arrays, coordinates as numbers), the extra columns, then the
// computed bounds, lower and upper, in RFC 3339.
type jsonWriter struct {
	w     *bufio.Writer
	lines bool
	extra []string
	n     int
	buf   []byte
}

func (j *jsonWriter) Begin(extra []string) error {
	j.extra = extra
	if !j.lines {
		j.w.WriteString("[")
	}
	return nil
}

func (j *jsonWriter) AppendRecord(dst []byte, ev *timeline.Event) ([]byte, error) {
	return AppendEventJSON(dst, ev, j.extra)
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
		if err := put(name, ev.Extra[k]); err != nil {
			return dst, err
		}
	}
	lo, hi := timeline.Span(ev.StartDate, ev.EndDate)
	put("lower", lo.Format(time.RFC3339))
	put("upper", hi.Format(time.RFC3339))
	return append(dst, '}'), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
