package p

// String concatenation allocates; the result escapes when returned.
func greet(name string) string { // ERROR "name does not escape$"
	return "hello, " + name // ERROR ".hello, . \+ name escapes to heap$"
}

func length(a, b string) int { // ERROR "a does not escape$" "b does not escape$"
	s := a + b // ERROR "a \+ b does not escape$"
	return len(s)
}
