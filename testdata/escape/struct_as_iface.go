package p

import "fmt"

type Point struct{ X, Y int }

func (p Point) String() string { return fmt.Sprint(p.X, ",", p.Y) } // ERROR "\.\.\. argument does not escape$" "p\.X escapes to heap$" ".,. escapes to heap$" "p\.Y escapes to heap$"

// Passing a struct as an interface boxes a copy of it.
func describe(s fmt.Stringer) string { // ERROR "leaking param: s$"
	return s.String()
}

func use() string {
	p := Point{1, 2}
	return describe(p) // ERROR "p escapes to heap$"
}
