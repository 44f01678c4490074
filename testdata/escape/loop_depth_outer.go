package p

// A pointer to a loop variable stored in a slice declared before the loop escapes.
func pointers(n int) int {
	var ps []*int
	for i := 0; i < n; i++ { // ERROR "moved to heap: i$"
		ps = append(ps, &i) // ERROR "append does not escape$"
	}
	return len(ps)
}
