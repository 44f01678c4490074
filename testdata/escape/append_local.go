package p

// An append whose result stays local does not escape.
func evens(xs []int) int { // ERROR "xs does not escape$"
	var out []int
	for _, x := range xs {
		if x%2 == 0 {
			out = append(out, x) // ERROR "append does not escape$"
		}
	}
	return len(out)
}
