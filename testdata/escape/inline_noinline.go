// errorcheck -0 -m

package p

// `//go:noinline` forbids inlining a function however small it is; a caller is still
// inlinable (one call to a function that is not costs 57 of its budget of 80), and keeps the
// call.
//
//go:noinline
func double(x int) int {
	return x * 2
}

func quadruple(x int) int { // ERROR "can inline quadruple$"
	return double(x) * 2
}
