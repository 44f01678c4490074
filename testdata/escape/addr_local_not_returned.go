package p

// Taking the address of a local that never leaves the function keeps it on the stack.
func sum(xs []int) int { // ERROR "xs does not escape$"
	total := 0
	p := &total
	for _, x := range xs {
		*p += x
	}
	return total
}
