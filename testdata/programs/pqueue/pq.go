// Package pqueue is a priority queue over container/heap with a Dijkstra example.
package pqueue

import (
	"container/heap"
	"fmt"
	"math"
)

// Item is a queued value.
type Item struct {
	Value    string
	Priority int
	index    int
}

// PQ implements heap.Interface.
type PQ []*Item

func (pq PQ) Len() int { return len(pq) }
func (pq PQ) Less(i, j int) bool {
	return pq[i].Priority < pq[j].Priority
}
func (pq PQ) Swap(i, j int) {
	pq[i], pq[j] = pq[j], pq[i]
	pq[i].index = i
	pq[j].index = j
}

func (pq *PQ) Push(x any) {
	item := x.(*Item)
	item.index = len(*pq)
	*pq = append(*pq, item)
}

func (pq *PQ) Pop() any {
	old := *pq
	n := len(old)
	item := old[n-1]
	old[n-1] = nil
	item.index = -1
	*pq = old[:n-1]
	return item
}

// Update changes an item's priority.
func (pq *PQ) Update(item *Item, priority int) {
	item.Priority = priority
	heap.Fix(pq, item.index)
}

// Edge is a weighted edge.
type Edge struct {
	To     int
	Weight int
}

// Graph is an adjacency list.
type Graph struct {
	adj [][]Edge
}

func NewGraph(n int) *Graph { return &Graph{adj: make([][]Edge, n)} }

func (g *Graph) AddEdge(from, to, w int) {
	g.adj[from] = append(g.adj[from], Edge{to, w})
}

type distItem struct {
	node, dist int
}

type distHeap []distItem

func (h distHeap) Len() int           { return len(h) }
func (h distHeap) Less(i, j int) bool { return h[i].dist < h[j].dist }
func (h distHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *distHeap) Push(x any)        { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// ShortestPaths runs Dijkstra from src.
func (g *Graph) ShortestPaths(src int) []int {
	dist := make([]int, len(g.adj))
	for i := range dist {
		dist[i] = math.MaxInt
	}
	dist[src] = 0
	h := &distHeap{{src, 0}}
	for h.Len() > 0 {
		cur := heap.Pop(h).(distItem)
		if cur.dist > dist[cur.node] {
			continue
		}
		for _, e := range g.adj[cur.node] {
			nd := cur.dist + e.Weight
			if nd < dist[e.To] {
				dist[e.To] = nd
				heap.Push(h, distItem{e.To, nd})
			}
		}
	}
	return dist
}

// Example drains a queue.
func Example() []string {
	items := map[string]int{"banana": 3, "apple": 2, "pear": 4}
	pq := make(PQ, 0, len(items))
	for v, p := range items {
		pq = append(pq, &Item{Value: v, Priority: p, index: len(pq)})
	}
	heap.Init(&pq)
	it := &Item{Value: "orange", Priority: 1}
	heap.Push(&pq, it)
	pq.Update(it, 5)
	var out []string
	for pq.Len() > 0 {
		item := heap.Pop(&pq).(*Item)
		out = append(out, fmt.Sprintf("%.2d:%s", item.Priority, item.Value))
	}
	g := NewGraph(3)
	g.AddEdge(0, 1, 4)
	g.AddEdge(1, 2, 1)
	out = append(out, fmt.Sprint(g.ShortestPaths(0)))
	return out
}
