package p

import "sort"

// sort.Ints takes a slice it does not keep; sort.Slice's closure does not escape.
func sorted(xs []int) []int { // ERROR "leaking param: xs to result ~r0 level=0$"
	sort.Ints(xs)
	return xs
}

func byLen(names []string) { // ERROR "leaking param: names$"
	sort.Slice(names, func(i, j int) bool { return len(names[i]) < len(names[j]) }) // ERROR "names escapes to heap$" "func literal does not escape$"
}
