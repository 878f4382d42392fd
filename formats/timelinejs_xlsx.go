package formats

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"timeline/timeline"
)

// TimelineJSXLSX reads and writes the TimelineJS template as an Excel
// workbook (.xlsx, as Google Sheets downloads it): the first worksheet,
// with the same columns and rules as the CSV.
//
// The workbook is read and written with the standard library (archive/zip
// and encoding/xml): a sheet of text and numbers needs four small XML
// files, and the libraries made for Excel (excelize, xlsxreader) would
// bring a dozen modules for it.
type TimelineJSXLSX struct{}

// Name returns "timelinejs-xlsx".
func (TimelineJSXLSX) Name() string { return "timelinejs-xlsx" }

// Detect recognises a ZIP archive named .xlsx or holding xl/ parts.
func (TimelineJSXLSX) Detect(name string, head []byte) bool {
	if !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return false
	}
	return strings.EqualFold(path.Ext(name), ".xlsx") || bytes.Contains(head, []byte("xl/"))
}

// Import reads the first worksheet; a row's line is its row number.
func (TimelineJSXLSX) Import(r io.Reader, name string, opt ImportOptions, sink ImportSink) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	rows, err := readXLSX(data)
	if err != nil {
		return err
	}
	i := 0
	next := func() ([]string, int, error) {
		if i == len(rows) {
			return nil, 0, io.EOF
		}
		i++
		return rows[i-1].cells, rows[i-1].n, nil
	}
	return importSheet(next, sink)
}

// xlsxRow is one row of a worksheet: its number and its cells, by column.
type xlsxRow struct {
	n     int
	cells []string
}

// readXLSX returns the rows of the first worksheet of a workbook, as text:
// shared and inline strings as they are, numbers as written.
func readXLSX(data []byte) ([]xlsxRow, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not an Excel workbook: %v", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("not an Excel workbook: no %s", name)
		}
		if f.UncompressedSize64 > 1<<30 {
			return nil, fmt.Errorf("%s: larger than 1 GB", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(io.LimitReader(rc, 1<<30))
	}
	sheet, err := firstSheetPath(read)
	if err != nil {
		return nil, err
	}
	var shared []string
	if _, ok := files["xl/sharedStrings.xml"]; ok {
		b, err := read("xl/sharedStrings.xml")
		if err != nil {
			return nil, err
		}
		if shared, err = sharedStrings(b); err != nil {
			return nil, fmt.Errorf("xl/sharedStrings.xml: %v", err)
		}
	}
	b, err := read(sheet)
	if err != nil {
		return nil, err
	}
	rows, err := sheetRows(b, shared)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", sheet, err)
	}
	return rows, nil
}

// firstSheetPath finds the part of the workbook's first sheet.
func firstSheetPath(read func(string) ([]byte, error)) (string, error) {
	wb, err := read("xl/workbook.xml")
	if err != nil {
		return "", err
	}
	var w struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wb, &w); err != nil || len(w.Sheets) == 0 {
		return "", errors.New("xl/workbook.xml: no sheet")
	}
	rels, err := read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return "xl/worksheets/sheet1.xml", nil
	}
	var rs struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(rels, &rs); err != nil {
		return "", fmt.Errorf("xl/_rels/workbook.xml.rels: %v", err)
	}
	for _, r := range rs.Rels {
		if r.ID == w.Sheets[0].RID {
			t := r.Target
			if strings.HasPrefix(t, "/") {
				return strings.TrimPrefix(t, "/"), nil
			}
			return path.Join("xl", t), nil
		}
	}
	return "", fmt.Errorf("xl/workbook.xml: sheet %q has no part", w.Sheets[0].Name)
}

// sharedStrings reads the shared string table: each <si>'s text, its runs
// joined, phonetic hints left out.
func sharedStrings(b []byte) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	var cur strings.Builder
	inSI, inT, inRPh := false, false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = inSI
			case "rPh":
				inRPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, cur.String())
				inSI = false
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			}
		case xml.CharData:
			if inT && !inRPh {
				cur.Write(t)
			}
		}
	}
}

// sheetRows reads a worksheet's cells.
func sheetRows(b []byte, shared []string) ([]xlsxRow, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var rows []xlsxRow
	var row *xlsxRow
	var ref, typ string
	var val, inline strings.Builder
	inV, inIS, inT := false, false, false
	nextRow := 1
	col := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				n := nextRow
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						if v, err := strconv.Atoi(a.Value); err == nil {
							n = v
						}
					}
				}
				rows = append(rows, xlsxRow{n: n})
				row = &rows[len(rows)-1]
				nextRow, col = n+1, 0
			case "c":
				ref, typ = "", ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						ref = a.Value
					case "t":
						typ = a.Value
					}
				}
				val.Reset()
				inline.Reset()
			case "v":
				inV = true
			case "is":
				inIS = true
			case "t":
				inT = inIS
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				inT = false
			case "c":
				if row == nil {
					continue
				}
				if c, ok := columnOf(ref); ok {
					col = c
				}
				text := val.String()
				switch typ {
				case "s":
					i, err := strconv.Atoi(strings.TrimSpace(text))
					if err != nil || i < 0 || i >= len(shared) {
						return nil, fmt.Errorf("cell %s: shared string %q out of range", ref, text)
					}
					text = shared[i]
				case "inlineStr":
					text = inline.String()
				case "b":
					text = map[string]string{"1": "TRUE", "0": "FALSE"}[text]
				}
				for len(row.cells) < col {
					row.cells = append(row.cells, "")
				}
				row.cells = append(row.cells, text)
				col++
			}
		case xml.CharData:
			switch {
			case inV:
				val.Write(t)
			case inT:
				inline.Write(t)
			}
		}
	}
}

// columnOf returns the 0-based column of a cell reference such as "C7".
func columnOf(ref string) (int, bool) {
	n, i := 0, 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		n = n*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 {
		return 0, false
	}
	return n - 1, true
}

// Export writes the dataset as the template's workbook: the same rows as
// the CSV, with the date parts as numbers.
func (TimelineJSXLSX) Export(w io.Writer, ds *timeline.Dataset, lost func(Loss)) error {
	var csvBuf bytes.Buffer
	if err := (TimelineJSSheet{}).Export(&csvBuf, ds, lost); err != nil {
		return err
	}
	rows, err := readCSVRows(csvBuf.Bytes())
	if err != nil {
		return err
	}
	return writeXLSX(w, "Timeline", rows)
}

// writeXLSX writes a workbook of one sheet. Cells that are whole numbers
// are written as numbers, the others as inline strings.
func writeXLSX(w io.Writer, sheetName string, rows [][]string) error {
	var sheet bytes.Buffer
	sheet.WriteString(xml.Header)
	sheet.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, row := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, c := range row {
			if c == "" {
				continue
			}
			ref := columnName(j) + strconv.Itoa(i+1)
			if i > 0 && integerCell(c) {
				fmt.Fprintf(&sheet, `<c r="%s"><v>%s</v></c>`, ref, c)
				continue
			}
			fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t xml:space="preserve">`, ref)
			xml.EscapeText(&sheet, []byte(c))
			sheet.WriteString(`</t></is></c>`)
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	var name bytes.Buffer
	xml.EscapeText(&name, []byte(sheetName))
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>`},
		{"xl/workbook.xml", xml.Header + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="` + name.String() + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`</Relationships>`},
		{"xl/styles.xml", xml.Header + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
			`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
			`</styleSheet>`},
		{"xl/worksheets/sheet1.xml", sheet.String()},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		// A fixed time, so that the same dataset gives the same bytes.
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

// readCSVRows reads a whole CSV.
func readCSVRows(b []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// integerCell reports whether a cell is a whole number an Excel number
// holds exactly.
func integerCell(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n > -1e15 && n < 1e15 && strconv.FormatInt(n, 10) == s
}

// columnName is the letters of a 0-based column: A, B, …, Z, AA, ….
func columnName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
