package p

// Each result of a multi-value function is its own flow.
func split(s []int) ([]int, []int) { // ERROR "leaking param: s to result ~r0 level=0$" "leaking param: s to result ~r1 level=0$"
	mid := len(s) / 2
	return s[:mid], s[mid:]
}

func pair() (*int, *int) {
	a, b := 1, 2 // ERROR "moved to heap: a$" "moved to heap: b$"
	return &a, &b
}
