package p

import "fmt"

// fmt.Println's arguments are converted to interfaces, and they escape.
func show(x int) {
	fmt.Println(x) // ERROR "\.\.\. argument does not escape$" "x escapes to heap$"
}

func showString(name string) { // ERROR "leaking param: name$"
	fmt.Println("hello", name) // ERROR "\.\.\. argument does not escape$" ".hello. escapes to heap$" "name escapes to heap$"
}
