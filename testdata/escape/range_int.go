package p

// Ranging over an integer needs no allocation; a pointer to the per-iteration variable
// that escapes does.
func squares(n int) []*int {
	var out []*int
	for i := range n {
		sq := i * i // ERROR "moved to heap: sq$"
		out = append(out, &sq) // ERROR "append escapes to heap$"
	}
	return out
}
