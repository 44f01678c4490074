package p

type I interface{ M() }
type A struct{ x int }

func (a A) M()   {}
func (a *A) N()  {}
func (a *A) P() *A { return a }

func g1() I {
	a := A{}
	return a
}

func g2() I {
	return &A{}
}

func g3(a *A) func() {
	return a.N
}

func g4() {
	var a A
	a.N()
}

func g5() *A {
	var a A
	return a.P()
}

func g6(f func() *int) *int {
	return f()
}

func g7() {
	var f func(*int)
	if true {
		f = func(p *int) {}
	} else {
		f = func(p *int) { _ = *p }
	}
	x := 0
	f(&x)
}

func g8(n int) []int {
	s := make([]int, n)
	return s
}

func g9() {
	s := make([]int, 10)
	_ = s
	m := make(map[int]int)
	_ = m
	c := make(chan int, 1)
	_ = c
}

func g10(xs ...*int) *int {
	return xs[0]
}

func g11() {
	a, b := 1, 2
	_ = g10(&a, &b)
}

func g12(x int) *int {
	f := func() *int { return &x }
	return f()
}

func g13() {
	x := 0
	f := func() *int { return &x }
	_ = *f()
}
