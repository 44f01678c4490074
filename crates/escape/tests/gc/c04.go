package p

import "unsafe"

type T struct{ a, b *int }

var G *T

func r1(n int, p *int) *int {
	if n == 0 {
		return p
	}
	return r1(n-1, p)
}

func r2(p *int) *int { return r3(p) }
func r3(p *int) *int {
	if p == nil {
		return nil
	}
	return r2(p)
}

func r4(p *T) {
	G = p
	var q T
	q.a = p.a
	_ = q
}

func r5() func() *int {
	x := 0
	return func() *int { return &x }
}

func r6() *int {
	f := func() *int {
		y := 1
		return &y
	}
	return f()
}

func r7(p unsafe.Pointer) uintptr { return uintptr(p) }

func r8(p *int) unsafe.Pointer { return unsafe.Pointer(uintptr(unsafe.Pointer(p)) + 8) }

func r9(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

func r10() {
	var arr [10]*int
	x := 1
	arr[0] = &x
	_ = arr
}

func r11() [2]*int {
	x := 1
	return [2]*int{&x, nil}
}

func r12(c chan *T) {
	t := &T{}
	c <- t
}

func r13(ps []*int) {
	x := 5
	ps[0] = &x
}

func r14(m map[*int]int) {
	x := 5
	m[&x] = 1
	y := 6
	delete(m, &y)
	z := 7
	_ = m[&z]
}

func r15(s []int) {
	for i := range s {
		go func() { s[i] = i }()
	}
}

func r16() {
	x := new(int)
	go func() { *x = 1 }()
}

func r17(xs []int) int {
	sum := 0
	for _, x := range xs {
		defer func() { sum += x }()
	}
	return sum
}
