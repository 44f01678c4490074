package p

// A slice literal of pointers to locals: the locals escape if the slice is returned.
func ptrs() []*int {
	a, b := 1, 2 // ERROR "moved to heap: a$" "moved to heap: b$"
	return []*int{&a, &b} // ERROR "\[\]\*int\{\.\.\.\} escapes to heap$"
}
