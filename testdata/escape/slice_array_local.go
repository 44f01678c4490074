package p

// Slicing a local array keeps it on the stack as long as the slice does not escape.
func sumFirst(n int) int {
	var a [16]int
	s := a[:n]
	total := 0
	for _, v := range s {
		total += v
	}
	return total
}
