package p

// A value returned as interface{} is boxed, and the box escapes.
func box(n int) interface{} {
	return n // ERROR "n escapes to heap$"
}

func boxAny(s string) any { // ERROR "leaking param: s$"
	return s // ERROR "s escapes to heap$"
}
