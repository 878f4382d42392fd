package textdate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word, a number or one punctuation character of the text.
type token struct {
	start, end int    // byte offsets in the text
	low        string // lower case; dashes folded to "-", curly apostrophes to "'"
	kind       byte   // 'w' word, 'n' number, 'p' punctuation
	num        int    // a number's value (numbers of up to 9 digits)
	cap        bool   // a word that starts with an upper-case letter
	space      bool   // white space before it
	breaks     int    // line breaks in the white space before it
}

// tokenize splits text into tokens. Letters and digits never share a token
// ("1990s" is 1990 and s, "3rd" is 3 and rd), and every other character that
// is not white space is a token of its own.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/4)
	space, breaks := true, 0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			space = true
			i++
			continue
		case c == '\n':
			space = true
			breaks++
			i++
			continue
		case c >= '0' && c <= '9':
			j := i
			n := 0
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				if j-i < 9 {
					n = n*10 + int(text[j]-'0')
				}
				j++
			}
			toks = append(toks, token{start: i, end: j, low: text[i:j], kind: 'n', num: n, space: space, breaks: breaks})
			i = j
		case c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'):
			j := i
			ascii := true
			for j < len(text) {
				b := text[j]
				if b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' {
					j++
					continue
				}
				if b >= utf8.RuneSelf {
					r, size := utf8.DecodeRuneInString(text[j:])
					if unicode.IsLetter(r) {
						ascii = false
						j += size
						continue
					}
				}
				break
			}
			toks = append(toks, wordToken(text, i, j, ascii, space, breaks))
			i = j
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				space = true
				i += size
				continue
			}
			if unicode.IsLetter(r) {
				j := i + size
				for j < len(text) {
					r2, s2 := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsLetter(r2) {
						break
					}
					j += s2
				}
				toks = append(toks, wordToken(text, i, j, false, space, breaks))
				i = j
				break
			}
			low := text[i : i+size]
			switch r {
			case '–', '—', '‐', '‑', '−':
				low = "-"
			case '’', '‘', '`':
				low = "'"
			}
			toks = append(toks, token{start: i, end: i + size, low: low, kind: 'p', space: space, breaks: breaks})
			i += size
		}
		space, breaks = false, 0
	}
	return toks
}

func wordToken(text string, i, j int, ascii, space bool, breaks int) token {
	w := text[i:j]
	r, _ := utf8.DecodeRuneInString(w)
	t := token{start: i, end: j, kind: 'w', cap: unicode.IsUpper(r), space: space, breaks: breaks}
	if ascii {
		lower := true
		for k := 0; k < len(w); k++ {
			if w[k] >= 'A' && w[k] <= 'Z' {
				lower = false
				break
			}
		}
		if lower {
			t.low = w
			return t
		}
	}
	t.low = strings.ToLower(w)
	return t
}

// words tokenizes a phrase of a language table into its lower-case tokens.
func words(s string) []string {
	toks := tokenize(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.low
	}
	return out
}
