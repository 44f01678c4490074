package p

// A closure returned from a function captures the parameter; the parameter is copied into it.
func prefixer(pre string) func(string) string { // ERROR "leaking param: pre$"
	return func(s string) string { // ERROR "s does not escape$" "func literal escapes to heap$"
		return pre + s // ERROR "pre \+ s escapes to heap$"
	}
}
