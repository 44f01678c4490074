package p

// A captured variable that is reassigned is captured by reference and moves to the heap.
func lastSet() (func(int), func() int) {
	v := 0 // ERROR "moved to heap: v$"
	set := func(n int) { v = n } // ERROR "func literal escapes to heap$"
	get := func() int { return v } // ERROR "func literal escapes to heap$"
	return set, get
}
