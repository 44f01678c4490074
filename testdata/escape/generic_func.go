package p

// A generic function's parameters get the same tags as a non-generic one.
func First[T any](xs []T) T {
	return xs[0]
}

func Ptr[T any](v T) *T { // ERROR "moved to heap: v$"
	return &v
}

func use() int {
	return First([]int{1, 2}) + *Ptr(3) // ERROR "\[\]int\{\.\.\.\} does not escape$"
}
