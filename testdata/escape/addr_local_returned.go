package p

// Returning the address of a local moves the local to the heap.
func newInt() *int {
	x := 42 // ERROR "moved to heap: x$"
	return &x
}
