// errorcheck -0 -m

package p

// A function literal called where it is written is inlined into its enclosing function, so it
// needs no closure at all: gc prints no `func literal does not escape` for it, as it does with
// -l. A variable the literal returns the address of is still moved to the heap.
func plus2(a int) int { // ERROR "can inline plus2$"
	return func(b int) int { return a + b }(2) // ERROR "can inline plus2\.func1$" "inlining call to plus2\.func1$"
}

func addrOf(a int) *int { // ERROR "can inline addrOf$" "moved to heap: a$"
	return func() *int { return &a }() // ERROR "can inline addrOf\.func1$" "inlining call to addrOf\.func1$"
}
