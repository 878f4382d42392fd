package textdate

import (
	"sort"
	"strings"
	"sync"
)

// Lang is everything the tagger and ParseHuman know of one language: words
// with their meanings, and patterns over them. Adding a language is adding
// one Lang value (see lang_en.go); no code changes.
type Lang struct {
	// Code is the BCP 47 language code ("en").
	Code string
	// Months maps month names and abbreviations (lower case, no final
	// dot) to 1..12.
	Months map[string]int
	// CapMonths says month names count only when capitalised ("May", not
	// the verb "may"), as in English.
	CapMonths bool
	// Weekdays maps day names to 0 (Sunday) .. 6 (Saturday).
	Weekdays map[string]int
	// Seasons maps season names to their EDTF codes, 21 (spring) .. 24
	// (winter).
	Seasons map[string]int
	// Numbers maps number words ("two", "a", "dozen") to their value; -1
	// means an unspecified quantity ("several", "a few").
	Numbers map[string]int
	// Ordinals maps ordinal words ("first", "third") to their value.
	Ordinals map[string]int
	// Units maps words for periods (singular and plural) to a unit.
	Units map[string]Unit
	// Plurals are the plural forms among Units ("years"): alone they are
	// an unspecified number of the unit (PXY).
	Plurals []string
	// Sets maps adverbs of frequency ("daily") to their unit.
	Sets map[string]Unit
	// Shifts maps "last", "this", "next" and their kin to -1, 0, 1.
	Shifts map[string]int
	// DayParts maps "morning", "night", … to the TIMEX3 codes MO, AF, EV,
	// NI, DT.
	DayParts map[string]string
	// OrdinalSuffixes are what may follow a day number ("st", "nd", "er").
	OrdinalSuffixes []string
	// Approx are the words before an expression that make it approximate
	// ("about", "around", "nearly"); they are part of its extent.
	Approx []string
	// Parts are the words that take part of a period: "early" START,
	// "mid" MID, "late" END (TIMEX3 mod values).
	Parts map[string]string
	// Determiners are the articles ("the"), dropped with the date from a
	// headline.
	Determiners []string
	// NotTimex are phrases that look like expressions but are not ("a
	// second" phase).
	NotTimex []string
	// Perfect are the auxiliaries of the present perfect ("has"): a
	// sentence with one and no date reports something before the document
	// date.
	Perfect []string
	// PerfectAdverbs may stand between the auxiliary and the participle
	// ("has already shown").
	PerfectAdverbs []string
	// Participles and ParticipleEndings recognise past participles.
	Participles, ParticipleEndings []string
	// OpenStart and OpenEnd are the words before a date that make an open
	// interval of it: "since 1995" is 1995/.., "until 2017" ../2017.
	OpenStart, OpenEnd []string
	// Hedges are words in a sentence that make what it reports uncertain
	// ("may", "reportedly").
	Hedges []string
	// Approximate are the words in a sentence, before its date, that make
	// the date approximate in a candidate event ("about 1995" is 1995~).
	Approximate []string
	// After and Before are the words after a duration that anchor it on
	// what follows: "three weeks after the attack".
	After, Before []string
	// Future are words that put a sentence in the future, so that a bare
	// weekday or month means the next one.
	Future []string
	// WeekdayAhead is how many days ahead a weekday named in a sentence
	// without tense may be (it is otherwise the last one).
	WeekdayAhead int
	// Past are words that put a sentence in the past ("was", "had").
	Past []string
	// PastEndings are the endings of regular past forms ("ed").
	PastEndings []string
	// ClauseBreaks are the words after a comma that start a new clause
	// ("but"), where a sentence with two dates is cut in two candidates.
	ClauseBreaks []string
	// DatePrepositions are the words before a date that go with it when a
	// title is made of the sentence ("in", "since", "back").
	DatePrepositions []string
	// Connectives are the words that start a sentence but not a headline
	// ("however ,", "for example ,").
	Connectives []string
	// Ended are the words after "the year" that make it a year's span
	// rather than a calendar year: "the year ended Sept. 30" is P1Y.
	Ended []string
	// Openers are words that, first in a sentence, join it to the one
	// before rather than date it ("Now, …", "Now the alliance …").
	Openers []string
	// Dangling are the words a headline does not end with ("and", "the").
	Dangling []string
	// NameJoiners may stand inside a proper name ("of", "ut").
	NameJoiners []string
	// NotNames are capitalised words that are not names ("the", "i").
	NotNames []string
	// PlacePrepositions are the words before a place name ("in", "at").
	PlacePrepositions []string
	// DecadeSuffixes follow a year ending in 0 to make a decade: "s"
	// (1990s), "er" (1990er).
	DecadeSuffixes []string
	// HumanApprox, HumanBefore and HumanAfter are what ParseHuman reads
	// before a date: "c. 1995" (1995~), "before 2017" (../2017), "since
	// 1995" (1995/..); each ends with its space, if it needs one.
	HumanApprox, HumanBefore, HumanAfter []string
	// HumanParts are the parts of a year ParseHuman reads: "early 2016" is
	// 2016-01~/2016-04~.
	HumanParts []HumanPart
	// HumanFillers are words ParseHuman skips between day, month and year
	// ("de" in "3 de abril de 2017"); none in English.
	HumanFillers []string
	// BC and AD are era words after (or, for AD, before) a year.
	BC, AD []string
	// Patterns are the expressions, tried at every word; the longest match
	// wins, and among equally long ones the first.
	Patterns []Pattern

	once sync.Once
	ix   *index
}

// HumanPart is a word for part of a year and the months it spans.
type HumanPart struct{ Word, From, To string }

// Unit is a calendar unit of a duration or of a relative date.
type Unit uint8

// The units, from the smallest.
const (
	NoUnit Unit = iota
	Second
	Minute
	Hour
	Day
	Weekend
	Week
	Month
	Quarter
	Season
	Year
	Decade
	Century
)

// Pattern is one expression of a language: a sequence of elements, and
// the rule (Act) that turns what they matched into a TIMEX3 value.
//
// Elements are separated by spaces. A bare word is matched literally (case
// folded); "a|b" is any of several; a final "?" makes an element optional;
// "<slot>" is a word of a class: <day> (1-31, or 3rd), <month>, <year>
// (four digits), <yy> (two digits), <num> (digits or a number word),
// <ord> (ordinal word), <unit>, <weekday>, <season>, <daypart>, <decade>
// (1990s), <clock> (08:40, 8.40), <ampm>, <digits> and <any>. Punctuation
// is written as itself: "," "-" ".".
type Pattern struct {
	P   string
	Act Act
	// Arg is the rule's argument: a shift (-1 for "last"), a TIMEX3 value
	// ("PRESENT_REF") or a unit.
	Arg int
	Val string
	// Type overrides the TIMEX3 type the rule gives.
	Type string

	elems []elem
}

// Act names a rule of normalisation; the rules are the same for every
// language.
type Act uint8

// The rules.
const (
	ActDate       Act = iota + 1 // day, month and year as captured; a missing year comes from the reference date
	ActYearRange                 // <year> - <yy|year>: an interval of years
	ActDecade                    // <decade>, or Arg centuries of a year
	ActRef                       // Val: PRESENT_REF, PAST_REF, FUTURE_REF
	ActDayShift                  // Arg days from the document date: today, yesterday
	ActRelUnit                   // this (Arg 0) / last (-1) / next (1) <unit> or Val unit
	ActRelWeekday                // <weekday>, alone or with last/next (Arg)
	ActRelMonth                  // <month> alone, or last/this/next <month>
	ActRelSeason                 // <season> alone, or last/this/next <season>
	ActAgo                       // <num> <unit> ago: Arg -1; from now: +1
	ActAnchored                  // <num> <unit> later|after|before: a duration anchored on something else
	ActDuration                  // <num> <unit> (for, the past): a duration
	ActSet                       // every <unit>, daily, each <weekday>
	ActQuarter                   // <ord> quarter, with a year or the reference year
	ActFollowing                 // the following|previous <unit>: Arg from the last date mentioned
	ActTime                      // a clock time, with a date or on the document date
	ActDayPart                   // <weekday|today|yesterday> <daypart>
	ActYear                      // <year> alone, or in Arg centuries
	ActIsoDate                   // 2017-04-03
	ActCentury                   // the <ord> century
	ActHoliday                   // a holiday: Val is MM-DD, or MM-wN-D for the Nth weekday D of the month
)

type elemKind uint8

const (
	eWord elemKind = iota
	eSlot
)

type elem struct {
	kind     elemKind
	words    []string // eWord alternatives
	slot     string   // eSlot name
	optional bool
}

// compile parses every pattern's elements once.
func (l *Lang) compile() {
	for i := range l.Patterns {
		p := &l.Patterns[i]
		for _, f := range strings.Fields(p.P) {
			e := elem{}
			if len(f) > 1 && strings.HasSuffix(f, "?") {
				e.optional = true
				f = f[:len(f)-1]
			}
			if strings.HasPrefix(f, "<") && strings.HasSuffix(f, ">") {
				e.kind, e.slot = eSlot, f[1:len(f)-1]
			} else {
				e.kind, e.words = eWord, strings.Split(f, "|")
			}
			p.elems = append(p.elems, e)
		}
	}
	sort.Strings(l.Approx)
}

// languages are the languages known, by code.
var languages = map[string]*Lang{}

func register(l *Lang) *Lang {
	l.compile()
	languages[l.Code] = l
	return l
}

// LangByCode returns the language with the given code ("en", "fr", "de"),
// or nil.
func LangByCode(code string) *Lang { return languages[strings.ToLower(code)] }

// LangCodes lists the codes of the languages known, sorted.
func LangCodes() []string {
	var out []string
	for c := range languages {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
