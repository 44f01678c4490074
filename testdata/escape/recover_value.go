package p

// recover returns an interface; a function using it keeps its locals on the stack.
func safeDiv(a, b int) (q int, err any) {
	defer func() { // ERROR "func literal does not escape$"
		err = recover()
	}()
	q = a / b
	return
}
