package p

import "iter"

func l1() int {
	var fs []func() *int
	x := 0
	f := func() *int { return &x }
	fs = append(fs, f)
	return *fs[0]()
}

func l2(yield func(*int) bool) {
	x := 1
	yield(&x)
}

func l3() {
	for p := range l2 {
		_ = p
	}
}

func Seq(xs []int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, x := range xs {
			if !yield(x) {
				return
			}
		}
	}
}

type Pair[K comparable, V any] struct {
	k K
	v V
}

func MakePair[K comparable, V any](k K, v V) *Pair[K, V] { return &Pair[K, V]{k, v} }

func l4() int {
	p := MakePair("a", 1)
	return p.v
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func l5(xs []int) []string {
	return Map(xs, func(i int) string { return "" })
}

func l6(n int) int {
	total := 0
outer:
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p := &total
			if j > i {
				continue outer
			}
			*p += j
		}
	}
	return total
}

func l7(x int) any {
	switch x {
	case 1:
		fallthrough
	case 2:
		return x
	}
	return nil
}
