package p

// Storing a pointer in a map makes what it points to escape.
func index(m map[string]*int, key string) { // ERROR "m does not escape$" "leaking param: key$"
	v := len(key) // ERROR "moved to heap: v$"
	m[key] = &v
}
