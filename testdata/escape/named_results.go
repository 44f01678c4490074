package p

// Named results are ordinary variables; returning their address moves them.
func named() (n int, p *int) { // ERROR "moved to heap: n$"
	n = 3
	p = &n
	return
}
