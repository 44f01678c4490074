package p

import "fmt"

// fmt.Errorf boxes its arguments; they escape.
func wrap(err error, name string) error { // ERROR "leaking param: err$" "leaking param: name$"
	return fmt.Errorf("open %s: %w", name, err) // ERROR "\.\.\. argument does not escape$" "name escapes to heap$"
}
