// Package generics has functional helpers and generic containers.
package generics

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Map applies f to each element.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// Filter keeps elements where keep is true.
func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// Reduce folds xs.
func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

// Stack is a LIFO stack.
type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func (s *Stack[T]) Len() int { return len(s.items) }

// Queue is a FIFO queue.
type Queue[T any] struct {
	items []T
	head  int
}

func (q *Queue[T]) Enqueue(v T) { q.items = append(q.items, v) }

func (q *Queue[T]) Dequeue() (v T, ok bool) {
	if q.head >= len(q.items) {
		return v, false
	}
	v = q.items[q.head]
	q.head++
	return v, true
}

// Set is a set of comparable values.
type Set[T comparable] map[T]struct{}

// NewSet builds a set from values.
func NewSet[T comparable](vs ...T) Set[T] {
	s := make(Set[T], len(vs))
	for _, v := range vs {
		s.Add(v)
	}
	return s
}

func (s Set[T]) Add(v T)           { s[v] = struct{}{} }
func (s Set[T]) Has(v T) bool      { _, ok := s[v]; return ok }
func (s Set[T]) Union(o Set[T]) Set[T] {
	out := maps.Clone(s)
	for v := range o {
		out.Add(v)
	}
	return out
}

// Sorted returns the set's elements in order.
func Sorted[T cmp.Ordered](s Set[T]) []T {
	out := slices.Collect(maps.Keys(s))
	slices.Sort(out)
	return out
}

// Pair is a key/value pair.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// Entries returns m's entries sorted by key.
func Entries[K cmp.Ordered, V any](m map[K]V) []*Pair[K, V] {
	out := make([]*Pair[K, V], 0, len(m))
	for k, v := range m {
		out = append(out, &Pair[K, V]{k, v})
	}
	slices.SortFunc(out, func(a, b *Pair[K, V]) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

// MaxBy returns the element with the largest key.
func MaxBy[T any, K cmp.Ordered](xs []T, key func(T) K) (best T, ok bool) {
	for i, x := range xs {
		if i == 0 || key(x) > key(best) {
			best, ok = x, true
		}
	}
	return
}

// Example uses the helpers.
func Example() string {
	words := strings.Fields("the quick brown fox jumps over the lazy dog")
	lens := Map(words, func(s string) int { return len(s) })
	long := Filter(words, func(s string) bool { return len(s) > 3 })
	total := Reduce(lens, 0, func(a, n int) int { return a + n })
	var st Stack[string]
	for _, w := range long {
		st.Push(w)
	}
	top, _ := st.Pop()
	q := &Queue[int]{}
	q.Enqueue(total)
	set := NewSet(words...)
	u := set.Union(NewSet("cat"))
	counts := map[string]int{}
	for _, w := range words {
		counts[w]++
	}
	es := Entries(counts)
	longest, _ := MaxBy(words, func(s string) int { return len(s) })
	if slices.Contains(words, "fox") {
		longest += "!"
	}
	return fmt.Sprint(top, q.head, len(u), Sorted(set)[0], es[0].Key, longest)
}
