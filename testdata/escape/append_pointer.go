package p

// Appending a pointer stores it into the slice, so the pointee leaks where the slice goes.
func collect(dst []*int, n int) []*int { // ERROR "leaking param content: dst$" "leaking param: dst to result ~r0 level=0$"
	v := n // ERROR "moved to heap: v$"
	return append(dst, &v) // ERROR "append escapes to heap$"
}
