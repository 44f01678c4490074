package p

// A pointer stored in an interface is not boxed again; the pointee escapes with the interface.
type T struct{ n int }

var sink any

func store() {
	t := &T{n: 1} // ERROR "&T\{\.\.\.\} escapes to heap$"
	sink = t
}
