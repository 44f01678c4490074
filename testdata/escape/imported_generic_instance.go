package p

import "slices"

// Instances of imported generic functions are compiled and analyzed in the importing package,
// so their parameters' tags are known to callers: nothing here leaks.
func find(xs []string, v string) int { // ERROR "xs does not escape$" "v does not escape$"
	return slices.Index(xs, v)
}

func has(xs []*int, p *int) bool { // ERROR "xs does not escape$" "p does not escape$"
	return slices.Contains(xs, p)
}

func firstBig(xs []int, min int) int { // ERROR "xs does not escape$"
	return slices.IndexFunc(xs, func(x int) bool { return x > min }) // ERROR "func literal does not escape$"
}

func same(a, b []string) bool { // ERROR "a does not escape$" "b does not escape$"
	return slices.Equal(a, b)
}
