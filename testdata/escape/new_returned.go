package p

// new(T) whose result is returned escapes; one that stays local does not.
func alloc() *int {
	return new(int) // ERROR "new\(int\) escapes to heap$"
}

func local() int {
	p := new(int) // ERROR "new\(int\) does not escape$"
	*p = 7
	return *p
}
