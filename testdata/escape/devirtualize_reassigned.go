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

type Server struct{ off bool }

func (s *Server) keepAlives() bool { return !s.off } // ERROR "can inline \(\*Server\)\.keepAlives$" "s does not escape$"

// The value of a comma-ok type assertion holds what the asserted interface does (1.26+).
func disabled(hs *Server) bool { // ERROR "hs does not escape$"
	var x interface{} = hs
	type I interface{ keepAlives() bool }
	if hs, ok := x.(I); ok {
		return !hs.keepAlives() // ERROR "devirtualizing hs\.keepAlives to \*Server$" "inlining call to \(\*Server\)\.keepAlives$"
	}
	return false
}
