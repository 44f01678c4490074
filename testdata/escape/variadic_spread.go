package p

// f(s...) passes the slice itself; a callee that keeps it makes it leak.
var kept []int

func keep(xs ...int) { // ERROR "leaking param: xs$"
	kept = xs
}

func pass(s []int) { // ERROR "leaking param: s$"
	keep(s...)
}
