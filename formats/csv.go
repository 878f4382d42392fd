package formats

import (
	"bufio"
	"bytes"
	"encoding/csv"

	"timeline/timeline"
)

// csvWriter writes events as canonical CSV: every canonical column in
// canonical order, then the extra columns; lists joined with ";".
type csvWriter struct {
	w       *bufio.Writer
	extra   []string
	rec     []string
	scratch bytes.Buffer
	scw     *csv.Writer // formats one record into scratch
	buf     []byte
}

func (c *csvWriter) Begin(extra []string) error {
	c.extra = extra
	cw := csv.NewWriter(c.w)
	if err := cw.Write(append(timeline.Columns(), extra...)); err != nil {
		return err
	}
	cw.Flush()
	c.scw = csv.NewWriter(&c.scratch)
	c.rec = make([]string, len(timeline.Columns())+len(extra))
	return cw.Error()
}

func (c *csvWriter) AppendRecord(dst []byte, ev *timeline.Event) ([]byte, error) {
	n := len(timeline.Columns())
	for i := range n {
		c.rec[i] = ev.Field(timeline.Column(i))
	}
	for k := range c.extra {
		c.rec[n+k] = ev.Extra[k]
	}
	c.scratch.Reset()
	if err := c.scw.Write(c.rec); err != nil {
		return dst, err
	}
	c.scw.Flush()
	return append(dst, c.scratch.Bytes()...), c.scw.Error()
}

func (c *csvWriter) WriteRecord(rec []byte) error {
	_, err := c.w.Write(rec)
	return err
}

func (c *csvWriter) Write(ev *timeline.Event) error { return write(c, ev, &c.buf) }

func (c *csvWriter) Close() error { return c.w.Flush() }
