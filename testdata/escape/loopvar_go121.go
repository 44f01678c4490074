//go:build go1.21

// A file whose build line asks for Go 1.21 keeps the old loop semantics: one variable per
// loop, not per iteration, so a captured 3-clause loop variable (reassigned by i++) is shared
// by reference and moves to the heap, and so do range variables (assigned every iteration).

package p

var fs []func() int

func loop() {
	for i := 0; i < 3; i++ { // ERROR "moved to heap: i$"
		fs = append(fs, func() int { return i }) // ERROR "func literal escapes to heap$" "append escapes to heap$"
	}
}

func rng(s []int) { // ERROR "leaking param content: s$"
	for i, v := range s { // ERROR "moved to heap: i$" "moved to heap: v$"
		fs = append(fs, func() int { return i + v }) // ERROR "func literal escapes to heap$" "append escapes to heap$"
	}
}
