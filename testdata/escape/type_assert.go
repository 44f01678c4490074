package p

type Node struct{ Next *Node }

// A type assertion to a pointer type returns the boxed pointer: the interface content leaks
// to the result.
func asNode(v any) *Node { // ERROR "leaking param: v to result ~r0 level=0$"
	n, _ := v.(*Node)
	return n
}
