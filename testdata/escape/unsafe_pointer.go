package p

import "unsafe"

// Converting through unsafe.Pointer preserves the flow: the result aliases the argument.
func asBytes(p *[4]byte) *uint32 { // ERROR "leaking param: p to result ~r0 level=0$"
	return (*uint32)(unsafe.Pointer(p))
}

func addr(x *int) uintptr { // ERROR "x does not escape$"
	return uintptr(unsafe.Pointer(x))
}
