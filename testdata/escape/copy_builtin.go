package p

// copy reads and writes through its arguments without retaining them.
func clone(src []byte) []byte { // ERROR "src does not escape$"
	dst := make([]byte, len(src)) // ERROR "make\(\[\]byte, len\(src\)\) escapes to heap$"
	copy(dst, src)
	return dst
}

func head(src []byte) byte { // ERROR "src does not escape$"
	var buf [8]byte
	copy(buf[:], src)
	return buf[0]
}
