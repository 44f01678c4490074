package p

// Mutually recursive functions are analyzed together.
func even(n int, p *int) bool { // ERROR "p does not escape$"
	if n == 0 {
		return true
	}
	return odd(n-1, p)
}

func odd(n int, p *int) bool { // ERROR "p does not escape$"
	if n == 0 {
		*p = 1
		return false
	}
	return even(n-1, p)
}
