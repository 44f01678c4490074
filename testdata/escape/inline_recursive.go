// errorcheck -0 -m

package p

// A recursive function can be inlinable: gc inlines its recursive call into itself once, and
// into a caller once (not twice: a repeated recursive cycle). One that calls itself twice is
// over the budget.
func fact(n int) int { // ERROR "can inline fact$"
	if n == 0 {
		return 1
	}
	return n * fact(n-1) // ERROR "inlining call to fact$"
}

func fact5() int { // ERROR "can inline fact5$"
	return fact(5) // ERROR "inlining call to fact$"
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
