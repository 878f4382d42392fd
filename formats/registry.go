package formats

import (
	"path/filepath"
	"strings"
)

// importers are the formats timeline import reads, in the order detection
// tries them: the most specific first, the generic CSV last.
var importers = []Importer{}

// exporters are the formats timeline export writes.
var exporters = []Exporter{}

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
// and its first bytes.
func Detect(name string, head []byte) (Importer, bool) {
	for _, im := range importers {
		if im.Detect(filepath.Base(name), head) {
			return im, true
		}
	}
	return nil, false
}
