// errorcheck -0 -m

package p

import (
	"errors"
	"fmt"
	"strings"
)

// Small standard-library functions are inlined into user code, and what they allocate is then
// reported at the call site: the `&errors.errorString{...}` of errors.New, the boxing of
// fmt.Println's arguments. strings.HasPrefix is a wrapper, so gc inlines the function it calls
// too.
func isHidden(name string) bool { // ERROR "can inline isHidden$" "name does not escape$"
	return strings.HasPrefix(name, ".") // ERROR "inlining call to strings\.HasPrefix$" "inlining call to stringslite\.HasPrefix$"
}

func fail() error { // ERROR "can inline fail$"
	return errors.New("failed") // ERROR "inlining call to errors\.New$" "&errors\.errorString\{\.\.\.\} escapes to heap$"
}

func show(n int) { // ERROR "can inline show$"
	fmt.Println(n) // ERROR "inlining call to fmt\.Println$" "\.\.\. argument does not escape$" "n escapes to heap$"
}
