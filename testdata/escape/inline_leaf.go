// errorcheck -0 -m

package p

// A small leaf function is inlinable, and so is its caller; gc says both, then inlines the call.
func add(a, b int) int { // ERROR "can inline add$"
	return a + b
}

func sum3(a, b, c int) int { // ERROR "can inline sum3$"
	return add(add(a, b), c) // ERROR "inlining call to add$"
}
