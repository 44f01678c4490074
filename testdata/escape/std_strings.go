package p

import "strings"

// strings functions are tagged: Contains keeps nothing, Split's result is new heap memory.
func hasAt(s string) bool { // ERROR "s does not escape$"
	return strings.Contains(s, "@")
}

func fields(s string) []string { // ERROR "leaking param: s$"
	return strings.Split(s, ",")
}

func join(parts []string) string { // ERROR "leaking param: parts to result ~r0 level=1$"
	return strings.Join(parts, "-")
}
