// errorcheck -0 -m

package p

// An interface local assigned the same concrete type on every path: gc 1.26 and newer
// devirtualize the call through it (concreteType looks at every assignment); 1.25 and older
// only devirtualize a receiver that is itself statically a conversion.

type Shape interface{ Area() int }

type Square struct{ side int }

func (s Square) Area() int { return s.side * s.side } // ERROR "can inline Square\.Area$"

func pick(big bool) int { // ERROR "can inline pick$"
	var s Shape = Square{1} // ERROR "Square\{\.\.\.\} does not escape$"
	if big {
		s = Square{10} // ERROR "Square\{\.\.\.\} does not escape$"
	}
	return s.Area() // ERROR "devirtualizing s\.Area to Square$" "inlining call to Square\.Area$"
}

func direct() int { // ERROR "can inline direct$"
	var s Shape = Square{2} // ERROR "Square\{\.\.\.\} does not escape$"
	return s.Area() // ERROR "devirtualizing s\.Area to Square$" "inlining call to Square\.Area$"
}
