package p

// A parameter returned as is leaks to the result at level 0.
func identity(p *int) *int { // ERROR "leaking param: p to result ~r0 level=0$"
	return p
}

// A parameter whose pointee is returned leaks at level 1.
func deref(pp **int) *int { // ERROR "leaking param: pp to result ~r0 level=1$"
	return *pp
}
