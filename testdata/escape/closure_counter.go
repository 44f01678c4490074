package p

// A closure that increments a captured local captures it by reference, so the local moves to
// the heap when the closure escapes.
func counter() func() int {
	n := 0 // ERROR "moved to heap: n$"
	return func() int { // ERROR "func literal escapes to heap$"
		n++
		return n
	}
}
