package p

// The address of a variable declared inside a loop, stored in a variable declared outside it,
// moves it to the heap: the loop-depth rule.
func lastPtr(xs []int) *int { // ERROR "xs does not escape$"
	var p *int
	for i := range xs {
		v := xs[i] // ERROR "moved to heap: v$"
		p = &v
	}
	return p
}

func inner(xs []int) int { // ERROR "xs does not escape$"
	total := 0
	for i := range xs {
		v := xs[i]
		q := &v
		total += *q
	}
	return total
}
