package main

import "fmt"

// A main package: package-level behaviour is the same as in a library.
func main() {
	x := 3
	p := &x
	fmt.Println(*p) // ERROR "\.\.\. argument does not escape$" "\*p escapes to heap$"
}
