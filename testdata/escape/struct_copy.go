package p

type Pair struct{ A, B *int }

// Copying a struct copies its pointers: the pointees flow to wherever the copy goes.
func swap(p Pair) Pair { // ERROR "leaking param: p to result ~r0 level=0$"
	return Pair{A: p.B, B: p.A}
}
