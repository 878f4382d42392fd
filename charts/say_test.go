package charts

import (
	"strings"
	"testing"
)

func TestSay(t *testing.T) {
	if got := Say("en", "dropped", 1, "unit", "month"); got != "1 event not precise to a month left out" {
		t.Errorf("en one: %q", got)
	}
	if got := Say("en", "dropped", 3, "unit", "month"); got != "3 events not precise to a month left out" {
		t.Errorf("en many: %q", got)
	}
	if got := Say("de", "frequency", 0, "unit", UnitName("de", "month"), "by", "category"); got != "Ereignisse je Monat, nach category" {
		t.Errorf("de: %q", got)
	}
	if got := Say("xx", "map", 0); got != "Where the events happened" {
		t.Errorf("fallback: %q", got)
	}
	// Every language has every English key (or its plural form).
	for lang, table := range chartStrings {
		for key := range chartStrings["en"] {
			if strings.HasSuffix(key, "_one") || strings.HasSuffix(key, "_few") || strings.HasSuffix(key, "_many") {
				continue
			}
			if _, ok := table[key]; !ok {
				t.Errorf("%s lacks %q", lang, key)
			}
		}
	}
	if got := ImpreciseName("ru", "year"); !strings.Contains(got, "год") {
		t.Errorf("ru imprecise: %q", got)
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, ""}, {"en", 1, "one"}, {"en", 2, ""}, {"en", 21, ""},
		{"de", 1, "one"}, {"es", 1, "one"}, {"es", 11, ""},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, ""},
		{"ru", 1, "one"}, {"ru", 21, "one"}, {"ru", 101, "one"}, {"ru", 11, "many"},
		{"ru", 2, "few"}, {"ru", 4, "few"}, {"ru", 22, "few"}, {"ru", 12, "many"}, {"ru", 14, "many"},
		{"ru", 0, "many"}, {"ru", 5, "many"}, {"ru", 111, "many"}, {"ru", 112, "many"},
	}
	for _, tt := range tests {
		if got := pluralForm(tt.lang, tt.n); got != tt.want {
			t.Errorf("pluralForm(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	says := []struct{ got, want string }{
		{Say("de", "dropped", 1, "unit", "Monat"), "1 Ereignis, nicht auf Monat genau, weggelassen"},
		{Say("de", "dropped", 2, "unit", "Monat"), "2 Ereignisse, nicht auf Monat genau, weggelassen"},
		{Say("fr", "unplaced", 0), "0 événement sans coordonnées non affiché"},
		{Say("es", "links", 1), "enlaces: al menos 1 evento en común"},
		{Say("ru", "links", 21), "связь: не меньше 21 общего события"},
		{Say("ru", "links", 11), "связь: не меньше 11 общих событий"},
		{Say("en", "actors", 1), "Top actor, by category"},
	}
	for _, s := range says {
		if s.got != s.want {
			t.Errorf("got %q, want %q", s.got, s.want)
		}
	}
	// A form is only ever a variant of a key the table has.
	for name, tables := range map[string]map[string]map[string]string{"chartStrings": chartStrings, "translations": translations} {
		for lang, table := range tables {
			for key := range table {
				for _, suffix := range []string{"_one", "_few", "_many"} {
					if base, ok := strings.CutSuffix(key, suffix); ok && table[base] == "" {
						t.Errorf("%s[%s] has %q but not %q", name, lang, key, base)
					}
				}
			}
		}
	}
}
