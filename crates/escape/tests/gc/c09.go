package p

type P struct {
	a, b *int
	arr  [4]*int
	s    []*int
}

var G any

func m1() func() int {
	x := 1
	x = 2
	f := func() int { return x }
	return f
}

func m2() func() int {
	x := 1
	f := func() int { return x }
	x = 2
	return f
}

func m3(n int) []func() int {
	var fs []func() int
	x := 0
	for i := 0; i < n; i++ {
		x = i
		fs = append(fs, func() int { return x })
	}
	return fs
}

func m4(x int) *int { return &x }

func m5() (r int) {
	defer func() { r++ }()
	return 1
}

func m6(n int, xs ...*int) *int {
	if n == 0 {
		return xs[0]
	}
	return m6(n-1, xs...)
}

func m7(x *P, i, j int) {
	x.a = x.b
	x.arr[i] = x.arr[j]
	x.s[i] = x.s[j]
}

func m8(p **int) { *p = *p }

func m9(v any) int {
	switch t := v.(type) {
	case int:
		return t
	case [2]int:
		return t[0]
	case *P:
		return *t.a
	}
	return 0
}

func m10(v any) *int {
	s := v.(P)
	return s.a
}

func m11(dst, src []*int) []*int {
	return append(dst, src...)
}

func m12(dst, src []*int) int {
	return copy(dst, src)
}

func m13(p *int) {
	panic(p)
}

type Big struct{ data [64]int }

func (b Big) Sum() int { return b.data[0] }

func m14() func() int {
	var b Big
	return b.Sum
}

func m15(n int) {
	for i := 0; i < n; i++ {
		x := i
		func() { _ = &x }()
	}
}

func m16(s []int) []int {
	t := s[:]
	t = append(t[:0], 1)
	return t
}

func m17(a, b []byte) bool {
	return string(a) == string(b)
}

func m18(m map[string]int, b []byte) int {
	return m[string(b)]
}

func m19(x int) string {
	return string(rune(x))
}

func m20(b []byte) string {
	s := string(b)
	G = s
	return s
}
