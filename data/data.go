// Package data holds the datasets that ship inside the timeline binary.
package data

import "embed"

// FS holds the bundled datasets, one directory each: NAME/datapackage.json
// and NAME/events.csv.
//
//go:embed central-asia-2017
var FS embed.FS

// Default is the name of the dataset used when no dataset is given.
const Default = "central-asia-2017"
