package p

// A defer inside a loop may run many times, so its closure is heap allocated.
func cleanup(names []string, out *[]string) { // ERROR "leaking param content: names$" "leaking param: out$"
	for _, name := range names {
		defer func() { // ERROR "func literal escapes to heap$"
			*out = append(*out, name) // ERROR "append escapes to heap$"
		}()
	}
}
