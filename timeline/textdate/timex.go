package textdate

import (
	"sort"
	"strings"
	"time"
)

// Timex is one temporal expression found in a text, normalised as a
// TimeML TIMEX3.
type Timex struct {
	// Start and End are byte offsets of the expression in the text; End is
	// exclusive.
	Start, End int
	Text       string
	// Type is DATE, TIME, DURATION or SET.
	Type string
	// Value is the TIMEX3 value: 2017-04-03, 2017-W17, 2016-SP, 199, P3W,
	// PRESENT_REF, XXXX-WXX-1, …
	Value string
	// Mod is the TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, …
	Mod string
	// EDTF is the date as an EDTF value at the precision the text gives
	// (2017-21 for spring 2017, 199X for the 1990s, 2011/2012, 1995/.. for
	// "since 1995"); empty when the expression names no date.
	EDTF string
	// Signal is the word before the expression that opened an interval of
	// it ("since", "until"), if any.
	Signal string
	// Anchor is +1 when a duration counts forward from what follows it
	// ("three weeks after the attack"), -1 when it counts back ("two days
	// before the vote"), 0 otherwise; AnchorText is what follows, up to the
	// end of the clause.
	Anchor     int
	AnchorText string
	// Sentence is the index of the sentence it is in.
	Sentence int
}

// Options are the settings of a tagging.
type Options struct {
	// DCT is the document date; relative expressions ("yesterday") are
	// resolved against it. The zero time leaves them unresolved (their
	// value keeps X's: XXXX-XX-XX).
	DCT time.Time
	// Lang is the language of the text; nil means English.
	Lang *Lang
}

// Tag finds the temporal expressions of text, in order, none overlapping.
func Tag(text string, opt Options) []Timex {
	d := tagDoc(text, opt)
	return d.timexes
}

// doc is a text being tagged.
type doc struct {
	text    string
	toks    []token
	sent    []int // sentence index of each token
	lang    *Lang
	dct     time.Time
	hasDCT  bool
	timexes []Timex
	last    tval            // the last date mentioned, for "the following year"
	midCaps map[string]bool // capitalised words seen inside a sentence (names)
}

func tagDoc(text string, opt Options) *doc {
	l := opt.Lang
	if l == nil {
		l = English
	}
	d := &doc{text: text, toks: tokenize(text), lang: l, dct: opt.DCT, hasDCT: !opt.DCT.IsZero()}
	d.sent = sentenceIndex(d.toks, l)
	ix := l.index()
	for i := 0; i < len(d.toks); {
		end, ok := d.matchAt(ix, i)
		if ok {
			i = end
			continue
		}
		i++
	}
	return d
}

// caps are what a pattern's slots captured.
type caps struct {
	day, month, year, year2, num, ord, weekday, season, shift, hour, minute, decade int
	unit                                                                            Unit
	set                                                                             Unit
	daypart                                                                         string
	pm, am, plural                                                                  bool
	has                                                                             uint32
}

const (
	hDay = 1 << iota
	hMonth
	hYear
	hYear2
	hNum
	hOrd
	hWeekday
	hSeason
	hShift
	hUnit
	hClock
	hDecade
	hDaypart
	hSet
	hDigits
)

// index is a language's patterns by the first element they need.
type index struct {
	byWord    map[string][]int
	bySlot    map[string][]int
	nums      map[string][][]string // multi-word number phrases by first word
	prefix    [][]string            // approximators and parts, tokenized
	pmod      []string              // their TIMEX3 mods
	approx    [][]string            // words before an expression that make its date approximate
	fullMonth map[string]bool       // month names that are not abbreviations
	phrases   map[string][]string   // every phrase of the tables, tokenized once
	hedges    phraseSet             // Hedges by first word
	// The patterns that may start at a token: by word, for numbers, for "'".
	wordCands       map[string][]int
	numCands        []int
	apostropheCands []int
	future          phraseSet // Future by first word
}

// phraseSet finds any of a list of phrases by its first word.
type phraseSet map[string][][]string

func newPhraseSet(list []string) phraseSet {
	ps := phraseSet{}
	for _, s := range list {
		if ws := words(s); len(ws) > 0 {
			ps[ws[0]] = append(ps[ws[0]], ws)
		}
	}
	return ps
}

// at reports whether one of the phrases starts at token k.
func (ps phraseSet) at(d *doc, k int) bool {
	for _, ws := range ps[d.toks[k].low] {
		if d.wordsAt(k, ws) {
			return true
		}
	}
	return false
}

// phrase returns the tokens of a phrase of the tables.
func (ix *index) phrase(s string) []string {
	if ws, ok := ix.phrases[s]; ok {
		return ws
	}
	return words(s)
}

func (l *Lang) index() *index {
	l.once.Do(func() {
		ix := &index{byWord: map[string][]int{}, bySlot: map[string][]int{}, nums: map[string][][]string{}}
		for i := range l.Patterns {
			p := &l.Patterns[i]
			// A pattern is indexed by each element that can come first: the
			// first one, and the next while they are optional.
			for k := 0; k < len(p.elems); k++ {
				e := p.elems[k]
				if e.kind == eSlot {
					ix.bySlot[e.slot] = appendOnce(ix.bySlot[e.slot], i)
				} else {
					for _, w := range e.words {
						ix.byWord[w] = appendOnce(ix.byWord[w], i)
					}
				}
				if !e.optional {
					break
				}
			}
		}
		ix.hedges, ix.future = newPhraseSet(l.Hedges), newPhraseSet(l.Future)
		ix.phrases = map[string][]string{}
		for _, list := range [][]string{l.Future, l.Past, l.Hedges, l.After, l.Before, l.Approximate, l.Connectives, l.BC, l.AD, l.Perfect} {
			for _, s := range list {
				ix.phrases[s] = words(s)
			}
		}
		ix.fullMonth = map[string]bool{}
		longest := map[int]string{}
		for k, m := range l.Months {
			if len(k) > len(longest[m]) {
				longest[m] = k
			}
		}
		for _, k := range longest {
			ix.fullMonth[k] = true
		}
		for _, k := range l.Approximate {
			ix.approx = append(ix.approx, words(k))
		}
		for k := range l.Numbers {
			if w := words(k); len(w) > 1 {
				ix.nums[w[0]] = append(ix.nums[w[0]], w)
			}
		}
		parts := make([]string, 0, len(l.Parts))
		for k := range l.Parts {
			parts = append(parts, k)
		}
		// Longest first, so that "the end of" wins over "end of"; sorted,
		// so that the result never depends on map order.
		sort.Slice(parts, func(a, b int) bool {
			if len(parts[a]) != len(parts[b]) {
				return len(parts[a]) > len(parts[b])
			}
			return parts[a] < parts[b]
		})
		for _, k := range parts {
			ix.prefix = append(ix.prefix, words(k))
			ix.pmod = append(ix.pmod, l.Parts[k])
		}
		for _, k := range l.Approx {
			ix.prefix = append(ix.prefix, words(k))
			mod := "APPROX"
			switch k {
			case "more than", "over", "just over":
				mod = "MORE_THAN"
			case "less than", "under":
				mod = "LESS_THAN"
			case "at least":
				mod = "EQUAL_OR_MORE"
			}
			ix.pmod = append(ix.pmod, mod)
		}
		ix.wordCands = map[string][]int{}
		words := []string{}
		for w := range ix.byWord {
			words = append(words, w)
		}
		for _, m := range []map[string]int{l.Months, l.Weekdays, l.Seasons, l.Numbers, l.Ordinals, l.Shifts} {
			for w := range m {
				words = append(words, w)
			}
		}
		for w := range l.Units {
			words = append(words, w)
		}
		for w := range l.Sets {
			words = append(words, w)
		}
		for w := range l.DayParts {
			words = append(words, w)
		}
		for w := range ix.nums {
			words = append(words, w)
		}
		for _, w := range words {
			if _, done := ix.wordCands[w]; !done {
				ix.wordCands[w] = ix.slotCandidates(l, w, 'w')
			}
		}
		ix.numCands = ix.slotCandidates(l, "", 'n')
		ix.apostropheCands = ix.slotCandidates(l, "'", 'p')
		l.ix = ix
	})
	return l.ix
}

func appendOnce(s []int, i int) []int {
	if len(s) > 0 && s[len(s)-1] == i {
		return s
	}
	return append(s, i)
}

// slotsOf lists the slots a token may fill as a first element.
func (d *doc) candidates(ix *index, i int, buf []int) []int {
	t := &d.toks[i]
	switch t.kind {
	case 'n':
		return ix.numCands
	case 'w':
		if c, ok := ix.wordCands[t.low]; ok {
			return c
		}
		return nil
	}
	if t.low == "'" {
		return ix.apostropheCands
	}
	return ix.byWord[t.low]
}

// slotCandidates lists, without repeats, the patterns that may start with
// a word (or a number, or an apostrophe) of the given kind.
func (ix *index) slotCandidates(l *Lang, low string, kind byte) []int {
	buf := append([]int(nil), ix.byWord[low]...)
	add := func(slot string) { buf = append(buf, ix.bySlot[slot]...) }
	switch kind {
	case 'n':
		for _, s := range []string{"day", "year", "num", "digits", "decade", "clock", "hour", "ord", "yy"} {
			add(s)
		}
	case 'w':
		if _, ok := l.Months[low]; ok {
			add("month")
		}
		if _, ok := l.Weekdays[low]; ok {
			add("weekday")
		}
		if _, ok := l.Seasons[low]; ok {
			add("season")
		}
		if v, ok := l.Numbers[low]; ok {
			add("num")
			if v >= 2 && v <= 21 {
				add("year") // "nineteen ninety-seven", "two thousand"
			}
		} else if len(ix.nums[low]) > 0 {
			add("num")
		}
		if _, ok := l.Ordinals[low]; ok {
			add("ord")
			add("day")
		}
		if _, ok := l.Units[low]; ok {
			add("unit")
		}
		if _, ok := l.Sets[low]; ok {
			add("set")
		}
		if _, ok := l.DayParts[low]; ok {
			add("daypart")
		}
		if _, ok := l.Shifts[low]; ok {
			add("shift")
		}
	case 'p':
		add("decade")
		add("year")
	}
	sort.Ints(buf)
	out := buf[:0]
	for k, p := range buf {
		if k == 0 || p != buf[k-1] {
			out = append(out, p)
		}
	}
	return out
}

// matchAt tries every pattern at token i and keeps the longest match whose
// rule gives a value.
func (d *doc) matchAt(ix *index, i int) (int, bool) {
	cands := d.candidates(ix, i, nil)
	if len(cands) == 0 {
		return 0, false
	}
	type hit struct {
		end, pat int
		c        caps
	}
	var hits [16]hit
	hs := hits[:0]
	for _, pi := range cands {
		p := &d.lang.Patterns[pi]
		end, c, ok := d.match(p.elems, i, i, caps{})
		if ok && end > i {
			hs = append(hs, hit{end, pi, c})
		}
	}
	// Longest first; among equals the earlier pattern.
	for len(hs) > 0 {
		best := 0
		for k := range hs {
			if hs[k].end > hs[best].end || hs[k].end == hs[best].end && hs[k].pat < hs[best].pat {
				best = k
			}
		}
		h := hs[best]
		if d.emit(i, h.end, &d.lang.Patterns[h.pat], h.c) {
			return h.end, true
		}
		hs = append(hs[:best], hs[best+1:]...)
	}
	return 0, false
}

// match matches elems from token i, backtracking over optional elements.
func (d *doc) match(elems []elem, first, i int, c caps) (int, caps, bool) {
	if len(elems) == 0 {
		return i, c, true
	}
	e := elems[0]
	if i < len(d.toks) && d.sent[i] == d.sent[first] {
		if next, c2, ok := d.matchElem(e, i, c); ok {
			if end, c3, ok := d.match(elems[1:], first, next, c2); ok {
				return end, c3, true
			}
		}
	}
	if e.optional {
		return d.match(elems[1:], first, i, c)
	}
	return 0, c, false
}

func (d *doc) matchElem(e elem, i int, c caps) (int, caps, bool) {
	t := &d.toks[i]
	if i > 0 && t.breaks > 1 && false {
		// An expression does not run across a paragraph break.
		return 0, c, false
	}
	if e.kind == eWord {
		for _, w := range e.words {
			if t.low == w {
				return i + 1, c, true
			}
		}
		return 0, c, false
	}
	l := d.lang
	next := func(k int) *token {
		if k < len(d.toks) {
			return &d.toks[k]
		}
		return nil
	}
	adjacent := func(k int) bool { return k < len(d.toks) && !d.toks[k].space }
	switch e.slot {
	case "day":
		if t.kind == 'n' && len(t.low) <= 2 && t.num >= 1 && t.num <= 31 {
			c.day, c.has = t.num, c.has|hDay
			if n := next(i + 1); n != nil && adjacent(i+1) && n.kind == 'w' && contains(l.OrdinalSuffixes, n.low) {
				return i + 2, c, true
			}
			if n := next(i + 1); n != nil && adjacent(i+1) && n.kind == 'w' {
				return 0, c, false
			}
			return i + 1, c, true
		}
		if v, ok := l.Ordinals[t.low]; ok && v >= 1 && v <= 31 && l.Code != "en" {
			c.day, c.has = v, c.has|hDay
			return i + 1, c, true
		}
	case "month":
		if m, ok := l.Months[t.low]; ok && (!l.CapMonths || t.cap) {
			c.month, c.has = m, c.has|hMonth
			if n := next(i + 1); n != nil && n.low == "." && adjacent(i+1) && !d.lang.ix.fullMonth[t.low] {
				return i + 2, c, true
			}
			if !d.lang.ix.fullMonth[t.low] {
				// "Jan" without its dot is a month only before a number.
				if n := next(i + 1); n == nil || n.kind != 'n' {
					return 0, c, false
				}
			}
			return i + 1, c, true
		}
	case "year":
		if t.kind == 'n' && len(t.low) < 4 && t.num > 0 && t.low[0] != '0' {
			if bc, end := d.era(i + 1); end > i+1 {
				y := t.num
				if bc {
					y = 1 - y
				}
				c.year, c.has = y, c.has|hYear
				return end, c, true
			}
		}
		if t.kind == 'n' && len(t.low) == 4 && t.num >= 1000 && t.num <= 2199 {
			if n := next(i + 1); n != nil && adjacent(i+1) && (n.kind == 'w' || n.low == "%") {
				return 0, c, false
			}
			if n := next(i + 1); n != nil && adjacent(i+1) && n.low == "." && adjacent(i+2) && d.toks[i+2].kind == 'n' {
				return 0, c, false // 2082.1 points
			}
			if i > 0 && (d.toks[i-1].low == "$" || d.toks[i-1].low == "#") {
				return 0, c, false
			}
			y := t.num
			k := i + 1
			if bc, end := d.era(k); end > k {
				if bc {
					y = 1 - y
				}
				k = end
			}
			if c.has&hYear != 0 {
				c.year2, c.has = y, c.has|hYear2
			} else {
				c.year, c.has = y, c.has|hYear
			}
			return k, c, true
		}
		if t.kind == 'w' {
			if y, end := d.yearWords(i); end > i {
				c.year, c.has = y, c.has|hYear
				return end, c, true
			}
		}
		if t.low == "'" {
			if n := next(i + 1); n != nil && adjacent(i+1) && n.kind == 'n' && len(n.low) == 2 {
				if m := next(i + 2); m != nil && adjacent(i+2) && m.kind == 'w' {
					return 0, c, false
				}
				y := 1900 + n.num
				if n.num < 30 {
					y = 2000 + n.num
				}
				c.year, c.has = y, c.has|hYear
				return i + 2, c, true
			}
		}
	case "yy":
		if t.kind == 'n' && len(t.low) == 2 && adjacent(i) {
			if n := next(i + 1); n != nil && adjacent(i+1) && n.kind == 'w' {
				return 0, c, false
			}
			c.year2, c.has = t.num, c.has|hYear2
			return i + 1, c, true
		}
	case "digits":
		if t.kind == 'n' && adjacent(i) {
			if c.has&hDigits == 0 {
				c.month, c.has = t.num, c.has|hDigits
			} else {
				c.day = t.num
			}
			if len(t.low) != 2 {
				return 0, c, false
			}
			return i + 1, c, true
		}
	case "num":
		if t.kind == 'n' && len(t.low) <= 4 {
			if i > 0 && d.toks[i-1].low == "/" && adjacent(i) {
				return 0, c, false
			}
			if n := next(i + 1); n != nil && adjacent(i+1) && (n.low == "," || n.low == "." || n.low == "%") {
				if m := next(i + 2); m != nil && adjacent(i+2) && m.kind == 'n' {
					return 0, c, false
				}
			}
			c.num, c.has = t.num, c.has|hNum
			return i + 1, c, true
		}
		if t.kind == 'w' {
			// The longest number phrase: "a couple of", then a word.
			best, bv := 0, 0
			for _, ph := range d.lang.ix.nums[t.low] {
				if len(ph) > best && d.wordsAt(i, ph) {
					best, bv = len(ph), l.Numbers[strings.Join(ph, " ")]
				}
			}
			if best == 0 {
				if v, ok := l.Numbers[t.low]; ok {
					best, bv = 1, v
					// "twenty-five"
					if v >= 20 && v < 100 && v%10 == 0 {
						if n := next(i + 1); n != nil && n.low == "-" && adjacent(i+1) {
							if m := next(i + 2); m != nil && adjacent(i+2) {
								if u, ok := l.Numbers[m.low]; ok && u >= 1 && u <= 9 {
									best, bv = 3, v+u
								}
							}
						}
					}
				}
			}
			if best > 0 {
				// "two thousand", "three hundred"
				if n := next(i + best); n != nil && bv >= 1 && bv <= 99 && d.sent[i+best] == d.sent[i] {
					if m := l.Numbers[n.low]; m == 100 || m == 1000 {
						best, bv = best+1, bv*m
					}
				}
				c.num, c.has = bv, c.has|hNum
				return i + best, c, true
			}
		}
	case "ord":
		if v, ok := l.Ordinals[t.low]; ok {
			c.ord, c.has = v, c.has|hOrd
			return i + 1, c, true
		}
		if t.kind == 'n' && len(t.low) <= 2 {
			if n := next(i + 1); n != nil && adjacent(i+1) && contains(l.OrdinalSuffixes, n.low) {
				c.ord, c.has = t.num, c.has|hOrd
				return i + 2, c, true
			}
		}
	case "unit":
		if u, ok := l.Units[t.low]; ok {
			c.unit, c.has = u, c.has|hUnit
			c.plural = contains(l.Plurals, t.low)
			return i + 1, c, true
		}
	case "set":
		if u, ok := l.Sets[t.low]; ok {
			c.set, c.has = u, c.has|hSet
			return i + 1, c, true
		}
	case "weekday":
		if w, ok := l.Weekdays[t.low]; ok && (!l.CapMonths || t.cap) {
			c.weekday, c.has = w, c.has|hWeekday
			if n := next(i + 1); n != nil && n.low == "." && adjacent(i+1) && len(t.low) <= 4 {
				return i + 2, c, true
			}
			return i + 1, c, true
		}
	case "season":
		if s, ok := l.Seasons[t.low]; ok {
			c.season, c.has = s, c.has|hSeason
			return i + 1, c, true
		}
	case "daypart":
		if p, ok := l.DayParts[t.low]; ok {
			c.daypart, c.has = p, c.has|hDaypart
			return i + 1, c, true
		}
	case "shift":
		if s, ok := l.Shifts[t.low]; ok {
			c.shift, c.has = s, c.has|hShift
			return i + 1, c, true
		}
	case "decade":
		if t.kind == 'n' && len(t.low) == 4 && t.num%10 == 0 {
			if n := next(i + 1); n != nil && adjacent(i+1) && contains(l.DecadeSuffixes, n.low) {
				c.decade, c.has = t.num/10, c.has|hDecade
				return i + 2, c, true
			}
			if n := next(i + 1); n != nil && adjacent(i+1) && n.low == "'" {
				if m := next(i + 2); m != nil && adjacent(i+2) && m.low == "s" {
					c.decade, c.has = t.num/10, c.has|hDecade
					return i + 3, c, true
				}
			}
		}
		if t.low == "'" {
			if n := next(i + 1); n != nil && adjacent(i+1) && n.kind == 'n' && len(n.low) == 2 && n.num%10 == 0 {
				if m := next(i + 2); m != nil && adjacent(i+2) && m.low == "s" {
					c.decade, c.has = (1900+n.num)/10, c.has|hDecade
					return i + 3, c, true
				}
			}
		}
	case "clock":
		if t.kind == 'n' && len(t.low) <= 2 && t.num <= 24 {
			if n := next(i + 1); n != nil && adjacent(i+1) && (n.low == ":" || n.low == "h") {
				if m := next(i + 2); m != nil && adjacent(i+2) && m.kind == 'n' && len(m.low) == 2 && m.num < 60 {
					c.hour, c.minute, c.has = t.num, m.num, c.has|hClock
					return i + 3, c, true
				}
			}
		}
	case "hour":
		if t.kind == 'n' && len(t.low) <= 2 && t.num >= 1 && t.num <= 12 {
			c.hour, c.has = t.num, c.has|hClock
			return i + 1, c, true
		}
	case "ampm":
		switch {
		case t.low == "am" || t.low == "pm":
			c.pm, c.am = t.low == "pm", t.low == "am"
			return i + 1, c, true
		case t.low == "a" || t.low == "p":
			if d.wordsAt(i, []string{t.low, ".", "m"}) {
				c.pm, c.am = t.low == "p", t.low == "a"
				k := i + 3
				if n := next(k); n != nil && n.low == "." && adjacent(k) {
					k++
				}
				return k, c, true
			}
		}
	case "tz":
		switch t.low {
		case "est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt", "et", "bst", "cet", "msk":
			if t.cap {
				return i + 1, c, true
			}
		}
	}
	return 0, c, false
}

// numberWord is the value of the one-word number at token k ("nineteen"),
// with the tens joined by a hyphen ("ninety-seven"), and the token after it.
func (d *doc) numberWord(k int) (int, int) {
	if k >= len(d.toks) || d.toks[k].kind != 'w' {
		return 0, k
	}
	v, ok := d.lang.Numbers[d.toks[k].low]
	if !ok || v < 1 {
		return 0, k
	}
	if v >= 20 && v < 100 && v%10 == 0 && k+2 < len(d.toks) && d.toks[k+1].low == "-" && !d.toks[k+1].space && !d.toks[k+2].space {
		if u, ok := d.lang.Numbers[d.toks[k+2].low]; ok && u >= 1 && u <= 9 {
			return v + u, k + 3
		}
	}
	return v, k + 1
}

// yearWords reads a year spelt out from token i, as years are read aloud:
// "nineteen ninety-seven" (1997), "nineteen hundred" (1900), "two
// thousand" (2000), "two thousand five" (2005). It gives the year and the
// token after it, or i when there is none.
func (d *doc) yearWords(i int) (int, int) {
	hi, k := d.numberWord(i)
	if k != i+1 {
		return 0, i
	}
	lo, end := d.numberWord(k)
	y := 0
	switch {
	case end == k || d.sent[k] != d.sent[i]:
		return 0, i
	case hi >= 10 && hi <= 21 && lo >= 10 && lo <= 99:
		y = hi*100 + lo
	case hi >= 10 && hi <= 21 && lo == 100:
		y = hi * 100
	case hi == 2 && lo == 1000:
		y = 2000
		if n, e := d.numberWord(end); e > end && n >= 1 && n <= 99 && d.sent[end] == d.sent[i] {
			y, end = 2000+n, e
		}
	default:
		return 0, i
	}
	if end < len(d.toks) {
		if _, unit := d.lang.Units[d.toks[end].low]; unit {
			return 0, i // "two thousand years" is a quantity
		}
	}
	return y, end
}

// wordsAt reports whether the tokens from i are ws, each adjacent or
// separated only by spaces within one sentence.
func (d *doc) wordsAt(i int, ws []string) bool {
	if i+len(ws) > len(d.toks) {
		return false
	}
	for k, w := range ws {
		if d.toks[i+k].low != w {
			return false
		}
	}
	return true
}

// wordsBefore reports whether the tokens just before i are ws.
func (d *doc) wordsBefore(i int, ws []string) bool {
	if i-len(ws) < 0 {
		return false
	}
	return d.wordsAt(i-len(ws), ws)
}

// era reads "BC"/"AD" (or the language's spelling) at token k: whether it
// is BC, and the token after it.
func (d *doc) era(k int) (bool, int) {
	for _, list := range [][]string{d.lang.BC, d.lang.AD} {
		for _, w := range list {
			ws := d.lang.ix.phrase(w)
			if d.wordsAt(k, ws) && d.toks[k].cap {
				return &list[0] == &d.lang.BC[0], k + len(ws)
			}
		}
	}
	return false, k
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sentenceIndex numbers the sentences of the tokens: a sentence ends at
// ".", "!" or "?" followed by a capital, a digit or a quote, or at a
// paragraph break.
func sentenceIndex(toks []token, l *Lang) []int {
	s := make([]int, len(toks))
	n := 0
	for i := range toks {
		if i > 0 {
			prev := &toks[i-1]
			switch {
			case toks[i].breaks > 1:
				n++
			case toks[i].breaks == 1 && (prev.low == "." || prev.low == "!" || prev.low == "?" || prev.low == ":"):
				n++
			case toks[i].breaks == 1 && (toks[i].cap || toks[i].kind == 'n') && prev.kind != 'p' && shortLine(toks, i):
				// A short line without a final stop: a heading, a byline.
				n++
			case (prev.low == "." || prev.low == "!" || prev.low == "?") && toks[i].space && (toks[i].cap || toks[i].kind == 'n' || toks[i].low == "\"" || toks[i].low == "“"):
				if prev.low == "." && i >= 2 && abbreviation(toks[i-2]) {
					break
				}
				if prev.low == "." && i >= 2 && toks[i-2].kind == 'n' && l.Months[toks[i].low] != 0 {
					break // "am 3. April"
				}
				n++
			}
		}
		s[i] = n
	}
	return s
}

// shortLine reports whether the line that ends before token i is shorter
// than 50 bytes.
func shortLine(toks []token, i int) bool {
	end := toks[i-1].end
	for k := i - 1; k >= 0; k-- {
		if toks[k].breaks > 0 || k == 0 {
			return end-toks[k].start < 50 && (k == 0 || toks[k].breaks > 1)
		}
	}
	return true
}

// abbreviation reports whether a word before a dot is an abbreviation that
// does not end a sentence.
func abbreviation(t token) bool {
	if t.kind != 'w' {
		return false
	}
	if len(t.low) == 1 {
		return true // initials: "J. Smith", "U.S."
	}
	switch t.low {
	case "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sen", "rep", "gov", "st", "jr", "sr", "inc", "co", "corp", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "c", "ca", "approx", "etc", "vol", "pp", "fig", "mt", "ft", "rev":
		return true
	}
	return false
}
