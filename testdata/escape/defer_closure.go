package p

import "sync"

// A deferred closure outside any loop stays on the stack.
func locked(mu *sync.Mutex, n *int) { // ERROR "leaking param: mu$" "n does not escape$"
	mu.Lock()
	defer func() { // ERROR "func literal does not escape$"
		*n++
		mu.Unlock()
	}()
}
