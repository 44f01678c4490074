package p

// Devirtualization looks through an explicit conversion to an interface: `w := io.Writer(h)`
// has h's concrete type, so `w.Write` becomes a direct call.

import "io"

type W struct{ n int }

func (w *W) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil } // ERROR "w does not escape$" "p does not escape$"

func f() int {
	h := &W{}                  // ERROR "&W\{\} does not escape$"
	w := io.Writer(h)
	w.Write([]byte("x")) // ERROR "devirtualizing w.Write to \*W$" "\(\[\]byte\)\(.x.\) does not escape$" "zero-copy string->\[\]byte conversion$"
	return h.n
}
