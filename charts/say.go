package charts

import (
	"strconv"
	"strings"
)

// chartStrings are the titles, axis names and notes of timeline chart, in
// each language. A key ending in "_one", "_few" or "_many" is used for a
// count that takes that form (see pluralForm).
var chartStrings = map[string]map[string]string{
	"en": {
		"frequency": "Events per {unit}, by {by}", "sum": "{value} per {unit}, by {by}", "cumulative": "Events so far, by {by}",
		"calendar": "Events per day", "actors": "Top {n} actors, by category", "network": "Top {n} actors, linked by the events they share",
		"map": "Where the events happened", "events": "events", "actor": "actor",
		"dropped": "{n} events not precise to a {unit} left out", "dropped_one": "1 event not precise to a {unit} left out",
		"spread": "{n} events not precise to a {unit} spread over the periods they cover", "spread_one": "1 event not precise to a {unit} spread over the periods it covers",
		"novalue": "{n} events without a number in {value} left out", "novalue_one": "1 event without a number in {value} left out",
		"open": "{n} events with an open or unknown end not counted", "open_one": "1 event with an open or unknown end not counted",
		"unplaced": "{n} events without coordinates not shown", "unplaced_one": "1 event without coordinates not shown",
		"links": "links: at least {n} events in common", "links_one": "links: at least 1 event in common",
		"cal_dropped": "{n} events not precise to a day not drawn (--imprecise spread spreads them over their days)", "cal_dropped_one": "1 event not precise to a day not drawn (--imprecise spread spreads it over its days)",
		"cal_spread": "{n} events not precise to a day spread over their days", "cal_spread_one": "1 event not precise to a day spread over its days",
		"cal_left": "{n} days before the year 100 or outside the last 50 years not drawn", "cal_left_one": "1 day before the year 100 or outside the last 50 years not drawn",
		"actors_one": "Top actor, by category", "network_one": "Top actor",
	},
	"ru": {
		"frequency": "События по периодам ({unit}), по полю {by}", "sum": "{value} по периодам ({unit}), по полю {by}", "cumulative": "События нарастающим итогом, по полю {by}",
		"calendar": "События по дням", "actors": "Главные участники ({n}), по категориям", "network": "Главные участники ({n}) и общие события",
		"map": "Где произошли события", "events": "события", "actor": "участник",
		"dropped": "не учтено событий с датой неточнее, чем {unit}: {n}", "spread": "событий с датой неточнее, чем {unit}, распределено по периодам: {n}",
		"novalue": "не учтено событий без числа в поле {value}: {n}", "open": "не учтено событий с открытым или неизвестным концом: {n}",
		"unplaced": "не показано событий без координат: {n}", "links": "связь: не меньше {n} общих событий",
		"cal_dropped": "не показано событий с датой неточнее дня: {n} (--imprecise spread распределит их по дням)", "cal_spread": "событий с датой неточнее дня распределено по дням: {n}",
		"cal_left":  "не показано дней до 100 года или вне последних 50 лет: {n}",
		"links_one": "связь: не меньше {n} общего события",
	},
	"fr": {
		"frequency": "Événements par {unit}, selon {by}", "sum": "{value} par {unit}, selon {by}", "cumulative": "Événements cumulés, selon {by}",
		"calendar": "Événements par jour", "actors": "Les {n} principaux acteurs, par catégorie", "network": "Les {n} principaux acteurs, reliés par leurs événements communs",
		"map": "Où les événements ont eu lieu", "events": "événements", "actor": "acteur",
		"dropped": "{n} événements non précis au niveau {unit} écartés", "spread": "{n} événements non précis au niveau {unit} répartis sur leurs périodes",
		"novalue": "{n} événements sans nombre dans {value} écartés", "open": "{n} événements à début ou fin ouverts ou inconnus non comptés",
		"unplaced": "{n} événements sans coordonnées non affichés", "links": "liens : au moins {n} événements en commun",
		"cal_dropped": "{n} événements non précis au jour non affichés (--imprecise spread les répartit sur leurs jours)", "cal_spread": "{n} événements non précis au jour répartis sur leurs jours",
		"cal_left":   "{n} jours avant l’an 100 ou hors des 50 dernières années non affichés",
		"actors_one": "Le principal acteur, par catégorie", "network_one": "Le principal acteur",
		"dropped_one": "{n} événement non précis au niveau {unit} écarté", "spread_one": "{n} événement non précis au niveau {unit} réparti sur ses périodes",
		"novalue_one": "{n} événement sans nombre dans {value} écarté", "open_one": "{n} événement à début ou fin ouverts ou inconnus non compté",
		"unplaced_one": "{n} événement sans coordonnées non affiché", "links_one": "liens : au moins {n} événement en commun",
		"cal_dropped_one": "{n} événement non précis au jour non affiché (--imprecise spread le répartit sur ses jours)", "cal_spread_one": "{n} événement non précis au jour réparti sur ses jours",
		"cal_left_one": "{n} jour avant l’an 100 ou hors des 50 dernières années non affiché",
	},
	"de": {
		"frequency": "Ereignisse je {unit}, nach {by}", "sum": "{value} je {unit}, nach {by}", "cumulative": "Ereignisse kumuliert, nach {by}",
		"calendar": "Ereignisse je Tag", "actors": "Die {n} häufigsten Beteiligten, nach Kategorie", "network": "Die {n} häufigsten Beteiligten, verbunden durch gemeinsame Ereignisse",
		"map": "Wo die Ereignisse stattfanden", "events": "Ereignisse", "actor": "Beteiligte",
		"dropped": "{n} Ereignisse, nicht auf {unit} genau, weggelassen", "spread": "{n} Ereignisse, nicht auf {unit} genau, über ihre Zeiträume verteilt",
		"novalue": "{n} Ereignisse ohne Zahl in {value} weggelassen", "open": "{n} Ereignisse mit offenem oder unbekanntem Ende nicht gezählt",
		"unplaced": "{n} Ereignisse ohne Koordinaten nicht gezeigt", "links": "Verbindung: mindestens {n} gemeinsame Ereignisse",
		"cal_dropped": "{n} nicht tagesgenaue Ereignisse nicht gezeigt (--imprecise spread verteilt sie über ihre Tage)", "cal_spread": "{n} nicht tagesgenaue Ereignisse über ihre Tage verteilt",
		"cal_left":   "{n} Tage vor dem Jahr 100 oder außerhalb der letzten 50 Jahre nicht gezeigt",
		"actors_one": "Der häufigste Akteur, nach Kategorie", "network_one": "Der häufigste Akteur",
		"dropped_one": "{n} Ereignis, nicht auf {unit} genau, weggelassen", "spread_one": "{n} Ereignis, nicht auf {unit} genau, über seine Zeiträume verteilt",
		"novalue_one": "{n} Ereignis ohne Zahl in {value} weggelassen", "open_one": "{n} Ereignis mit offenem oder unbekanntem Ende nicht gezählt",
		"unplaced_one": "{n} Ereignis ohne Koordinaten nicht gezeigt", "links_one": "Verbindung: mindestens {n} gemeinsames Ereignis",
		"cal_dropped_one": "{n} nicht tagesgenaues Ereignis nicht gezeigt (--imprecise spread verteilt es über seine Tage)", "cal_spread_one": "{n} nicht tagesgenaues Ereignis über seine Tage verteilt",
		"cal_left_one": "{n} Tag vor dem Jahr 100 oder außerhalb der letzten 50 Jahre nicht gezeigt",
	},
	"es": {
		"frequency": "Eventos por {unit}, según {by}", "sum": "{value} por {unit}, según {by}", "cumulative": "Eventos acumulados, según {by}",
		"calendar": "Eventos por día", "actors": "Los {n} actores más frecuentes, por categoría", "network": "Los {n} actores más frecuentes, unidos por sus eventos comunes",
		"map": "Dónde ocurrieron los eventos", "events": "eventos", "actor": "actor",
		"dropped": "{n} eventos no precisos a escala de {unit} omitidos", "spread": "{n} eventos no precisos a escala de {unit} repartidos en sus periodos",
		"novalue": "{n} eventos sin número en {value} omitidos", "open": "{n} eventos con inicio o final abierto o desconocido no contados",
		"unplaced": "{n} eventos sin coordenadas no mostrados", "links": "enlaces: al menos {n} eventos en común",
		"cal_dropped": "{n} eventos no precisos al día no mostrados (--imprecise spread los reparte en sus días)", "cal_spread": "{n} eventos no precisos al día repartidos en sus días",
		"cal_left":   "{n} días anteriores al año 100 o fuera de los últimos 50 años no mostrados",
		"actors_one": "El actor más frecuente, por categoría", "network_one": "El actor más frecuente",
		"dropped_one": "{n} evento no preciso a escala de {unit} omitido", "spread_one": "{n} evento no preciso a escala de {unit} repartido en sus periodos",
		"novalue_one": "{n} evento sin número en {value} omitido", "open_one": "{n} evento con inicio o final abierto o desconocido no contado",
		"unplaced_one": "{n} evento sin coordenadas no mostrado", "links_one": "enlaces: al menos {n} evento en común",
		"cal_dropped_one": "{n} evento no preciso al día no mostrado (--imprecise spread lo reparte en sus días)", "cal_spread_one": "{n} evento no preciso al día repartido en sus días",
		"cal_left_one": "{n} día anterior al año 100 o fuera de los últimos 50 años no mostrado",
	},
}

// pluralForm names the form a count n takes in lang, as in the Unicode
// plural rules for whole numbers: "one", "few" or "many" (Russian), or ""
// for the form a key has without suffix. page/plural.js has the same rules;
// TestPageJSRules (pagejs_browser_test.go) holds it to these.
func pluralForm(lang string, n int) string {
	switch lang {
	case "ru":
		switch d, h := n%10, n%100; {
		case d == 1 && h != 11:
			return "one"
		case d >= 2 && d <= 4 && (h < 12 || h > 14):
			return "few"
		}
		return "many"
	case "fr":
		if n == 0 || n == 1 {
			return "one"
		}
	default:
		if n == 1 {
			return "one"
		}
	}
	return ""
}

// plural returns table[key] in the form the count n takes in lang: the key
// with suffix "_one", "_few" or "_many" when the table has it.
func plural(table map[string]string, lang, key string, n int) (string, bool) {
	if form := pluralForm(lang, n); form != "" {
		if s, ok := table[key+"_"+form]; ok {
			return s, true
		}
	}
	s, ok := table[key]
	return s, ok
}

// Say returns the chart text key in lang, with {n} replaced by n (the
// text inflected for it) and each {name} of pairs (name, value, name,
// value …) by its value. Unknown languages and keys fall back to English.
func Say(lang, key string, n int, pairs ...string) string {
	table := chartStrings[lang]
	if table == nil {
		lang, table = "en", chartStrings["en"]
	}
	s, ok := plural(table, lang, key, n)
	if !ok {
		s, _ = plural(chartStrings["en"], "en", key, n)
	}
	r := []string{"{n}", strconv.Itoa(n)}
	for i := 0; i+1 < len(pairs); i += 2 {
		r = append(r, "{"+pairs[i]+"}", pairs[i+1])
	}
	return strings.NewReplacer(r...).Replace(s)
}

// UnitName is the name of a period unit (day … decade) in lang.
func UnitName(lang, unit string) string {
	if t, ok := translations[lang]; ok && t["unit_"+unit] != "" {
		return t["unit_"+unit]
	}
	return unit
}

// ImpreciseName is the name of the series of events not precise to a unit.
func ImpreciseName(lang, unit string) string {
	t := translations[lang]
	if t == nil {
		t = translations["en"]
	}
	return strings.ReplaceAll(t["imprecise"], "{unit}", UnitName(lang, unit))
}
