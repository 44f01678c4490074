package p

// Package-level initializers that gc lays out statically: an interface conversion (implicit
// or explicit) stores its operand in a static temporary, and a constant string converted to a
// byte slice is static data. Only what remains run-time code gets verdicts.

type sig []byte

type matcher interface{ match([]byte) bool }

func (s sig) match(b []byte) bool { return len(b) > len(s) } // ERROR "s does not escape$" "b does not escape$"

type P struct{ x *int }

func (p P) match(b []byte) bool { return p.x != nil } // ERROR "p does not escape$" "b does not escape$"

func f() *int { return new(int) } // ERROR "new\(int\) escapes to heap$"

func g() P { return P{f()} }

var sigs = []matcher{sig("abc"), sig("de"), g(), P{f()}}

var one any = g()

var two any = any(sig("x"))

var three = any(&P{f()})

var bs = []byte("hello")

var four error = nil

var m = map[string]any{"a": g()} // ERROR "map\[string\]any\{\.\.\.\} escapes to heap$"
