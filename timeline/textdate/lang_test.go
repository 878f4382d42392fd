package textdate

import (
	"strings"
	"testing"
)

func TestLanguages(t *testing.T) {
	for _, tt := range []struct {
		lang *Lang
		text string
		want []string
	}{
		{French, "L'attentat du 3 avril 2017 a fait onze morts.", []string{"3 avril 2017|DATE|2017-04-03|2017-04-03"}},
		{French, "Il est parti il y a deux ans, le mois dernier il est revenu.", []string{"il y a deux ans|DATE|2015|2015", "le mois dernier|DATE|2017-04|2017-04"}},
		{French, "Hier, le ministre a parlé ; il dirige le service depuis 1995.", []string{"Hier|DATE|2017-05-16|2017-05-16", "1995|DATE|1995|1995/.."}},
		{French, "Dans les années 1990, au printemps 2016, et lundi dernier.", []string{"les années 1990|DATE|199|199X", "printemps 2016|DATE|2016-SP|2016-21", "lundi dernier|DATE|2017-05-15|2017-05-15"}},
		{French, "Trois semaines après l'attentat, il a revendiqué.", []string{"Trois semaines|DURATION|P3W"}},
		{German, "Der Anschlag am 3. April 2017 in Sankt Petersburg.", []string{"3. April 2017|DATE|2017-04-03|2017-04-03"}},
		{German, "Vor zwei Jahren reiste er nach Syrien, letztes Jahr kam er zurück.", []string{"Vor zwei Jahren|DATE|2015|2015", "letztes Jahr|DATE|2016|2016"}},
		{German, "Gestern sprach er; er leitet den Dienst seit 1995.", []string{"Gestern|DATE|2017-05-16|2017-05-16", "1995|DATE|1995|1995/.."}},
		{German, "In den 1990er Jahren und im Frühjahr 2016.", []string{"den 1990er Jahren|DATE|199|199X", "Frühjahr 2016|DATE|2016-SP|2016-21"}},
	} {
		var gs []string
		for _, x := range Tag(tt.text, Options{DCT: dct17, Lang: tt.lang}) {
			s := x.Text + "|" + x.Type + "|" + x.Value
			if x.EDTF != "" {
				s += "|" + x.EDTF
			}
			gs = append(gs, s)
		}
		if strings.Join(gs, "; ") != strings.Join(tt.want, "; ") {
			t.Errorf("%s: Tag(%q)\n got  %q\n want %q", tt.lang.Code, tt.text, gs, tt.want)
		}
	}
}

func TestParseHumanLanguages(t *testing.T) {
	for in, want := range map[string]string{
		"3 avril 2017":     "2017-04-03",
		"1er mai 2016":     "2016-05-01",
		"avril 2017":       "2017-04",
		"début 2016":       "2016-01~/2016-04~",
		"vers 1995":        "1995~",
		"depuis 1995":      "1995/..",
		"printemps 2016":   "2016-21",
		"3. April 2017":    "2017-04-03",
		"3. März 2017":     "2017-03-03",
		"Anfang 2016":      "2016-01~/2016-04~",
		"um 1995":          "1995~",
		"seit 1995":        "1995/..",
		"Frühjahr 2016":    "2016-21",
		"am 3. April 2017": "2017-04-03",
	} {
		d, err := ParseHuman(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseHuman(%q) = %q, %v; want %s", in, d, err, want)
		}
	}
	if LangByCode("FR") != French || LangByCode("xx") != nil {
		t.Errorf("LangByCode")
	}
	if got := strings.Join(LangCodes(), ","); got != "de,en,fr" {
		t.Errorf("LangCodes() = %s", got)
	}
}
