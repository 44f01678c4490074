package p

// string(b) used only for a comparison or a map lookup does not allocate.
func isHello(b []byte) bool { // ERROR "b does not escape$"
	return string(b) == "hello" // ERROR "string\(b\) does not escape$"
}

func lookup(m map[string]int, b []byte) int { // ERROR "m does not escape$" "b does not escape$"
	return m[string(b)] // ERROR "string\(b\) does not escape$"
}
