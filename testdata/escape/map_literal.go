package p

// Map literals and makes: a returned map escapes, a local one does not.
func table() map[string]int {
	return map[string]int{"a": 1, "b": 2} // ERROR "map\[string\]int\{\.\.\.\} escapes to heap$"
}

func count(words []string) int { // ERROR "leaking param content: words$"
	seen := make(map[string]bool) // ERROR "make\(map\[string\]bool\) does not escape$"
	for _, w := range words {
		seen[w] = true
	}
	return len(seen)
}
