package p

// Calling through a function variable: the callee is unknown, so arguments escape.
func call(f func(*int), x int) { // ERROR "f does not escape$" "moved to heap: x$"
	f(&x)
}

func direct(x int) int {
	inc := func(p *int) { *p++ } // ERROR "p does not escape$" "func literal does not escape$"
	inc(&x)
	return x
}
