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
			if strings.HasSuffix(key, "_one") {
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
