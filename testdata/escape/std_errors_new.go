package p

import "errors"

// errors.New allocates its result on the heap; the message string leaks into it.
func fail(msg string) error { // ERROR "leaking param: msg$"
	return errors.New(msg)
}

func failConst() error {
	return errors.New("constant message")
}
