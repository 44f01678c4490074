package p

// The implicit slice of a variadic call does not escape if the callee keeps nothing.
func sum(xs ...int) int { // ERROR "xs does not escape$"
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

func three() int {
	return sum(1, 2, 3) // ERROR "\.\.\. argument does not escape$"
}
