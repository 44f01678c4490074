package p

// Writing through a pointer-to-pointer parameter makes the stored value escape.
func set(pp **int) { // ERROR "pp does not escape$"
	x := 10 // ERROR "moved to heap: x$"
	*pp = &x
}
