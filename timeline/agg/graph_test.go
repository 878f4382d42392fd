package agg

import (
	"fmt"
	"testing"
)

func TestNetwork(t *testing.T) {
	var n Network
	n.Add([]string{"FSB", "Jalilov"})
	n.Add([]string{"FSB", "GKNB", "Jalilov", "FSB"})
	n.Add([]string{"MVD", "FSB"})
	n.Add([]string{"Imam Shamil"})
	nodes, links := n.Graph(3, 2)
	if got := fmt.Sprint(nodes); got != "[{FSB 3} {Jalilov 2} {GKNB 1}]" {
		t.Errorf("nodes %s", got)
	}
	if got := fmt.Sprint(links); got != "[{FSB Jalilov 2}]" {
		t.Errorf("links %s", got)
	}
	_, links = n.Graph(10, 1)
	if len(links) != 4 {
		t.Errorf("%d links with min 1: %v", len(links), links)
	}
}
