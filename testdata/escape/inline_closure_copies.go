// errorcheck -0 -m

package p

import "fmt"

// Inlining copies the function literals of the inlined body, capturing or not; gc names a copy
// after the inlined function, `.funcN` inside a function and `.N` inside a closure. A callee
// expression that calls is first assigned to a temporary (`f()()` is `t := f(); t()`), which
// inlining then sees through.

type check func(m map[string]any) string

func hasKey(key string) check { // ERROR "can inline hasKey$" "leaking param: key$"
	return func(m map[string]any) string { // ERROR "can inline hasKey\.func1$" "can inline hasKey\.1$" "m does not escape$" "func literal escapes to heap$"
		if _, ok := m[key]; !ok {
			return fmt.Sprintf("missing key %q", key) // ERROR "\.\.\. argument does not escape$" "key escapes to heap$"
		}
		return ""
	}
}

func hasAttr(key string) check { // ERROR "can inline hasAttr$" "leaking param: key$"
	return func(m map[string]any) string { // ERROR "can inline hasAttr\.func1$" "m does not escape$" "func literal escapes to heap$"
		return hasKey(key)(m) // ERROR "inlining call to hasKey$" "inlining call to hasKey\.1$" "func literal does not escape$" "\.\.\. argument does not escape$" "key escapes to heap$"
	}
}

func mk() func() *int { return func() *int { x := 1; return &x } } // ERROR "can inline mk\.func1$" "can inline mk$" "moved to heap: x$" "func literal escapes to heap$"

func Call() *int { return mk()() } // ERROR "inlining call to mk$" "inlining call to mk\.func1$" "moved to heap: x$" "func literal does not escape$"

func nested(k int) func() int { // ERROR "can inline nested$"
	g := func() int { // ERROR "can inline nested\.func1$" "can inline nested\.1$" "func literal escapes to heap$"
		h := func() int { return k } // ERROR "can inline nested\.func1\.1$" "can inline nested\.func1\.func1$" "can inline nested\.1\.1$" "func literal does not escape$"
		return h() + 1 // ERROR "inlining call to nested\.func1\.1$"
	}
	return g
}

func UseNested(k int) int { return nested(k)() } // ERROR "inlining call to nested$" "inlining call to nested\.func1$" "inlining call to nested\.func1\.func1$" "func literal does not escape$"

func InClosure(k int) func() int { // ERROR "can inline InClosure$"
	return func() int { return nested(k)() } // ERROR "can inline InClosure\.func1$" "inlining call to nested$" "inlining call to nested\.1$" "inlining call to nested\.1\.1$" "func literal escapes to heap$" "func literal does not escape$"
}

// A closure of the package initializers answers for itself whether a captured variable is
// constant: the inlined parameter it captures is printed by name.
var checks = []check{hasKey("time"), hasKey("level")} // ERROR "inlining call to hasKey$" "func literal escapes to heap$"
