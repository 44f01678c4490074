package p

// A function value parameter that is only called does not escape.
func each(xs []int, f func(int)) { // ERROR "xs does not escape$" "f does not escape$"
	for _, x := range xs {
		f(x)
	}
}

func sum(xs []int) int { // ERROR "xs does not escape$"
	total := 0
	each(xs, func(x int) { total += x }) // ERROR "func literal does not escape$"
	return total
}
