// errorcheck -0 -m

package p

// Inlining a variadic function binds its slice parameter to the slice literal of the call's
// arguments; escape analysis then sizes make(T, len(s)) by the literal's length (gc's
// rewriteWithLiterals), which prints the constant and may keep the slice on the stack.

type Table struct {
	headers []string
	widths  []int
}

func NewTable(headers ...string) *Table { // ERROR "can inline NewTable$" "leaking param: headers$"
	return &Table{headers: headers, widths: make([]int, len(headers))} // ERROR "&Table\{...\} escapes to heap$" "make\(\[\]int, len\(headers\)\) escapes to heap$"
}

func Use() int { // ERROR "can inline Use$"
	t := NewTable("item", "qty", "price") // ERROR "inlining call to NewTable$" "... argument does not escape$" "&Table\{...\} does not escape$" "make\(\[\]int, 3\) does not escape$"
	return len(t.widths)
}
