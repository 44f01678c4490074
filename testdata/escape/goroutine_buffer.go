package p

// A buffer captured by a goroutine's closure escapes with the goroutine.
func fill(done chan<- int) { // ERROR "leaking param: done$"
	buf := make([]byte, 1024) // ERROR "make\(\[\]byte, 1024\) escapes to heap$"
	go func() { // ERROR "func literal escapes to heap$"
		for i := range buf {
			buf[i] = byte(i)
		}
		done <- len(buf)
	}()
}
