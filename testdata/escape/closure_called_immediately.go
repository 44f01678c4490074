package p

// A closure called on the spot does not escape, so neither do its captures.
func double(x int) int {
	y := 0
	func() { // ERROR "func literal does not escape$"
		y = x * 2
	}()
	return y
}
