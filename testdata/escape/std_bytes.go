package p

import "bytes"

// bytes.Buffer as a local and bytes.Equal on parameters.
func same(a, b []byte) bool { // ERROR "a does not escape$" "b does not escape$"
	return bytes.Equal(a, b)
}

func render(words []string) string { // ERROR "words does not escape$"
	var buf bytes.Buffer
	for _, w := range words {
		buf.WriteString(w)
	}
	return buf.String()
}
