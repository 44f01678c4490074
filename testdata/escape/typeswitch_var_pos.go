// A type switch variable is declared once per clause, where gc's noder leaves it: at the
// "end" of the clause's last type (a quirk kept from Go 1.17: a qualified name's package, a
// composite type's last component), or at the default keyword.

package p

import "strings"

var sink any

type A struct{ x int }
type B struct{ y int }

func f(v any) { // ERROR "leaking param: v$"
	switch t := v.(type) {
	case strings.Builder: // ERROR "moved to heap: t$"
		sink = &t
	case A, *strings.Reader: // ERROR "moved to heap: t$"
		sink = &t
	case []A: // ERROR "moved to heap: t$"
		sink = &t
	case map[string]*B, func(int) (string, error): // ERROR "moved to heap: t$"
		sink = &t
	default: // ERROR "moved to heap: t$"
		sink = &t
	}
}
