package p

type Point struct{ X, Y int }

// A struct literal held by value is on the stack; its address escaping moves it.
func origin() Point {
	return Point{}
}

func originPtr() *Point {
	p := Point{} // ERROR "moved to heap: p$"
	return &p
}
