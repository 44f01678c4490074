package p

// A []byte(s) conversion whose result is never written to needs no copy.
func countA(s string) int { // ERROR "s does not escape$"
	n := 0
	for _, c := range []byte(s) { // ERROR "\(\[\]byte\)\(s\) does not escape$" "zero-copy string->\[\]byte conversion$"
		if c == 'a' {
			n++
		}
	}
	return n
}
