package p

// A small variable that is never reassigned after capture is captured by value.
func adder(x int) func(int) int {
	return func(y int) int { // ERROR "func literal escapes to heap$"
		return x + y
	}
}
