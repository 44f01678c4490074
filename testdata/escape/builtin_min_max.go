package p

// min and max are pure: no allocation, nothing escapes.
func clamp(x, lo, hi int) int {
	return max(lo, min(x, hi))
}

func shortest(a, b string) string { // ERROR "leaking param: a to result ~r0 level=0$" "leaking param: b to result ~r0 level=0$"
	return min(a, b)
}
