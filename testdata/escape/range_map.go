package p

// Ranging over a map with pointer values leaks the map's content when a value is returned.
func any1(m map[string]*int) *int { // ERROR "leaking param: m to result ~r0 level=1$"
	for _, v := range m {
		return v
	}
	return nil
}

func keys(m map[string]int) int { // ERROR "m does not escape$"
	n := 0
	for k := range m {
		n += len(k)
	}
	return n
}
