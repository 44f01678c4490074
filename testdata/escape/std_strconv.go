package p

import "strconv"

// strconv.Itoa returns new heap memory; Atoi keeps nothing of its argument.
func label(n int) string {
	return "n=" + strconv.Itoa(n) // ERROR ".n=. \+ strconv\.Itoa\(n\) escapes to heap$"
}

func parse(s string) int { // ERROR "s does not escape$"
	n, _ := strconv.Atoi(s)
	return n
}

func appendNum(dst []byte, n int64) []byte { // ERROR "leaking param: dst to result ~r0 level=0$"
	return strconv.AppendInt(dst, n, 10)
}
