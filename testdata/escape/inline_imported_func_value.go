// errorcheck -0 -m

package p

import (
	"bytes"
	"syscall"
)

// An imported function used as a value is still that function: a call through a variable
// that statically holds it uses its escape tags, and once inlining binds a parameter to it
// the call is inlined too (gc's StaticValue, then StaticCalleeName).

func Equal(a, b []byte) bool { // ERROR "can inline Equal$" "a does not escape$" "b does not escape$"
	f := bytes.Equal
	return f(a, b) // ERROR "inlining call to bytes.Equal$" "string\(bytes.a\) does not escape$" "string\(bytes.b\) does not escape$"
}

func retry(fn func(fd int, p []byte) (int, error), fd int, p []byte) (int, error) { // ERROR "can inline retry$" "fn does not escape$" "leaking param: p$"
	for {
		n, err := fn(fd, p)
		if err != syscall.EINTR { // ERROR "syscall.Errno\(4\) does not escape$"
			return n, err
		}
	}
}

func Read(fd int, p []byte) (int, error) { // ERROR "can inline Read$" "p does not escape$"
	return retry(syscall.Read, fd, p) // ERROR "inlining call to retry$" "inlining call to syscall.Read$" "syscall.Errno\(4\) does not escape$"
}
