package p

// A variadic ...any parameter: the implicit slice and the boxed values.
func count(args ...any) int { // ERROR "args does not escape$"
	return len(args)
}

func callCount(x, y int) int {
	return count(x, y) // ERROR "\.\.\. argument does not escape$" "x does not escape$" "y does not escape$"
}
