// A per-iteration loop variable captured by a function literal that sits in a further loop
// nested in its own loop is captured by reference, as gc's loopvar rewrite leaves it looking
// reassigned to escape analysis; a literal directly in the loop body captures it by value.

package p

var sink func()

func run(f func()) { sink = f } // ERROR "leaking param: f$"

func a(lengths []int) { // ERROR "leaking param: lengths$"
	run(func() { // ERROR "func literal escapes to heap$"
		for _, ptLen := range lengths { // ERROR "moved to heap: ptLen$"
			for _, adLen := range lengths {
				run(func() { println(ptLen, adLen) }) // ERROR "func literal escapes to heap$"
			}
		}
	})
}

func b(lengths []int) { // ERROR "lengths does not escape$"
	for _, ptLen := range lengths { // ERROR "moved to heap: ptLen$"
		for _, adLen := range lengths {
			run(func() { println(ptLen, adLen) }) // ERROR "func literal escapes to heap$"
		}
	}
}

func c(lengths []int) { // ERROR "lengths does not escape$"
	for _, p := range lengths {
		run(func() { println(p) }) // ERROR "func literal escapes to heap$"
		for _, q := range lengths {
			println(q)
		}
	}
}

func d(lengths []int) { // ERROR "lengths does not escape$"
	for _, x := range lengths { // ERROR "moved to heap: x$"
		for _, y := range lengths { // ERROR "moved to heap: y$"
			for _, z := range lengths {
				run(func() { println(x, y, z) }) // ERROR "func literal escapes to heap$"
			}
		}
	}
}

func e(lengths []int) { // ERROR "lengths does not escape$"
	for _, x := range lengths {
		for _, y := range lengths {
			run(func() { println(y) }) // ERROR "func literal escapes to heap$"
		}
		run(func() { println(x) }) // ERROR "func literal escapes to heap$"
	}
}

func f(lengths []int) { // ERROR "lengths does not escape$"
	for i := 0; i < 3; i++ { // ERROR "moved to heap: i$"
		for _, y := range lengths {
			run(func() { println(i, y) }) // ERROR "func literal escapes to heap$"
		}
	}
}

func g(lengths []int) { // ERROR "lengths does not escape$"
	for _, x := range lengths { // ERROR "moved to heap: x$"
		for j := 0; j < 3; j++ {
			run(func() { println(x, j) }) // ERROR "func literal escapes to heap$"
		}
	}
}

func h(lengths []int) { // ERROR "lengths does not escape$"
	for _, x := range lengths {
		v := x * 2
		for _, y := range lengths {
			run(func() { println(v, y) }) // ERROR "func literal escapes to heap$"
		}
	}
}

func k(lengths []int) { // ERROR "lengths does not escape$"
	for _, x := range lengths { // ERROR "moved to heap: x$"
		for {
			run(func() { println(x) }) // ERROR "func literal escapes to heap$"
			break
		}
	}
}

func m(lengths []int) { // ERROR "lengths does not escape$"
	for _, x := range lengths {
		{
			run(func() { println(x) }) // ERROR "func literal escapes to heap$"
		}
	}
}

func n(lengths []int) { // ERROR "leaking param: lengths$"
	for _, x := range lengths {
		run(func() { // ERROR "func literal escapes to heap$"
			for range lengths {
				run(func() { println(x) }) // ERROR "func literal escapes to heap$"
			}
		})
	}
}

