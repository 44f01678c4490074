package p

// Pointer type arguments share the shape *uint8 only for a type parameter whose constraint is
// a basic interface (methods only); under a type set or `comparable` each pointer type is its
// own shape, so gc compiles one instance per pointer type.

type A struct{ x int }
type B struct{ y string }

type PT interface{ *A | *B }

func Make[T PT](n int) []T { return make([]T, n) } // ERROR "make\(\[\]go.shape.\*command-line-arguments.A, n\) escapes to heap$" "make\(\[\]go.shape.\*command-line-arguments.B, n\) escapes to heap$"

func Pair[T comparable](a T) []T { return []T{a, a} } // ERROR "\[\]go.shape.\*command-line-arguments.A\{\.\.\.\} escapes to heap$" "\[\]go.shape.\*command-line-arguments.B\{\.\.\.\} escapes to heap$"

func Keep[T any](x T) *T { return &x } // ERROR "moved to heap: x$"

func use() {
	Make[*A](1)
	Make[*B](2)
	Pair(&A{}) // ERROR "&A\{\} escapes to heap$"
	Pair(&B{}) // ERROR "&B\{\} escapes to heap$"
	Keep(&A{}) // ERROR "&A\{\} escapes to heap$"
	Keep(&B{}) // ERROR "&B\{\} escapes to heap$"
}
