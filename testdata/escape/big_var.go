package p

// A variable larger than the explicit stack limit (128 KiB) moves to the heap.
func bigArray() int {
	var a [200 * 1024]byte // ERROR "moved to heap: a$"
	a[0] = 1
	return int(a[0])
}

func okArray() int {
	var a [100 * 1024]byte
	a[0] = 1
	return int(a[0])
}
