// Package tree is an unbalanced binary search tree plus a singly linked list.
package tree

import "strings"

// Node is a tree node.
type Node struct {
	Key         int
	Val         string
	Left, Right *Node
}

// Tree is a BST.
type Tree struct {
	root *Node
	size int
}

// Insert adds or replaces key.
func (t *Tree) Insert(key int, val string) {
	p := &t.root
	for *p != nil {
		switch {
		case key < (*p).Key:
			p = &(*p).Left
		case key > (*p).Key:
			p = &(*p).Right
		default:
			(*p).Val = val
			return
		}
	}
	*p = &Node{Key: key, Val: val}
	t.size++
}

// Find looks key up.
func (t *Tree) Find(key int) (*Node, bool) {
	n := t.root
	for n != nil {
		if key == n.Key {
			return n, true
		}
		if key < n.Key {
			n = n.Left
		} else {
			n = n.Right
		}
	}
	return nil, false
}

// Walk visits nodes in order.
func (t *Tree) Walk(visit func(*Node) bool) {
	var walk func(n *Node) bool
	walk = func(n *Node) bool {
		if n == nil {
			return true
		}
		return walk(n.Left) && visit(n) && walk(n.Right)
	}
	walk(t.root)
}

// Min returns the smallest node.
func Min(n *Node) *Node {
	for n != nil && n.Left != nil {
		n = n.Left
	}
	return n
}

// Height computes the height recursively.
func Height(n *Node) int {
	if n == nil {
		return 0
	}
	return 1 + max(Height(n.Left), Height(n.Right))
}

// String renders the keys.
func (t *Tree) String() string {
	var sb strings.Builder
	t.Walk(func(n *Node) bool {
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(n.Val)
		return true
	})
	return sb.String()
}

// List is a singly linked list.
type List[T any] struct {
	head *elem[T]
	n    int
}

type elem[T any] struct {
	v    T
	next *elem[T]
}

// Push prepends v.
func (l *List[T]) Push(v T) {
	l.head = &elem[T]{v: v, next: l.head}
	l.n++
}

// Reverse reverses the list in place.
func (l *List[T]) Reverse() {
	var prev *elem[T]
	cur := l.head
	for cur != nil {
		next := cur.next
		cur.next = prev
		prev, cur = cur, next
	}
	l.head = prev
}

// Slice copies the elements out.
func (l *List[T]) Slice() []T {
	out := make([]T, 0, l.n)
	for e := l.head; e != nil; e = e.next {
		out = append(out, e.v)
	}
	return out
}

// Build makes a tree and a list.
func Build(keys []int) (*Tree, []string) {
	t := new(Tree)
	var l List[string]
	for _, k := range keys {
		s := strings.Repeat("x", k%4)
		t.Insert(k, s)
		l.Push(s)
	}
	l.Reverse()
	return t, l.Slice()
}
