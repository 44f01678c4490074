package p

type Tree struct {
	Left, Right *Tree
	Val         int
}

// A recursive function is analyzed as its own strongly connected component.
func depth(t *Tree) int { // ERROR "t does not escape$"
	if t == nil {
		return 0
	}
	return 1 + max(depth(t.Left), depth(t.Right))
}
