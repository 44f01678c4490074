package p

// Sending a pointer on a channel inside select makes the pointee escape.
func offer(c chan *int, done chan struct{}) bool { // ERROR "c does not escape$" "done does not escape$"
	v := 1 // ERROR "moved to heap: v$"
	select {
	case c <- &v:
		return true
	case <-done:
		return false
	}
}
