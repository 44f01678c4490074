package p

import "os"

// Deferring a plain call evaluates its arguments now; they do not escape.
func closeLater(f *os.File) error { // ERROR "leaking param content: f$"
	defer f.Close()
	_, err := f.Write([]byte("x")) // ERROR "\(\[\]byte\)\(.x.\) does not escape$"
	return err
}
