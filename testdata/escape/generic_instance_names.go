package p

// An instantiated generic type's name is its symbol's: the type arguments are spelled as link
// strings, package paths in full (`Box[*command-line-arguments.T]`, `[]uint8` for `[]byte`).

type T struct{ n int }

type Box[E any] struct{ v E }

func boxes() (*Box[*T], *Box[[]byte]) {
	return &Box[*T]{v: &T{}}, &Box[[]byte]{} // ERROR "&Box\[\*command-line-arguments.T\]\{\.\.\.\} escapes to heap$" "&T\{\} escapes to heap$" "&Box\[\[\]uint8\]\{\} escapes to heap$"
}
