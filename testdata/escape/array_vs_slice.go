package p

// An array is a value: returning it copies. A slice of it shares the array.
func array() [4]int {
	var a [4]int
	a[0] = 1
	return a
}

func slice() []int {
	var a [4]int // ERROR "moved to heap: a$"
	a[0] = 1
	return a[:]
}
