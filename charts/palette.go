package charts

import (
	"fmt"
	"math"
	"slices"
	"sync"
)

// The colours of lanes and series. The first seven come from the palette
// of Okabe and Ito ("Color Universal Design", 2002/2008, J*FLY), chosen to
// stay apart for people with protanopia, deuteranopia and tritanopia; its
// black is left out, as it vanishes on the dark theme. Every further
// colour is generated: the candidate (an sRGB grid) farthest, in CIELAB,
// from every colour chosen so far, from the background and from the grey
// of imprecise dates, in normal vision and in the three simulated
// deficiencies (Machado, Oliveira and Fernandes, "A physiologically-based
// model for simulation of color vision deficiency", IEEE TVCG 2009,
// severity 1). So any number of lanes get distinct colours, and the first
// ones never change when lanes are added.
//
// The contrast theme (white on black) has its own sequence: only colours
// at least 7:1 against black (WCAG 2 contrast), seeded with the Okabe–Ito
// colours that are.

// cvdSafe is how many of the first colours are chosen to stay apart in
// the simulated deficiencies too.
const cvdSafe = 8

var okabeIto = []string{"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}

// ImpreciseColor is the grey of the series of events not precise to a
// period; no lane colour comes near it.
const ImpreciseColor = "#9aa0a6"

// darkBackground is the dark theme's background (page.css's --bg).
const darkBackground = "#15171a"

// palette is one theme's colour sequence, grown on demand.
type palette struct {
	mu     sync.Mutex
	seed   []string
	minLum float64 // the least relative luminance a candidate may have
	minL   float64 // the least and most CIELAB lightness
	maxL   float64
	avoid  []string // backgrounds and the imprecise grey
	// backs are the backgrounds a generated colour is drawn on, and
	// minContrast the least WCAG 2 contrast ratio it must have with each.
	backs       []string
	minContrast float64
	colors      []string
	cand        [][4]lab
	candHex     []string
	minDist     []float64 // to the nearest chosen colour, in any vision
	minNorm     []float64 // in normal vision
	prepared    bool
	// table holds the first colours, as the generator makes them, written
	// out by TestPaletteTable (go test ./charts/ -update) so that a page
	// does not pay for choosing them.
	table []string
}

var (
	// On both white and the dark theme's near-black, neither too dark nor
	// too pale: a generated colour has at least 3:1 against both (WCAG 2's
	// least for graphics; a dark red of 2.5:1 vanished on the dark theme
	// once drawn half-transparent, as uncertain dates are).
	lightPalette    = &palette{seed: okabeIto, minL: 35, maxL: 88, avoid: []string{"#ffffff", darkBackground, ImpreciseColor}, backs: []string{"#ffffff", darkBackground}, minContrast: 3, table: lightTable[:]}
	contrastPalette = &palette{minLum: 0.30, maxL: 100, avoid: []string{"#000000", "#ffffff", ImpreciseColor}, table: contrastTable[:]}
)

// Palette returns the first n colours of the lane sequence of theme
// (light, dark and auto share one; contrast has its own), as #rrggbb.
func Palette(theme string, n int) []string {
	p := lightPalette
	if theme == "contrast" {
		p = contrastPalette
	}
	return p.first(n)
}

// LaneColors gives each name its colour: the colour of its rank among the
// names sorted in Go's string order. The timeline, its chart panel and
// timeline chart all colour a category so, whatever order it first appears
// in, and so agree on it.
func LaneColors(theme string, names []string) []string {
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	pal := Palette(theme, len(sorted))
	out := make([]string, len(names))
	for i, n := range names {
		r, _ := slices.BinarySearch(sorted, n)
		out[i] = pal[r]
	}
	return out
}

func (p *palette) first(n int) []string {
	if n <= len(p.table) {
		return slices.Clone(p.table[:n])
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.prepared {
		p.prepare()
	}
	for len(p.colors) < n {
		p.grow()
	}
	return slices.Clone(p.colors[:n])
}

// prepare lists the candidates and adds the seed colours.
func (p *palette) prepare() {
	p.prepared = true
	// 11 levels per channel: fine enough to find distinct colours, few
	// enough to choose 30 of them in a few milliseconds.
	const levels = 11
	for ri := range levels {
		for gi := range levels {
			for bi := range levels {
				r, g, b := ri*255/(levels-1), gi*255/(levels-1), bi*255/(levels-1)
				c := [3]float64{float64(r) / 255, float64(g) / 255, float64(b) / 255}
				if luminance(c) < p.minLum || !p.readable(c) {
					continue
				}
				v := visions(c)
				// Greys and near-greys read as "no colour"; leave them out.
				if math.Hypot(v[0].a, v[0].b) < 25 || v[0].l < p.minL || v[0].l > p.maxL {
					continue
				}
				p.cand = append(p.cand, v)
				p.candHex = append(p.candHex, fmt.Sprintf("#%02x%02x%02x", r, g, b))
			}
		}
	}
	p.minDist = make([]float64, len(p.cand))
	p.minNorm = make([]float64, len(p.cand))
	for i := range p.minDist {
		p.minDist[i], p.minNorm[i] = math.Inf(1), math.Inf(1)
	}
	for _, h := range p.avoid {
		p.near(visions(parseHex(h)))
	}
	for _, h := range p.seed {
		c := parseHex(h)
		if luminance(c) < p.minLum {
			continue
		}
		p.colors = append(p.colors, h)
		p.near(visions(c))
	}
}

// grow adds the candidate farthest from every colour so far: in every
// vision for the first cvdSafe colours, in normal vision after them, where
// four visions at once leave too little room.
func (p *palette) grow() {
	dist := p.minDist
	if len(p.colors) >= cvdSafe {
		dist = p.minNorm
	}
	best := 0
	for i, d := range dist {
		if d > dist[best] {
			best = i
		}
	}
	p.colors = append(p.colors, p.candHex[best])
	p.near(p.cand[best])
}

// near lowers each candidate's distance to the nearest chosen colour with
// v: the least over the four visions.
func (p *palette) near(v [4]lab) {
	for i, c := range p.cand {
		n := ciede2000(c[0], v[0])
		d := n
		for k := 1; k < len(c); k++ {
			d = min(d, ciede2000(c[k], v[k]))
		}
		p.minDist[i] = min(p.minDist[i], d)
		p.minNorm[i] = min(p.minNorm[i], n)
	}
}

// readable says whether c has the palette's least contrast with each of
// its backgrounds.
func (p *palette) readable(c [3]float64) bool {
	for _, h := range p.backs {
		if contrastRatio(c, parseHex(h)) < p.minContrast {
			return false
		}
	}
	return true
}

// contrastRatio is WCAG 2's contrast ratio of two colours.
func contrastRatio(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// lab is a colour in CIELAB (D65).
type lab struct{ l, a, b float64 }

func sq(x float64) float64 { return x * x }

func parseHex(h string) [3]float64 {
	var r, g, b int
	fmt.Sscanf(h, "#%02x%02x%02x", &r, &g, &b)
	return [3]float64{float64(r) / 255, float64(g) / 255, float64(b) / 255}
}

func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

func luminance(c [3]float64) float64 {
	return 0.2126*linear(c[0]) + 0.7152*linear(c[1]) + 0.0722*linear(c[2])
}

// The simulation matrices of Machado et al. (2009), severity 1.0, applied
// to linear RGB: protanopia, deuteranopia, tritanopia.
var cvdMatrices = [3][3][3]float64{
	{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

// visions is the sRGB colour c as seen in normal vision and with each
// simulated deficiency, in CIELAB.
func visions(c [3]float64) [4]lab {
	lin := [3]float64{linear(c[0]), linear(c[1]), linear(c[2])}
	out := [4]lab{linToLab(lin)}
	for k, m := range cvdMatrices {
		var s [3]float64
		for i := range 3 {
			s[i] = min(1, max(0, m[i][0]*lin[0]+m[i][1]*lin[1]+m[i][2]*lin[2]))
		}
		out[k+1] = linToLab(s)
	}
	return out
}

func linToLab(c [3]float64) lab {
	x := (0.4124564*c[0] + 0.3575761*c[1] + 0.1804375*c[2]) / 0.95047
	y := 0.2126729*c[0] + 0.7151522*c[1] + 0.0721750*c[2]
	z := (0.0193339*c[0] + 0.1191920*c[1] + 0.9503041*c[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return lab{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

// ciede2000 is the CIEDE2000 colour difference (Sharma, Wu and Dalal,
// "The CIEDE2000 color-difference formula: implementation notes",
// Color Research & Application, 2005), written from the paper.
func ciede2000(x, y lab) float64 {
	deg := math.Pi / 180
	c1, c2 := math.Hypot(x.a, x.b), math.Hypot(y.a, y.b)
	cm := (c1 + c2) / 2
	g := 0.5 * (1 - math.Sqrt(math.Pow(cm, 7)/(math.Pow(cm, 7)+math.Pow(25, 7))))
	a1, a2 := (1+g)*x.a, (1+g)*y.a
	c1p, c2p := math.Hypot(a1, x.b), math.Hypot(a2, y.b)
	hue := func(b, a float64) float64 {
		if a == 0 && b == 0 {
			return 0
		}
		h := math.Atan2(b, a) / deg
		if h < 0 {
			h += 360
		}
		return h
	}
	h1, h2 := hue(x.b, a1), hue(y.b, a2)
	dl, dc := y.l-x.l, c2p-c1p
	dh := 0.0
	if c1p*c2p != 0 {
		dh = h2 - h1
		if dh > 180 {
			dh -= 360
		} else if dh < -180 {
			dh += 360
		}
	}
	dH := 2 * math.Sqrt(c1p*c2p) * math.Sin(dh/2*deg)
	lm, cmp := (x.l+y.l)/2, (c1p+c2p)/2
	hm := h1 + h2
	if c1p*c2p != 0 {
		switch {
		case math.Abs(h1-h2) <= 180:
			hm /= 2
		case h1+h2 < 360:
			hm = (hm + 360) / 2
		default:
			hm = (hm - 360) / 2
		}
	}
	t := 1 - 0.17*math.Cos((hm-30)*deg) + 0.24*math.Cos(2*hm*deg) + 0.32*math.Cos((3*hm+6)*deg) - 0.20*math.Cos((4*hm-63)*deg)
	dTheta := 30 * math.Exp(-sq((hm-275)/25))
	rc := 2 * math.Sqrt(math.Pow(cmp, 7)/(math.Pow(cmp, 7)+math.Pow(25, 7)))
	sl := 1 + 0.015*sq(lm-50)/math.Sqrt(20+sq(lm-50))
	sc := 1 + 0.045*cmp
	sh := 1 + 0.015*cmp*t
	rt := -math.Sin(2*dTheta*deg) * rc
	return math.Sqrt(sq(dl/sl) + sq(dc/sc) + sq(dH/sh) + rt*(dc/sc)*(dH/sh))
}
