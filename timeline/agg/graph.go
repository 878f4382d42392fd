package agg

import (
	"cmp"
	"slices"
	"strings"
)

// Network counts how often names appear (in events) and how often two
// names appear in the same event: the actor network.
type Network struct {
	counts map[string]int
	pairs  map[[2]string]int
}

// Add counts one event with the given names; repeated names count once.
func (n *Network) Add(names []string) {
	if n.counts == nil {
		n.counts, n.pairs = map[string]int{}, map[[2]string]int{}
	}
	uniq := slices.Clone(names)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	// Names are copied when first met: they may be slices of a large
	// block of input, which the maps would otherwise keep alive.
	for i, a := range uniq {
		if _, seen := n.counts[a]; !seen {
			uniq[i] = strings.Clone(a)
		}
	}
	for i, a := range uniq {
		n.counts[a]++
		for _, b := range uniq[i+1:] {
			n.pairs[[2]string{a, b}]++
		}
	}
}

// Node is a name and the number of events it is in.
type Node struct {
	Name  string
	Count int
}

// Link is two names and the number of events they share.
type Link struct {
	A, B   string
	Shared int
}

// Graph returns the top names by count (ties by name) and the links among
// them shared by at least minShared events, strongest first.
func (n *Network) Graph(top, minShared int) ([]Node, []Link) {
	var nodes []Node
	for name, c := range n.counts {
		nodes = append(nodes, Node{name, c})
	}
	slices.SortFunc(nodes, func(a, b Node) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	nodes = nodes[:min(len(nodes), top)]
	in := map[string]bool{}
	for _, nd := range nodes {
		in[nd.Name] = true
	}
	var links []Link
	for p, c := range n.pairs {
		if c >= minShared && in[p[0]] && in[p[1]] {
			links = append(links, Link{p[0], p[1], c})
		}
	}
	slices.SortFunc(links, func(a, b Link) int {
		if c := cmp.Compare(b.Shared, a.Shared); c != 0 {
			return c
		}
		if c := cmp.Compare(a.A, b.A); c != 0 {
			return c
		}
		return cmp.Compare(a.B, b.B)
	})
	return nodes, links
}
