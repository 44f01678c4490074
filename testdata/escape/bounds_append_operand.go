package p

// A value appended as is (`append(dst, tab[i&15])`) is first made safe to evaluate early: its
// index goes to a temporary, and gc's bounds proof, which looks at the index expression, no
// longer applies. Wrapped in an operation or a conversion, the indexing is walked whole.

const hex = "0123456789abcdef"

var tab [16]byte

func a(dst []byte, x uint16) []byte { // ERROR "leaking param: dst to result ~r0 level=0$"
	return append(dst, hex[x&0xf]+1) // ERROR "append escapes to heap$" "index bounds check elided$"
}

func b(dst []byte, x uint16) []byte { // ERROR "leaking param: dst to result ~r0 level=0$"
	return append(dst, tab[x&0xf], hex[x>>12]) // ERROR "append escapes to heap$"
}

func c(dst [][]byte, x uint16) [][]byte { // ERROR "leaking param content: dst$" "leaking param: dst to result ~r0 level=0$"
	return append(dst[x&0:], nil) // ERROR "append escapes to heap$"
}

func d(dst []int, x uint16) []int { // ERROR "leaking param: dst to result ~r0 level=0$"
	return append(dst, int(tab[x&0xf])) // ERROR "append escapes to heap$" "index bounds check elided$"
}

func e(dst []byte, x uint16) { // ERROR "dst does not escape$"
	f(append(dst, tab[x&0xf])) // ERROR "append does not escape$"
}

func f([]byte) {}

func g(x uint16) {
	f([]byte{tab[x&0xf]}) // ERROR "\[\]byte\{\.\.\.\} does not escape$" "index bounds check elided$"
}

func h(x uint16) {
	var m []byte
	m = append(m, tab[x&0xf]) // ERROR "append does not escape$"
	f(m)
}
