package charts

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sync"
)

//go:embed assets/world-atlas/countries-110m.json
var countriesTopo []byte

// worldGeoJSON decodes the embedded world-atlas TopoJSON into the GeoJSON
// FeatureCollection ECharts' registerMap takes, with coordinates rounded to
// 0.01° (the map is drawn small; this halves its size).
var worldGeoJSON = sync.OnceValues(func() (json.RawMessage, error) {
	return topoToGeo(countriesTopo, "countries")
})

type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string            `json:"type"`
			Arcs       json.RawMessage   `json:"arcs"`
			ID         string            `json:"id"`
			Properties map[string]string `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// topoToGeo converts one object of a TopoJSON topology (quantized, with
// delta-encoded arcs) into a GeoJSON FeatureCollection.
func topoToGeo(data []byte, object string) (json.RawMessage, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("world map: %w", err)
	}
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(arc))
		for j, p := range arc {
			if t.Transform != nil {
				x, y = x+p[0], y+p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) [][2]float64 {
		var out [][2]float64
		for k, a := range idx {
			var pts [][2]float64
			if a >= 0 {
				pts = arcs[a]
			} else {
				src := arcs[^a]
				pts = make([][2]float64, len(src))
				for j := range src {
					pts[j] = src[len(src)-1-j]
				}
			}
			if k > 0 && len(pts) > 0 {
				pts = pts[1:] // arcs share their end points
			}
			for _, p := range pts {
				x := p[0]
				// A ring that crosses the antimeridian (Russia, Fiji) is
				// kept continuous, past ±180°, instead of drawing a line
				// across the whole map.
				if n := len(out); n > 0 {
					for x-out[n-1][0] > 180 {
						x -= 360
					}
					for x-out[n-1][0] < -180 {
						x += 360
					}
				}
				out = append(out, [2]float64{math.Round(x*100) / 100, math.Round(p[1]*100) / 100})
			}
		}
		return out
	}
	obj, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("world map: no object %q", object)
	}
	type feature struct {
		Type       string            `json:"type"`
		ID         string            `json:"id,omitempty"`
		Properties map[string]string `json:"properties"`
		Geometry   any               `json:"geometry"`
	}
	var features []feature
	for _, g := range obj.Geometries {
		var geom any
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, err
			}
			var coords [][][2]float64
			for _, r := range rings {
				coords = append(coords, ring(r))
			}
			geom = map[string]any{"type": "Polygon", "coordinates": coords}
		case "MultiPolygon":
			var polys [][][]int
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, err
			}
			var coords [][][][2]float64
			for _, p := range polys {
				var rs [][][2]float64
				for _, r := range p {
					rs = append(rs, ring(r))
				}
				coords = append(coords, rs)
			}
			geom = map[string]any{"type": "MultiPolygon", "coordinates": coords}
		default:
			continue
		}
		features = append(features, feature{Type: "Feature", ID: g.ID, Properties: g.Properties, Geometry: geom})
	}
	return json.Marshal(map[string]any{"type": "FeatureCollection", "features": features})
}
