package textdate

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"timeline/timeline/edtf"
)

// Extraction is a tagged text: its expressions and its sentences.
type Extraction struct {
	Text      string
	Timexes   []Timex
	Sentences []Span
	d         *doc
}

// Span is a range of byte offsets in a text, End exclusive.
type Span struct{ Start, End int }

// Extract tags text and splits it into sentences.
func Extract(text string, opt Options) *Extraction {
	d := tagDoc(text, opt)
	x := &Extraction{Text: text, Timexes: d.timexes, d: d}
	for i, t := range d.toks {
		s := d.sent[i]
		for len(x.Sentences) <= s {
			x.Sentences = append(x.Sentences, Span{t.start, t.end})
		}
		x.Sentences[s].End = t.end
	}
	return x
}

// Dateline finds the date an article gives for itself near its top: the
// first expression of a full date (day, month and year) in its first
// 1,500 bytes or 12 lines.
func Dateline(text string, l *Lang) (time.Time, string, bool) {
	limit := len(text)
	if limit > 1500 {
		limit = 1500
	}
	if n := nthIndex(text[:limit], '\n', 12); n >= 0 {
		limit = n
	}
	for _, t := range Tag(text[:limit], Options{Lang: l}) {
		if t.Type == "DATE" && len(t.EDTF) == 10 && t.Signal == "" && t.Mod == "" {
			if d, err := time.Parse("2006-01-02", t.EDTF); err == nil {
				return d, t.Text, true
			}
		}
	}
	return time.Time{}, "", false
}

func nthIndex(s string, c byte, n int) int {
	at := 0
	for k := 0; k < n; k++ {
		i := strings.IndexByte(s[at:], c)
		if i < 0 {
			return -1
		}
		at += i + 1
	}
	return at - 1
}

// Candidate is a proposed event: one sentence (or clause) that dates
// something, in the dataset's columns.
type Candidate struct {
	ID, Start, End, Title, Actors, Location, Sources, Confidence string
	// Quote is the sentence it came from; Offset the sentence's start in
	// code points.
	Quote  string
	Offset int
}

// CandidateOptions are the settings of Candidates.
type CandidateOptions struct {
	// DCT is the document date, and DocTitle the document's title; with
	// both, the first candidate is the publication itself.
	DCT      time.Time
	DocTitle string
	// Source goes into every candidate's sources.
	Source string
	// Slug makes an id from a title.
	Slug func(string) string
}

// Candidates proposes an event for every sentence, or clause of a
// sentence, that has a date: its start at the precision the text gives,
// "?" and low confidence where the sentence hedges, "~" where the date is
// approximate, and a date relative to an earlier candidate where a
// duration is anchored on it ("three weeks after the attack").
func (x *Extraction) Candidates(opt CandidateOptions) []Candidate {
	d := x.d
	l := d.lang
	var out []Candidate
	taken := map[string]bool{}
	newID := func(title string) string {
		base := opt.Slug(title)
		id := base
		for n := 2; taken[id]; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		taken[id] = true
		return id
	}
	runes := newRuneCounter(x.Text)
	if !opt.DCT.IsZero() && opt.DocTitle != "" {
		title := strings.TrimSpace(opt.DocTitle)
		out = append(out, Candidate{
			ID: newID("published " + title), Start: opt.DCT.Format("2006-01-02"),
			Title: shorten(quoteTitle(title)+" is published", 14), Sources: opt.Source,
		})
	}
	byTok := tokenIndex(d)
	next := 0 // the first expression not in an earlier sentence
	for si, sp := range x.Sentences {
		var dated []int
		for ; next < len(x.Timexes) && x.Timexes[next].Sentence < si; next++ {
		}
		for k := next; k < len(x.Timexes) && x.Timexes[k].Sentence == si; k++ {
			t := x.Timexes[k]
			if (t.Type == "DATE" || t.Type == "TIME") && t.EDTF != "" || t.Type == "DURATION" && t.Anchor != 0 {
				dated = append(dated, k)
			}
		}
		if len(dated) == 0 {
			if c, ok := d.perfect(byTok, sp, opt); ok {
				c.Offset = runes.at(sp.Start)
				c.ID = newID(c.Title)
				out = append(out, c)
			}
			continue
		}
		quote := strings.TrimSpace(x.Text[sp.Start:sp.End])
		clauses := d.clauses(byTok, sp, x.Timexes, dated)
		for _, cl := range clauses {
			t := x.Timexes[cl.timex]
			hedged := d.hedged(byTok, cl.span)
			c := Candidate{Sources: opt.Source, Quote: quote, Offset: runes.at(sp.Start)}
			var start string
			remove := Span{t.Start, t.End}
			if t.Type == "DURATION" {
				target := anchorTarget(out, t.AnchorText)
				dur, err := edtf.ParseDuration(t.Value)
				if target == "" || err != nil {
					continue
				}
				r := edtf.Relative{ID: target, Negative: t.Anchor < 0, Dur: dur, Uncertain: hedged,
					Approximate: dur.Weeks > 0 || dur.Months > 0 || dur.Years > 0 || t.Mod == "APPROX"}
				start = r.String()
				remove.End = x.clauseEnd(t.End, t.AnchorText)
				if hedged {
					c.Confidence = "low"
				} else {
					c.Confidence = "moderate"
				}
			} else {
				date, err := edtf.Parse(t.EDTF)
				if err != nil {
					continue
				}
				if hedged {
					date = date.Qualify(true, false)
					c.Confidence = "low"
				} else if date.Approximate() && t.Mod == "APPROX" {
					c.Confidence = "moderate"
				}
				start = date.String()
			}
			c.Start = start
			c.Title = d.title(byTok, cl.span, remove)
			if c.Title == "" {
				continue
			}
			c.Actors, c.Location = d.names(byTok, cl.span, l)
			c.ID = newID(c.Title)
			out = append(out, c)
		}
	}
	return out
}

// perfect proposes an event for a sentence without a date that reports,
// in the present perfect, something a named actor did: it happened before
// the document date ("Russia has ratified a deal" is /2017-05-17).
func (d *doc) perfect(byTok *tokFinder, sp Span, opt CandidateOptions) (Candidate, bool) {
	if opt.DCT.IsZero() {
		return Candidate{}, false
	}
	from, to := d.tokRange(byTok, sp)
	l := d.lang
	found := false
	for k := from; k < to-1 && !found; k++ {
		if !contains(l.Perfect, d.toks[k].low) {
			continue
		}
		for j := k + 1; j < to && j <= k+3; j++ {
			w := d.toks[j].low
			if w == "been" || contains(l.PerfectAdverbs, w) {
				continue
			}
			found = participle(w, l)
			break
		}
	}
	if !found {
		return Candidate{}, false
	}
	c := Candidate{Start: "/" + opt.DCT.Format("2006-01-02"), Sources: opt.Source, Quote: strings.TrimSpace(d.text[sp.Start:sp.End])}
	c.Actors, c.Location = d.names(byTok, sp, l)
	if c.Actors == "" {
		return Candidate{}, false
	}
	c.Title = d.title(byTok, sp, Span{-1, -1})
	if c.Title == "" {
		return Candidate{}, false
	}
	if d.hedged(byTok, sp) {
		c.Confidence = "low"
	}
	return c, true
}

func participle(w string, l *Lang) bool {
	if contains(l.Participles, w) {
		return true
	}
	for _, suf := range l.ParticipleEndings {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// quoteTitle puts a document title in quotation marks.
func quoteTitle(s string) string { return "“" + s + "”" }

// tokenIndex finds tokens by their byte offsets.
func tokenIndex(d *doc) *tokFinder { return &tokFinder{} }

type tokFinder struct{}

// tokRange returns the tokens of a span.
func (d *doc) tokRange(_ *tokFinder, sp Span) (int, int) {
	from := byTokStart(d, sp.Start)
	to := from
	for to < len(d.toks) && d.toks[to].end <= sp.End {
		to++
	}
	return from, to
}

type clause struct {
	span  Span
	timex int
}

// clauses splits a sentence with several dates at its clause breaks (";",
// or a comma before "but", "while", "whereas", "although") and gives each
// clause its first date.
func (d *doc) clauses(byTok *tokFinder, sp Span, ts []Timex, dated []int) []clause {
	from, to := d.tokRange(byTok, sp)
	var cuts []int // byte offsets where a clause starts
	for k := from + 1; k < to-1; k++ {
		if w := d.toks[k].low; w == ";" || w == "," && contains(d.lang.ClauseBreaks, d.toks[k+1].low) {
			cuts = append(cuts, d.toks[k+1].start)
		}
	}
	if len(cuts) == 0 && len(dated) > 1 {
		// "began in 2017 and was delayed in 2018": two events.
		for k := from + 1; k < to-1; k++ {
			if contains(d.lang.ClauseBreaks, d.toks[k].low) && d.toks[k].start > ts[dated[0]].End && d.toks[k].start < ts[dated[1]].Start {
				cuts = append(cuts, d.toks[k].start)
			}
		}
	}
	var out []clause
	bounds := append([]int{sp.Start}, cuts...)
	bounds = append(bounds, sp.End)
	for b := 0; b+1 < len(bounds); b++ {
		for _, k := range dated {
			if ts[k].Start >= bounds[b] && ts[k].Start < bounds[b+1] {
				out = append(out, clause{Span{bounds[b], bounds[b+1]}, k})
				break
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	return []clause{{sp, dated[0]}}
}

// hedged reports whether a span has a word that hedges what it reports.
func (d *doc) hedged(byTok *tokFinder, sp Span) bool {
	from, to := d.tokRange(byTok, sp)
	for k := from; k < to; k++ {
		if d.inTimex(d.toks[k].start) {
			continue
		}
		if d.lang.ix.hedges.at(d, k) {
			return true
		}
	}
	return false
}

// inTimex reports whether byte offset b is inside an expression.
func (d *doc) inTimex(b int) bool {
	lo, hi := 0, len(d.timexes)
	for lo < hi {
		m := (lo + hi) / 2
		if d.timexes[m].End <= b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(d.timexes) && d.timexes[lo].Start <= b
}

// anchorTarget finds the earlier candidate that an anchor ("the attack")
// refers to: the last one whose sentence has the anchor's last word.
func anchorTarget(out []Candidate, anchor string) string {
	fs := strings.FieldsFunc(strings.ToLower(anchor), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(fs) == 0 {
		return ""
	}
	head := fs[len(fs)-1]
	for k := len(out) - 1; k >= 0; k-- {
		q := strings.ToLower(out[k].Quote + " " + out[k].Title)
		for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if strings.HasPrefix(w, head) && len(w)-len(head) <= 2 && len(head) > 3 || w == head {
				return out[k].ID
			}
		}
	}
	return ""
}

// clauseEnd is where the anchor text after offset end stops, with a comma
// after it.
func (x *Extraction) clauseEnd(end int, anchor string) int {
	i := strings.Index(x.Text[end:], anchor)
	if anchor == "" || i < 0 || i > 20 {
		return end
	}
	e := end + i + len(anchor)
	if e < len(x.Text) && x.Text[e] == ',' {
		e++
	}
	return e
}

// title makes a short headline of a clause: without its date (and the
// preposition before it), without a leading connective, at most twelve
// words, cut at a comma when it is long.
func (d *doc) title(byTok *tokFinder, sp, remove Span) string {
	from, to := d.tokRange(byTok, sp)
	l := d.lang
	var ws []token
	dropped := false
	for k := from; k < to; k++ {
		t := d.toks[k]
		if t.start >= remove.Start && t.end <= remove.End {
			if !dropped {
				// "in the summer of 2017": the words before the date go too.
				dropped = true
				for len(ws) > 0 && (contains(l.DatePrepositions, ws[len(ws)-1].low) || contains(l.Determiners, ws[len(ws)-1].low)) {
					ws = ws[:len(ws)-1]
				}
			}
			continue
		}
		// "last month's attack": the possessive goes with the date.
		if t.start == remove.End && t.low == "'" && k+1 < to && d.toks[k+1].low == "s" {
			k++
			continue
		}
		// The preposition before the date: "in 2014", "back in 2014", "since 1995".
		if k+1 < to && d.toks[k+1].start == remove.Start && contains(l.DatePrepositions, t.low) {
			if len(ws) > 0 && contains(l.DatePrepositions, ws[len(ws)-1].low) {
				ws = ws[:len(ws)-1]
			}
			continue
		}
		ws = append(ws, t)
	}
	// Parenthetical remarks go.
	var kept []token
	depth := 0
	for _, t := range ws {
		switch t.low {
		case "(":
			depth++
			continue
		case ")":
			if depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 {
			kept = append(kept, t)
		}
	}
	ws = kept
	// Connectives inside: "Tashkent, for example, Russians".
	for k := 0; k < len(ws); k++ {
		if ws[k].low != "," {
			continue
		}
		for _, c := range l.Connectives {
			cw := l.ix.phrase(c)
			if cw[len(cw)-1] != "," {
				continue
			}
			if k+1+len(cw) <= len(ws) && matchLow(ws[k+1:k+1+len(cw)], cw) {
				ws = append(ws[:k+1], ws[k+1+len(cw):]...)
				break
			}
		}
	}
	// Leading connectives and punctuation: "However,", "For example,".
	for changed := true; changed; {
		changed = false
		for len(ws) > 0 && ws[0].kind == 'p' {
			ws, changed = ws[1:], true
		}
		for _, c := range l.Connectives {
			cw := l.ix.phrase(c)
			if len(ws) > len(cw) && matchLow(ws[:len(cw)], cw) {
				ws, changed = ws[len(cw):], true
				break
			}
		}
	}
	// At most twelve words, cut at a comma after the fourth if possible.
	n := 0
	for k, t := range ws {
		if t.kind != 'p' {
			n++
		}
		if t.low == "," && n >= 6 && n <= 12 && k+1 < len(ws) && countWords(ws[k+1:]) > 3 {
			ws = ws[:k]
			break
		}
		if n > 12 {
			ws = ws[:cutAtPhrase(ws[:k], l)]
			break
		}
	}
	for len(ws) > 0 && (ws[len(ws)-1].kind == 'p' || contains(l.Dangling, ws[len(ws)-1].low) || contains(l.DatePrepositions, ws[len(ws)-1].low)) {
		ws = ws[:len(ws)-1]
	}
	if countWords(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for k, t := range ws {
		if k > 0 && t.space && !(t.kind == 'p' && (t.low == "," || t.low == "." || t.low == ";" || t.low == ":")) {
			b.WriteByte(' ')
		} else if k > 0 && t.space {
			b.WriteByte(' ')
		}
		b.WriteString(d.text[t.start:t.end])
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// cutAtPhrase is where a headline cut at its word limit ends: before the
// last word that opens a new clause or phrase ("and", "that", "with", a
// comma), so that it does not stop in the middle of one, if six words are
// left before it. Not before "of" ("the Ministry of Internal Affairs") or
// an article; before "to", which is as often a verb's, only with eight
// words left.
func cutAtPhrase(ws []token, l *Lang) int {
	for j := len(ws) - 1; j > 0; j-- {
		t := ws[j]
		if t.low != "," && (t.kind != 'w' || !contains(l.Dangling, t.low) || contains(l.Determiners, t.low) || contains(l.NameJoiners, t.low)) {
			continue
		}
		n := countWords(ws[:j])
		if n < 6 {
			break
		}
		if t.low == "to" && n < 8 {
			continue
		}
		return j
	}
	return len(ws)
}

func matchLow(ts []token, ws []string) bool {
	for k, w := range ws {
		if ts[k].low != w {
			return false
		}
	}
	return true
}

func countWords(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.kind != 'p' {
			n++
		}
	}
	return n
}

func shorten(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	return strings.Join(f[:n], " ") + "…"
}

// names finds the proper names of a span: sequences of capitalised words
// (with "of", "al-", "ut-" inside), the first after "in", "at" or "near"
// being the location and the others actors.
func (d *doc) names(byTok *tokFinder, sp Span, l *Lang) (string, string) {
	from, to := d.tokRange(byTok, sp)
	var actors []string
	seen := map[string]bool{}
	location := ""
	for k := from; k < to; k++ {
		t := d.toks[k]
		if t.kind != 'w' || !t.cap {
			continue
		}
		end := k + 1
		for end < to {
			n := d.toks[end]
			switch {
			case n.kind == 'w' && n.cap && n.space:
			case n.low == "-" && !n.space && end+1 < to && d.toks[end+1].kind == 'w' && !d.toks[end+1].space:
				end++
			case n.kind == 'w' && contains(l.NameJoiners, n.low) && end+1 < to && d.toks[end+1].cap:
			default:
				goto done
			}
			end++
		}
	done:
		name := d.text[t.start:d.toks[end-1].end]
		first := k == from || d.sent[k] != d.sent[k-1] || d.toks[k-1].kind == 'p' && (d.toks[k-1].low == "“" || d.toks[k-1].low == "\"")
		if k > from+1 && d.toks[k-1].low == "-" && d.toks[k-2].low == "al" && !d.toks[k-1].space {
			name = "al-" + name
			first = false
		}
		if h := strings.LastIndexByte(name, '-'); h >= 0 && h+1 < len(name) && unicode.IsLower(rune(name[h+1])) {
			k = end - 1
			continue // "Chechnya-linked"
		}
		if sp := strings.IndexByte(name, ' '); sp > 0 {
			if w := strings.ToLower(name[:sp]); contains(l.NotNames, w) || contains(l.Dangling, w) || contains(l.DatePrepositions, w) {
				name, first = name[sp+1:], false
			}
		}
		k = end - 1
		if contains(l.NotNames, strings.ToLower(name)) || l.Months[strings.ToLower(name)] != 0 {
			continue
		}
		if _, ok := l.Weekdays[strings.ToLower(name)]; ok {
			continue
		}
		if first && !strings.Contains(name, " ") && !d.nameInside(name) {
			continue // a capital that may just start the sentence
		}
		prev := ""
		if start := byTokStart(d, t.start); start > 0 {
			prev = d.toks[start-1].low
		}
		if location == "" && contains(l.PlacePrepositions, prev) {
			location = name
			continue
		}
		if !seen[name] && len(actors) < 4 {
			seen[name] = true
			actors = append(actors, name)
		}
	}
	return strings.Join(actors, ";"), location
}

// nameInside reports whether a word is capitalised somewhere in the text
// where it does not start a sentence: then, first in one ("Russia has
// ratified …"), it is still a name.
func (d *doc) nameInside(w string) bool {
	if d.midCaps == nil {
		d.midCaps = map[string]bool{}
		for k := 1; k < len(d.toks); k++ {
			t, p := d.toks[k], d.toks[k-1]
			if t.kind == 'w' && t.cap && d.sent[k] == d.sent[k-1] && p.kind != 'p' {
				d.midCaps[d.text[t.start:t.end]] = true
			}
		}
	}
	return d.midCaps[w]
}

func byTokStart(d *doc, start int) int {
	lo, hi := 0, len(d.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if d.toks[m].start < start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// runeCounter turns increasing byte offsets into code-point offsets.
type runeCounter struct {
	text       string
	pos, runes int
}

func newRuneCounter(s string) *runeCounter { return &runeCounter{text: s} }

func (r *runeCounter) at(b int) int {
	if b < r.pos {
		r.pos, r.runes = 0, 0
	}
	r.runes += utf8.RuneCountInString(r.text[r.pos:b])
	r.pos = b
	return r.runes
}
