package charts

import (
	"strconv"
	"time"

	"timeline/timeline/edtf"
)

// unixMinutes returns t as Unix minutes, rounded down, or up when up is
// set (for an exclusive upper bound). The page carries bounds in minutes:
// Unix milliseconds overflow an int64 past 292 million years, while the
// minutes of the 13.8 billion years since the Big Bang (about 7.3e15) are
// exact even in the page's float64 numbers (2^53).
func unixMinutes(t time.Time, up bool) int64 {
	if up {
		return -floorDiv(-t.Unix(), 60)
	}
	return floorDiv(t.Unix(), 60)
}

// The page's script writes years of deep time as timeline/edtf's
// FormatYear does (dates.js), with edtf's words, carried in the page
// strings: ago_thousand, ago_million and ago_billion ("N million years
// ago"), decimal, and deep_years, edtf.DeepYears.
func init() {
	for _, lang := range edtf.Languages() {
		tr := translations[lang]
		if tr == nil {
			continue
		}
		ago, dec := edtf.DeepWords(lang)
		tr["ago_thousand"], tr["ago_million"], tr["ago_billion"], tr["decimal"] = ago[0], ago[1], ago[2], dec
		tr["deep_years"] = strconv.Itoa(edtf.DeepYears)
	}
}
