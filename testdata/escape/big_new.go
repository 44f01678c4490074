package p

// Implicit allocations (new, &T{}) larger than 64 KiB always go to the heap.
func bigNew() byte {
	p := new([70 * 1024]byte) // ERROR "new\(\[71680\]byte\) escapes to heap$"
	return p[0]
}
