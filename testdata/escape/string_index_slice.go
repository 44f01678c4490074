package p

// Slicing a string shares its bytes: the parameter leaks to the result.
func prefix(s string) string { // ERROR "leaking param: s to result ~r0 level=0$"
	return s[:3]
}

func firstByte(s string) byte { // ERROR "s does not escape$"
	return s[0]
}
