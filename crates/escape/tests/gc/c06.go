package p

func k1() *int {
	x := 0
	f := func() *int { return &x }
	g := f
	return g()
}

func k2() {
	x := 0
	f := func() {
		g := func() { x++ }
		g()
	}
	f()
}

func k3() func() {
	x := 0
	return func() {
		y := &x
		func() { *y = 1 }()
	}
}

func apply(f func(*int) *int, p *int) *int { return f(p) }

func k4() int {
	x := 0
	r := apply(func(p *int) *int { return p }, &x)
	return *r
}

func k5(n int) {
	buf := make([]byte, n)
	_ = buf
	big := make([]byte, 1<<20)
	_ = big
	var arr [200000]byte
	_ = arr
	p := new([100000]byte)
	_ = p
	q := &[70000]byte{}
	_ = q
	z := make([]struct{}, 4)
	_ = z
}

func k6() {
	const n = 8
	s := make([]int, n)
	_ = s
	m := 16
	t := make([]int, m)
	_ = t
	u := make([]int, 0, m)
	_ = u
}

func k7(c chan *int, d chan int) {
	x := 1
	select {
	case c <- &x:
	case v := <-d:
		_ = v
	}
}

func k8(p *int) {
	var f func()
	f = func() {
		if p != nil {
			f()
		}
	}
	f()
}

func k9() (f func() int) {
	n := 0
	f = func() int { n++; return n }
	return
}

func k10() {
	ms := map[string][]int{"a": {1, 2}}
	_ = ms
	s := []*int{new(int)}
	_ = s
	st := struct{ p *int }{new(int)}
	_ = st
}
