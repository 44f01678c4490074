package p

// append's result escapes when returned; the appended value is copied in.
func push(s []int, v int) []int { // ERROR "leaking param: s to result ~r0 level=0$"
	return append(s, v) // ERROR "append escapes to heap$"
}

func build(n int) []int {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i) // ERROR "append escapes to heap$"
	}
	return s
}
