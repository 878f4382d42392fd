// Package benchdata generates large, realistic events tables for benchmarks:
// 15 columns (14 canonical and an extra numeric "fatalities"), about 260
// bytes a row, with dates of every precision, ranges, uncertain and
// approximate dates, and a few relative dates. The output depends only on
// the row count and the seed.
package benchdata

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Header is the header line the generator writes.
var Header = []string{"id", "start", "end", "title", "description", "category", "actors",
	"location", "country", "latitude", "longitude", "sources", "confidence", "tags", "fatalities"}

var (
	categories = []string{"attack", "arrest", "deportation", "protest", "claim", "raid", "policy", "trial"}
	actors     = []string{"FSB", "MVD", "GKNB", "SNB", "Imam Shamil Battalion", "Islamic State", "Hizb ut-Tahrir", "CSTO", "Russian Guard", "Investigative Committee"}
	places     = []struct {
		name, country string
		lat, lon      float64
	}{
		{"Moscow", "Russia", 55.7558, 37.6173}, {"St Petersburg", "Russia", 59.9343, 30.3351},
		{"Tashkent", "Uzbekistan", 41.2995, 69.2401}, {"Bishkek", "Kyrgyzstan", 42.8746, 74.5698},
		{"Dushanbe", "Tajikistan", 38.5598, 68.787}, {"Almaty", "Kazakhstan", 43.222, 76.8512},
		{"Osh", "Kyrgyzstan", 40.5283, 72.7985}, {"Kazan", "Russia", 55.7961, 49.1064},
	}
	confidence = []string{"high", "high", "moderate", "low"}
	tags       = []string{"migrants", "security", "terrorism", "intelligence", "courts", "metro", "markets"}
)

// Write writes a header and n rows of CSV to w.
func Write(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	bw.WriteString("id,start,end,title,description,category,actors,location,country,latitude,longitude,sources,confidence,tags,fatalities\n")
	for i := 0; i < n; i++ {
		year := 1990 + r.IntN(35)
		month := 1 + r.IntN(12)
		day := 1 + r.IntN(28)
		var start, end string
		switch k := r.IntN(20); {
		case k < 12:
			start = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
		case k < 14:
			start = fmt.Sprintf("%04d-%02d", year, month)
		case k < 15:
			start = fmt.Sprintf("%04d", year)
		case k < 16:
			start = fmt.Sprintf("%04d-%02d-%02d~", year, month, day)
		case k < 17:
			start = fmt.Sprintf("%04d?", year)
		case k < 18:
			start = fmt.Sprintf("%04d/%04d", year, year+1+r.IntN(3))
		case k < 19:
			start = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
			end = fmt.Sprintf("%04d-%02d-%02d", year+1, month, day)
		default:
			if i > 0 && r.IntN(4) == 0 {
				start = fmt.Sprintf("e%07d+P%dD", r.IntN(i), 1+r.IntN(30))
			} else {
				start = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
			}
		}
		p := places[r.IntN(len(places))]
		cat := categories[r.IntN(len(categories))]
		a1, a2 := actors[r.IntN(len(actors))], actors[r.IntN(len(actors))]
		t1, t2 := tags[r.IntN(len(tags))], tags[r.IntN(len(tags))]
		lat := strconv.FormatFloat(p.lat+float64(r.IntN(2000)-1000)/10000, 'f', 4, 64)
		lon := strconv.FormatFloat(p.lon+float64(r.IntN(2000)-1000)/10000, 'f', 4, 64)
		fmt.Fprintf(bw, "e%07d,%s,%s,%s in %s,\"Officials in %s said the %s involved %s; details were disputed, %d people were questioned.\",%s,%s;%s,%s,%s,%s,%s,https://example.org/reports/%d,%s,%s;%s,%d\n",
			i, start, end, cat, p.name, p.name, cat, a1, r.IntN(90), cat, a1, a2, p.name, p.country, lat, lon, i, confidence[r.IntN(len(confidence))], t1, t2, r.IntN(12))
	}
	return bw.Flush()
}

// File returns the path of a generated file with n rows in dir, writing it
// the first time.
func File(dir string, n int) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("events-%d.csv", n))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	f, err := os.CreateTemp(dir, "events-*.tmp")
	if err != nil {
		return "", err
	}
	if err := Write(f, n, 1); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(f.Name(), path)
}

// WriteSlim writes a header and n rows with only the columns a timeline
// needs (id, start, end, title, category): what the page size per event is
// measured on.
func WriteSlim(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	bw.WriteString("id,start,end,title,category\n")
	for i := 0; i < n; i++ {
		year, month, day := 1990+r.IntN(35), 1+r.IntN(12), 1+r.IntN(28)
		start, end := fmt.Sprintf("%04d-%02d-%02d", year, month, day), ""
		switch r.IntN(10) {
		case 0:
			start = fmt.Sprintf("%04d", year)
		case 1:
			start = fmt.Sprintf("%04d-%02d~", year, month)
		case 2:
			end = fmt.Sprintf("%04d-%02d-%02d", year+1, month, day)
		}
		p := places[r.IntN(len(places))]
		cat := categories[r.IntN(len(categories))]
		fmt.Fprintf(bw, "e%06d,%s,%s,%s in %s,%s\n", i, start, end, cat, p.name, cat)
	}
	return bw.Flush()
}
