// errorcheck -0 -m

package p

// Types declared inside functions get method wrappers like package-level ones: a promoted
// method of an embedded field is wrapped (and inlined into the wrapper) for each of them.

type T struct{ x int }

func (t *T) Get() int { // ERROR "can inline \(\*T\).Get$" "t does not escape$"
	if t == nil {
		panic("nil T") // ERROR ".nil T. escapes to heap$"
	}
	return t.x
}

type A struct {
	T
	y int
}

func F() *int { // ERROR "can inline F$"
	type u struct {
		A
		w int
	}
	return &(*u)(nil).w
}

func G() *int { // ERROR "can inline G$"
	type u struct {
		A
		w int
	}
	return &(*u)(nil).w
}
