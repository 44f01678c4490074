package p

type Reader struct {
	buf []byte
}

// Reslicing a field into itself is ignored by escape analysis.
func (r *Reader) skip(n int) { // ERROR "r does not escape$"
	r.buf = r.buf[n:] // ERROR "\(\*Reader\)\.skip ignoring self-assignment in r\.buf = r\.buf\[n:\]$"
}

func (r *Reader) next() byte { // ERROR "r does not escape$"
	c := r.buf[0]
	r.buf = r.buf[1:] // ERROR "\(\*Reader\)\.next ignoring self-assignment in r\.buf = r\.buf\[1:\]$"
	return c
}
