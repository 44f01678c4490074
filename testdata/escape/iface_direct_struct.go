package p

// A value is stored directly in an interface's data word when it is one word and that word is
// a pointer (gc's IsDirectIface: size and pointer data both 8), like weak.Pointer's
// struct{ _ [0]*T; u unsafe.Pointer }: converting it to an interface allocates nothing.

import "unsafe"

type Weak[T any] struct {
	_ [0]*T
	u unsafe.Pointer
}

type pair struct {
	a *int
	b int
}

var sink any

func direct(w Weak[int]) { // ERROR "leaking param: w$"
	sink = w
}

func boxed(p pair) { // ERROR "leaking param: p$"
	sink = p // ERROR "p escapes to heap$"
}
