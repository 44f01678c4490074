package p

// An implicit allocation larger than 64 KiB goes to the heap even if it does not escape.
func big() byte {
	b := make([]byte, 65*1024) // ERROR "make\(\[\]byte, 66560\) escapes to heap$"
	return b[0]
}

func small() byte {
	b := make([]byte, 64*1024) // ERROR "make\(\[\]byte, 65536\) does not escape$"
	return b[0]
}
