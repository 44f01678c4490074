package p

// Returning a slice literal makes its backing array escape.
func primes() []int {
	return []int{2, 3, 5, 7, 11} // ERROR "\[\]int\{\.\.\.\} escapes to heap$"
}
