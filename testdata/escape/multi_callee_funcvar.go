package p

// A call through a local function variable assigned more than one function. gc 1.27 flows
// each argument to every function assigned (x stays on the stack: neither keep nor drop
// leaks p to the heap); 1.26 and older know no callee for such a variable and send its
// arguments to the heap (moved to heap: x). A variable holding one function is a call of
// it in every release.

func keep(p *int) *int { return p } // ERROR "leaking param: p to result ~r0 level=0$"

func drop(p *int) *int { return nil } // ERROR "p does not escape$"

func pick(b bool) int {
	x := 0
	f := keep
	if b {
		f = drop
	}
	return *f(&x)
}

func single() int {
	y := 0
	f := keep
	return *f(&y)
}

var sink *int

func either(b bool) {
	z := 0 // ERROR "moved to heap: z$"
	f := keep
	if b {
		f = drop
	}
	sink = f(&z)
}
