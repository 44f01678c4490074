package p

// Conversions to and from []rune allocate like []byte ones.
func runes(s string) []rune { // ERROR "s does not escape$"
	return []rune(s) // ERROR "\(\[\]rune\)\(s\) escapes to heap$"
}

func fromRunes(r []rune) string { // ERROR "r does not escape$"
	return string(r) // ERROR "string\(r\) escapes to heap$"
}

func fromRune(r rune) string {
	return string(r) // ERROR "string\(r\) escapes to heap$"
}
