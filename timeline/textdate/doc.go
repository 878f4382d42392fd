// Package textdate finds and normalises dates written in text, as people
// write them: "3 April 2017", "early 2016", "2011-12", "c. 1995", "44 BC".
// It turns them into EDTF dates (package edtf) and is where timeline add,
// the importers and timeline extract read human spellings. Words of a
// language (month and season names, qualifiers) are tables, so that a new
// language is data rather than code.
package textdate
