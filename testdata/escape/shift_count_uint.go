package p

// gc types an untyped constant shift count as uint, and prints it so (`b >> uint(1)`).

import "fmt"

func f(b byte, x int) error {
	return fmt.Errorf("v %d %d %d", b>>1, x<<2, b>>x) // ERROR "\.\.\. argument does not escape$" "b >> uint\(1\) escapes to heap$" "x << uint\(2\) escapes to heap$" "b >> x escapes to heap$"
}
