package p

import (
	"errors"
	"io"
)

// errors.Is only compares, so its argument does not escape.
func isEOF(err error) bool { // ERROR "leaking param: err$"
	return errors.Is(err, io.EOF)
}
