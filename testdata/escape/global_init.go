package p

import "fmt"

// Package-level initializers that gc cannot lay out statically run in its generated init
// function, which is escape-analyzed first; a function literal in a static position is a
// top-level function of its own.

type T struct {
	a int
	p *int
}

var (
	cache = make(map[string]int)       // ERROR "make\(map\[string\]int\) escapes to heap$"
	reg   = map[string]func() int{     // ERROR "map\[string\]func\(\) int\{\.\.\.\} escapes to heap$"
		"one": func() int { return 1 }, // ERROR "func literal escapes to heap$"
	}
	buf   = make([]byte, 1024) // ERROR "make\(\[\]byte, 1024\) escapes to heap$"
	ptr   = &T{a: 1}
	ints  = []int{1, 2, 3}
	msg   = fmt.Sprint("x", 1) // ERROR "\.\.\. argument does not escape$" "\x22x\x22 escapes to heap$" "1 escapes to heap$"
	np    = new(int)           // ERROR "new\(int\) escapes to heap$"
	ident = func(x *int) *int { return x } // ERROR "leaking param: x to result ~r0 level=0$"
)
