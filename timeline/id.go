package timeline

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxIDWords bounds how many words of a title go into an id.
const maxIDWords = 6

// Slug turns a title into an id: lower-case ASCII words joined by "-",
// accents removed, at most six words ("St Petersburg metro bombing" →
// "st-petersburg-metro-bombing"). It returns "event" when nothing is left.
func Slug(title string) string {
	var b strings.Builder
	words := 0
	inWord := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accent
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if !inWord {
				if words == maxIDWords {
					return finishSlug(b.String())
				}
				if b.Len() > 0 {
					b.WriteByte('-')
				}
				words++
				inWord = true
			}
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "Jalilov's" → "jalilovs"
		default:
			inWord = false
		}
	}
	return finishSlug(b.String())
}

func finishSlug(s string) string {
	if s == "" {
		return "event"
	}
	return s
}

// uniqueID returns Slug(title), with "-2", "-3", … added when the id is taken.
func uniqueID(title string, taken map[string]bool) string {
	base := Slug(title)
	if !taken[base] {
		return base
	}
	for n := 2; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if !taken[id] {
			return id
		}
	}
}
