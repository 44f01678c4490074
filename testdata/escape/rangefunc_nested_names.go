// errorcheck -0 -m

package p

// Closures made inside range-over-func bodies: loop bodies nested in loop bodies, function
// literals inside them. gc 1.26 and older name each as if it were written in the function
// containing the outer loop (nested-range2, literal.func2); 1.27 names it after the body it
// is in (nested-range1-range1, literal-range1.1).

func each(yield func(int) bool) { // ERROR "can inline each$" "yield does not escape$"
	for i := 0; i < 3; i++ {
		if !yield(i) {
			return
		}
	}
}

var sink func() int

func nested() int {
	n := 0
	for x := range each { // ERROR "can inline nested-range1$" "inlining call to each$" "inlining call to nested-range1$" "func literal does not escape$"
		for y := range each { // ERROR "can inline nested-range1-range1$" "inlining call to each$" "inlining call to nested-range1-range1$"
			n += x * y
		}
	}
	for z := range each { // ERROR "can inline nested-range2$" "inlining call to each$" "inlining call to nested-range2$"
		n += z
	}
	return n
}

func literal() int {
	n := 0
	g := func() int { return n } // ERROR "can inline literal\.func1$"
	for x := range each { // ERROR "can inline literal-range1$" "inlining call to each$" "inlining call to literal-range1$" "func literal escapes to heap$" "func literal does not escape$"
		sink = func() int { return x } // ERROR "can inline literal-range1\.1$"
		for y := range each { // ERROR "can inline literal-range1-range1$" "inlining call to each$" "inlining call to literal-range1-range1$"
			sink = func() int { return x + y } // ERROR "can inline literal-range1-range1\.1$" "func literal escapes to heap$"
		}
	}
	return g() // ERROR "inlining call to literal\.func1$"
}
