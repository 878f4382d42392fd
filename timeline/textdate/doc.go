// Package textdate finds and normalises dates written in text, as people
// write them: "3 April 2017", "early 2016", "2011-12", "c. 1995", "44 BC",
// "last month", "three weeks after the attack".
//
// ParseHuman reads one date as a person types it (timeline add, the
// importers) and returns EDTF. Tag finds every temporal expression of a
// text and normalises it as a TimeML TIMEX3 (type DATE, TIME, DURATION or
// SET, value 2017-04-03, 2017-W17, 2016-SP, P3W, PRESENT_REF, …) with its
// EDTF date at the precision the text gives; Extract adds the sentences,
// and Extraction.Candidates proposes dated events for timeline extract.
// ReadArticle turns HTML into text with its paragraph breaks and finds the
// publication date in its metadata.
//
// Everything a language contributes is a Lang value: month, day and
// season names, number and unit words, qualifiers, and the patterns of
// expressions with the rule (Act) that normalises each. English, French
// and German are defined (lang_en.go, lang_fr.go, lang_de.go); another
// language is another table, and ParseHuman reads the spellings of every
// language defined.
package textdate
