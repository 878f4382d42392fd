package timeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Package is a Frictionless Data Package descriptor (datapackage.json). It
// keeps every property of the file, known or not, in its original order, so
// that reading and writing a descriptor loses nothing.
type Package struct {
	obj object
}

// License is one entry of a package's licenses.
type License struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

// Source is one entry of a package's sources.
type Source struct {
	Title string `json:"title,omitempty"`
	Path  string `json:"path,omitempty"`
	Email string `json:"email,omitempty"`
}

// Contributor is one entry of a package's contributors.
type Contributor struct {
	Title string `json:"title,omitempty"`
	Email string `json:"email,omitempty"`
	Path  string `json:"path,omitempty"`
	Role  string `json:"role,omitempty"`
}

// DefaultResourcePath is where a new package keeps its events table.
const DefaultResourcePath = "events.csv"

// columnDescriptions document the canonical columns in a new Table Schema.
var columnDescriptions = [numColumns]string{
	"Stable slug [a-z0-9][a-z0-9-]*, unique in the dataset",
	"EDTF date (levels 0 and 1) or a date relative to another event (id+duration)",
	"EDTF date or relative date; .. means still ongoing",
	"Short headline",
	"Plain text; URLs in it become links",
	"One label: the event type",
	"Names separated by ;",
	"Place name",
	"Country name",
	"WGS 84 latitude in decimal degrees",
	"WGS 84 longitude in decimal degrees",
	"URLs or citations separated by ;",
	"high, moderate or low: how sure the compiler is that it happened as described",
	"Labels separated by ;",
	"Image URL for the story view",
	"Caption of the image",
	"Credit of the image",
	"Label that overrides the formatted date",
	"event (blank) or era (a background period)",
}

// NewPackage returns the descriptor of a new, empty dataset.
func NewPackage(name, title string) *Package {
	p := &Package{}
	p.obj.set("profile", "tabular-data-package")
	p.obj.set("name", name)
	p.obj.set("title", title)
	p.obj.set("description", "")
	p.obj.set("licenses", []License{{Name: "CC-BY-4.0", Path: "https://creativecommons.org/licenses/by/4.0/", Title: "Creative Commons Attribution 4.0"}})
	p.obj.set("sources", []Source{})
	p.obj.set("contributors", []Contributor{})
	res := object{}
	res.set("name", "events")
	res.set("path", DefaultResourcePath)
	res.set("profile", "tabular-data-resource")
	res.set("format", "csv")
	res.set("mediatype", "text/csv")
	res.set("encoding", "utf-8")
	res.set("schema", object{})
	p.obj.set("resources", []object{res})
	p.SyncSchema(Columns())
	return p
}

// ReadPackage reads a descriptor. The name is used in error messages.
func ReadPackage(r io.Reader, name string) (*Package, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var obj object
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, fmt.Errorf("%s:%s", name, jsonErrorPos(data, err))
	}
	p := &Package{obj: obj}
	if _, err := p.resource(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// jsonErrorPos turns a JSON error into "LINE:COLUMN: message".
func jsonErrorPos(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return " " + err.Error()
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%d:%d: %v", line, col, err)
}

// Write writes the descriptor as indented JSON with a final newline.
func (p *Package) Write(w io.Writer) error {
	compact, err := p.obj.MarshalJSON()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, compact, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}

func (p *Package) str(key string) string {
	var s string
	p.obj.get(key, &s)
	return s
}

// Name returns the package's name.
func (p *Package) Name() string { return p.str("name") }

// Title returns the package's title.
func (p *Package) Title() string { return p.str("title") }

// Description returns the package's description.
func (p *Package) Description() string { return p.str("description") }

// Homepage returns the package's homepage.
func (p *Package) Homepage() string { return p.str("homepage") }

// Citation returns how to cite the dataset (the "citation" property).
func (p *Package) Citation() string { return p.str("citation") }

// Licenses returns the package's licenses.
func (p *Package) Licenses() []License {
	var l []License
	p.obj.get("licenses", &l)
	return l
}

// Sources returns the package's sources.
func (p *Package) Sources() []Source {
	var s []Source
	p.obj.get("sources", &s)
	return s
}

// Contributors returns the package's contributors.
func (p *Package) Contributors() []Contributor {
	var c []Contributor
	p.obj.get("contributors", &c)
	return c
}

// SetTitle sets the package's title.
func (p *Package) SetTitle(title string) { p.obj.set("title", title) }

// SetDescription sets the package's description.
func (p *Package) SetDescription(d string) { p.obj.set("description", d) }

// SetSources replaces the package's sources.
func (p *Package) SetSources(s []Source) {
	if s == nil {
		s = []Source{}
	}
	p.obj.set("sources", s)
}

// SetLicenses replaces the package's licenses.
func (p *Package) SetLicenses(l []License) {
	if l == nil {
		l = []License{}
	}
	p.obj.set("licenses", l)
}

// ErrNoResource is returned for a descriptor without a tabular resource.
var ErrNoResource = errors.New("no resource with a path: want resources[0].path naming the events CSV")

func (p *Package) resource() (object, error) {
	var res []object
	if !p.obj.get("resources", &res) || len(res) == 0 {
		return nil, ErrNoResource
	}
	var path string
	if !res[0].get("path", &path) || path == "" {
		return nil, ErrNoResource
	}
	if strings.Contains(path, "://") || strings.HasPrefix(path, "/") || strings.Contains(path, "..") {
		return nil, fmt.Errorf("resource path %q: want a relative path inside the package", path)
	}
	return res[0], nil
}

// ResourcePath returns the path of the events table, relative to the
// descriptor.
func (p *Package) ResourcePath() string {
	res, err := p.resource()
	if err != nil {
		return DefaultResourcePath
	}
	var path string
	res.get("path", &path)
	return path
}

// FieldTypes returns the Table Schema type of each field of the events
// resource by name ("string", "integer", "number", …); fields without a
// type are left out.
func (p *Package) FieldTypes() map[string]string {
	res, err := p.resource()
	if err != nil {
		return nil
	}
	var schema struct {
		Fields []struct {
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"fields"`
	}
	res.get("schema", &schema)
	out := make(map[string]string, len(schema.Fields))
	for _, f := range schema.Fields {
		if f.Type != "" {
			out[f.Name] = f.Type
		}
	}
	return out
}

// TypeExtraColumns sets the Table Schema type of each extra column of ds
// from its values: "integer" when every non-blank value is a whole number
// (-12, 0, 15), "number" when every one is a number (1.5, -3e2), "string"
// otherwise (see NarrowType). Call it after SyncSchema.
func (p *Package) TypeExtraColumns(ds *Dataset) {
	types := make(map[string]string, len(ds.Extra))
	for k, name := range ds.Extra {
		t := ""
		for i := range ds.Events {
			if k < len(ds.Events[i].Extra) {
				t = NarrowType(t, ds.Events[i].Extra[k])
			}
		}
		types[name] = t
	}
	p.SetColumnTypes(types)
}

// SetColumnTypes sets the Table Schema type of the named fields, as
// NarrowType found them ("" is "string"). A type other than string,
// integer and number, which a person chose (date, boolean, …), is kept.
func (p *Package) SetColumnTypes(types map[string]string) {
	var res []object
	if !p.obj.get("resources", &res) || len(res) == 0 {
		return
	}
	var schema object
	res[0].get("schema", &schema)
	var fields []object
	schema.get("fields", &fields)
	for _, f := range fields {
		var n, old string
		f.get("name", &n)
		typ, ok := types[n]
		if !ok {
			continue
		}
		if typ == "" {
			typ = "string"
		}
		f.get("type", &old)
		if old == "" || old == "string" || old == "integer" || old == "number" {
			f.set("type", typ)
		}
	}
	schema.set("fields", fields)
	res[0].set("schema", schema)
	p.obj.set("resources", res)
}

// NarrowType returns the narrowest of "integer", "number" and "string"
// that holds both the values typed cur ("" when none was seen) and value.
// A blank value changes nothing.
func NarrowType(cur, value string) string {
	if value == "" || cur == "string" {
		return cur
	}
	switch {
	case integerRE.MatchString(value):
		if cur == "" {
			return "integer"
		}
		return cur
	case numberRE.MatchString(value):
		return "number"
	}
	return "string"
}

// The spellings of Table Schema's integer and number that timeline types a
// column by (no leading zeros, which codes such as CAMEO's 010 have).
var (
	integerRE = regexp.MustCompile(`^[-+]?(0|[1-9][0-9]*)$`)
	numberRE  = regexp.MustCompile(`^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$|^[-+]?\.[0-9]+([eE][-+]?[0-9]+)?$`)
)

// SyncSchema makes the first resource's Table Schema list exactly the given
// columns in that order, keeping the descriptions of the fields it already has
// and describing new ones.
func (p *Package) SyncSchema(columns []string) {
	var res []object
	if !p.obj.get("resources", &res) || len(res) == 0 {
		return
	}
	var schema object
	res[0].get("schema", &schema)
	var fields []object
	schema.get("fields", &fields)
	byName := make(map[string]object, len(fields))
	for _, f := range fields {
		var n string
		f.get("name", &n)
		byName[n] = f
	}
	out := make([]object, 0, len(columns))
	for _, name := range columns {
		if f, ok := byName[name]; ok {
			out = append(out, f)
			continue
		}
		f := object{}
		f.set("name", name)
		typ := "string"
		if name == "latitude" || name == "longitude" {
			typ = "number"
		}
		f.set("type", typ)
		if c, ok := ColumnByName(name); ok {
			f.set("description", columnDescriptions[c])
			if c == ColID || c == ColStart || c == ColTitle {
				cons := object{}
				cons.set("required", true)
				if c == ColID {
					cons.set("unique", true)
				}
				f.set("constraints", cons)
			}
		}
		out = append(out, f)
	}
	schema.set("fields", out)
	if _, ok := schema.raw("primaryKey"); !ok {
		schema.set("primaryKey", []string{"id"})
	}
	res[0].set("schema", schema)
	p.obj.set("resources", res)
}

// object is a JSON object that keeps its members' order and values as read.
type object []member

type member struct {
	Key   string
	Value json.RawMessage
}

func (o object) raw(key string) (json.RawMessage, bool) {
	for _, m := range o {
		if m.Key == key {
			return m.Value, true
		}
	}
	return nil, false
}

// get decodes the member key into v; it reports whether the member exists
// and decoded.
func (o object) get(key string, v any) bool {
	raw, ok := o.raw(key)
	if !ok {
		return false
	}
	return json.Unmarshal(raw, v) == nil
}

// set replaces the member key, or appends it.
func (o *object) set(key string, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain values are set
	}
	for i := range *o {
		if (*o)[i].Key == key {
			(*o)[i].Value = raw
			return
		}
	}
	*o = append(*o, member{key, raw})
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.Key)
		b.Write(k)
		b.WriteByte(':')
		if err := json.Compact(&b, m.Value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (o *object) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return errors.New("want a JSON object")
	}
	*o = (*o)[:0]
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if seen[key] {
			return fmt.Errorf("property %q appears twice", key)
		}
		seen[key] = true
		*o = append(*o, member{key, raw})
	}
	_, err = dec.Token()
	return err
}
