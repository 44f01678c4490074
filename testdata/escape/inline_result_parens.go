// errorcheck -0 -m

package p

// gc prints an inlined call as its result variable, in parentheses where it is the operand of
// an operator or the base of an index or slice expression ((~r0) + 7, (~r0)[1:]), and bare as
// a conversion's operand or in a string concatenation (string(~r0)).

type B struct{ n int }

func (b *B) Len() int { return b.n } // ERROR "can inline \(\*B\)\.Len$" "b does not escape$"

func get(s []byte) []byte { return s } // ERROR "can inline get$" "leaking param: s to result ~r0 level=0$"

func f(b *B, s []byte) (string, []byte) { // ERROR "can inline f$" "b does not escape$" "s does not escape$"
	x := make([]byte, (b.Len()+7)/8) // ERROR "inlining call to \(\*B\)\.Len$" "make\(\[\]byte, \(\(~r0\) \+ 7\) / 8\) escapes to heap$"
	y := string(get(s)[1:]) // ERROR "inlining call to get$" "string\(\(~r0\)\[1:\]\) does not escape$"
	return "n=" + string(get(s)) + y, x // ERROR "inlining call to get$" ".n=. \+ string\(~r0\) \+ y escapes to heap$" "string\(~r0\) does not escape$"
}
