package p

var last *int

// Storing a pointer into a global makes the pointee escape.
func remember() {
	x := 1 // ERROR "moved to heap: x$"
	last = &x
}

func rememberParam(p *int) { // ERROR "leaking param: p$"
	last = p
}
