package p

type Node struct {
	Val  int
	Next *Node
}

// &T{} escapes when returned and stays on the stack when not.
func newNode(v int) *Node {
	return &Node{Val: v} // ERROR "&Node\{\.\.\.\} escapes to heap$"
}

func peek(v int) int {
	n := &Node{Val: v} // ERROR "&Node\{\.\.\.\} does not escape$"
	return n.Val
}
