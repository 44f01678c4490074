package p

type T struct {
	p    *int
	next *T
	buf  []byte
}

var sink any
var gp *int

func f1(t *T) *int { return t.p }

func f2(t *T) { gp = t.next.p }

func f3() *T {
	t := T{}
	t.next = &T{}
	return &t
}

func f4(xs []*int) {
	for _, x := range xs {
		gp = x
	}
}

func f5(a [4]*int) *int {
	for _, x := range a {
		return x
	}
	return nil
}

func f6(m map[string]*T, k string) *T {
	if v, ok := m[k]; ok {
		return v
	}
	return nil
}

func f7(c chan *int) *int {
	select {
	case v := <-c:
		return v
	default:
	}
	return nil
}

func f8(x any) *int {
	switch v := x.(type) {
	case *int:
		return v
	case T:
		return v.p
	}
	return nil
}

func f9(n int) {
	i := 0
loop:
	p := &i
	_ = p
	if i < n {
		i++
		goto loop
	}
}

func f10() {
	for i := 0; i < 3; i++ {
		defer func() { _ = i }()
	}
}

func f11(p *int) (r *int) {
	defer func() { r = p }()
	return nil
}

func f12(s []byte) string {
	return string(s[1:])
}

func f13(t *T) {
	t.buf = t.buf[1:]
	t.next = t.next
}
