package p

import "errors"

// panic's argument is converted to an interface and escapes.
func mustPositive(n int) {
	if n < 0 {
		panic(n) // ERROR "n escapes to heap$"
	}
}

var errNeg = errors.New("negative")

func mustPositive2(n int) {
	if n < 0 {
		panic(errNeg)
	}
}
