package charts

import (
	"encoding/json"
	"testing"
)

func TestWorldMap(t *testing.T) {
	raw, err := worldGeoJSON()
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]string `json:"properties"`
			Geometry   struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) < 170 {
		t.Fatalf("%d countries", len(fc.Features))
	}
	found := false
	for _, f := range fc.Features {
		if f.Properties["name"] != "Kyrgyzstan" {
			continue
		}
		found = true
		var rings [][][2]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &rings); err != nil {
			t.Fatalf("Kyrgyzstan: %s %v", f.Geometry.Type, err)
		}
		// Bishkek (74.6 E, 42.9 N) lies inside the country's bounding box.
		minX, minY, maxX, maxY := 180.0, 90.0, -180.0, -90.0
		for _, p := range rings[0] {
			minX, maxX = min(minX, p[0]), max(maxX, p[0])
			minY, maxY = min(minY, p[1]), max(maxY, p[1])
		}
		if !(minX < 74.6 && 74.6 < maxX && minY < 42.9 && 42.9 < maxY) || rings[0][0] != rings[0][len(rings[0])-1] {
			t.Errorf("Kyrgyzstan's outline is [%v %v]–[%v %v], closed: %v", minX, minY, maxX, maxY, rings[0][0] == rings[0][len(rings[0])-1])
		}
	}
	if !found {
		t.Error("no Kyrgyzstan on the map")
	}
	t.Logf("world map: %d countries, %d bytes of GeoJSON", len(fc.Features), len(raw))
}
