package p

import "unsafe"

// A bodyless function's parameters are assumed to leak unless it is marked //go:noescape.
//
//go:noescape
//go:linkname memmove runtime.memmove
func memmove(to, from unsafe.Pointer, n uintptr) // ERROR "to does not escape$" "from does not escape$" "assuming n is unsafe uintptr$"

//go:linkname memclr runtime.memclrNoHeapPointers
func memclr(p unsafe.Pointer, n uintptr) // ERROR "leaking param: p$" "assuming n is unsafe uintptr$"

func copyInt(dst, src *int) { // ERROR "dst does not escape$" "src does not escape$"
	memmove(unsafe.Pointer(dst), unsafe.Pointer(src), unsafe.Sizeof(*src))
}
