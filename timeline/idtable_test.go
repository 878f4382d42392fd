package timeline

import (
	"math/rand/v2"
	"testing"
)

func TestIDTable(t *testing.T) {
	// Against a map: random keys, repeats, the key 0, and growth.
	r := rand.New(rand.NewPCG(5, 6))
	tab, set := newIDTable(), newIDSet()
	want := map[uint64]uint32{}
	keys := []uint64{0}
	for range 5000 {
		keys = append(keys, r.Uint64(), r.Uint64()&0xff) // small keys collide in the low bits
	}
	for i, k := range keys {
		first, found := tab.add(k, uint32(i))
		w, ok := want[k]
		if found != ok || ok && first != w {
			t.Fatalf("add(%d) = %d, %v; want %d, %v", k, first, found, w, ok)
		}
		if !ok {
			want[k] = uint32(i)
		}
		set.add(k, 0)
	}
	if tab.len() != len(want) || set.len() != len(want) {
		t.Errorf("%d and %d keys, want %d", tab.len(), set.len(), len(want))
	}
	for range 5000 {
		k := r.Uint64()
		if _, ok := want[k]; set.has(k) != ok || tab.has(k) != ok {
			t.Errorf("has(%d) wrong", k)
		}
	}
	for k := range want {
		if !set.has(k) {
			t.Errorf("has(%d) = false after add", k)
		}
	}
}
