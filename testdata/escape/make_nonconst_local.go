package p

// make with a non-constant size that stays local does not escape.
func zeros(n int) int {
	b := make([]int, n) // ERROR "make\(\[\]int, n\) does not escape$"
	count := 0
	for _, v := range b {
		if v == 0 {
			count++
		}
	}
	return count
}
