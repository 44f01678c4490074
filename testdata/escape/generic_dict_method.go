package p

// In a stenciled body, a method of a type parameter is called through the instance's
// dictionary: an indirect call, printed as gc spells it. With an interface shape, gc's reader
// also warns "imprecise interface call". A method value of a type parameter is a synthetic
// wrapper closure that gc reports nothing about.

type Sizer interface{ Size() int }

type S struct{ n int }

func (s *S) Size() int { return s.n } // ERROR "s does not escape$"

func Alloc[T Sizer](h func() T) []byte {
	return make([]byte, h().Size()) // ERROR "imprecise interface call$" "make\(\[\]byte, \(func\(go.shape.\*uint8\) int\)\(&.dict\[0\]\)\(h\(\)\)\) escapes to heap$" "make\(\[\]byte, \(func\(go.shape.interface \{ Size\(\) int \}\) int\)\(&.dict\[0\]\)\(h\(\)\)\) escapes to heap$"
}

var sink any

func Val[T Sizer](x T) func() int {
	sink = x.Size
	f := x.Size
	return f
}

func use() {
	Alloc(func() *S { return &S{3} })  // ERROR "func literal does not escape$" "&S\{\.\.\.\} escapes to heap$"
	Alloc(func() Sizer { return &S{3} }) // ERROR "func literal does not escape$" "&S\{\.\.\.\} escapes to heap$"
	Val(&S{1})                          // ERROR "&S\{\.\.\.\} escapes to heap$"
}
