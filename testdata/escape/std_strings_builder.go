package p

import "strings"

// A strings.Builder on the stack: its methods take a pointer receiver that does not escape.
func repeat(s string, n int) string { // ERROR "s does not escape$"
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(s)
	}
	return b.String()
}
