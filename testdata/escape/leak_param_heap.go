package p

var all []*int

// A parameter stored into a global slice leaks to the heap.
func register(p *int) { // ERROR "leaking param: p$"
	all = append(all, p) // ERROR "append escapes to heap$"
}
