package p

import "iter"

// A range over a function is rewritten before escape analysis: the loop body becomes a
// closure (at the for keyword) whose parameters are the loop variables, passed to the
// iterator, and a hidden #state variable the closure assigns tracks the loop.

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) { // ERROR "func literal escapes to heap$" "yield does not escape$"
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

var sink any

func sum(n int) int {
	total := 0 // ERROR "moved to heap: total$"
	for i := range Count(n) { // ERROR "func literal escapes to heap$" "moved to heap: #state1$"
		if i > 10 {
			break
		}
		total += i
	}
	return total
}

func keep(seq iter.Seq[*int]) { // ERROR "seq does not escape$"
	for p := range seq { // ERROR "leaking param: p$" "func literal escapes to heap$" "moved to heap: #state1$"
		sink = p
	}
}
