package p

// Sending a pointer on a channel makes the pointee escape.
func produce(c chan<- *int) { // ERROR "c does not escape$"
	v := 5 // ERROR "moved to heap: v$"
	c <- &v
}
