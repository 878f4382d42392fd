package formats

import (
	"path/filepath"
	"strings"
)

// importers are the formats timeline import reads, in the order detection
// tries them: the most specific first. Add a format with one line. The
// generic ones (GeoJSON, CSV with --map; see fallback) are tried after
// every other, wherever their line is.
var importers = []Importer{
	Parquet{}, // by its magic number
	TimelineJSJSON{},
	Wikidata{},
	TimelineJSSheet{},
	TimelineJSXLSX{},
	UCDPGED{}, // before GeoJSON: a UCDP GeoJSON is UCDP's first
	ACLED{},
	GTD{},
	GDELT{}, // headerless tab-separated lines
	GeoJSON{},
	ICal{},
	TableCSV{}, // the generic CSV: last
}

// exporters are the formats timeline export writes. Add a format with one
// line.
var exporters = []Exporter{
	TimelineJSJSON{},
	TimelineJSSheet{},
	TimelineJSXLSX{},
	GeoJSON{},
	ICal{},
	Parquet{},
}

// fallback marks a generic importer, which detection tries only when no
// specific one recognises the file: a UCDP GeoJSON is UCDP's before it is
// any FeatureCollection.
type fallback interface{ fallback() }

// Importers returns the known importers, in detection order.
func Importers() []Importer { return importers }

// Exporters returns the known exporters.
func Exporters() []Exporter { return exporters }

// ImporterByName returns the importer of the named format.
func ImporterByName(name string) (Importer, bool) {
	for _, im := range importers {
		if strings.EqualFold(im.Name(), name) {
			return im, true
		}
	}
	return nil, false
}

// ExporterByName returns the exporter of the named format.
func ExporterByName(name string) (Exporter, bool) {
	for _, ex := range exporters {
		if strings.EqualFold(ex.Name(), name) {
			return ex, true
		}
	}
	return nil, false
}

// Detect returns the first importer that recognises the file from its name
// and its first bytes, trying the specific formats before the generic ones.
func Detect(name string, head []byte) (Importer, bool) {
	for _, generic := range []bool{false, true} {
		for _, im := range importers {
			if _, ok := im.(fallback); ok != generic {
				continue
			}
			if im.Detect(filepath.Base(name), head) {
				return im, true
			}
		}
	}
	return nil, false
}

// Names returns the names of the importers (or exporters) given.
func Names[T interface{ Name() string }](list []T) []string {
	out := make([]string, len(list))
	for i, f := range list {
		out[i] = f.Name()
	}
	return out
}
