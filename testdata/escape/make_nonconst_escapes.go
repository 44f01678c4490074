package p

// make with a non-constant size whose result is returned escapes.
func buffer(n int) []byte {
	return make([]byte, n) // ERROR "make\(\[\]byte, n\) escapes to heap$"
}
