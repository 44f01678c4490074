package p

// A blank function is never compiled (gc's noder skips it): nothing is said about its body,
// as stringer's compile-time checks `func _() { var x [1]struct{}; _ = x[A-0] }` show.

var sink *int

func _() {
	x := new(int)
	sink = x
}

func (T) _() {
	y := 0
	sink = &y
}

type T struct{}

func kept() {
	z := new(int) // ERROR "new\(int\) escapes to heap$"
	sink = z
}
