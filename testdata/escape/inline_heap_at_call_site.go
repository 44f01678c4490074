// errorcheck -0 -m

package p

// newInt moves x to the heap. Once inlined, the copy of x belongs to the caller: where the
// pointer does not outlive the caller, x stays on the stack; where it does, gc reports it moved
// to the heap at the call.
func newInt() *int { // ERROR "can inline newInt$"
	x := 0 // ERROR "moved to heap: x$"
	return &x
}

func readInt() int { // ERROR "can inline readInt$"
	return *newInt() // ERROR "inlining call to newInt$"
}

var sink *int

func keepInt() { // ERROR "can inline keepInt$"
	sink = newInt() // ERROR "inlining call to newInt$" "moved to heap: x$"
}
