package p

import (
	"fmt"
	"sync"
)

type Logger struct{ prefix string; out []string }

func (l *Logger) Log(args ...any) { l.out = append(l.out, fmt.Sprint(args...)) }

type Base struct{ id int }

func (b *Base) ID() int { return b.id }

type Derived struct {
	Base
	name string
}

func e1(d *Derived) int { return d.ID() }

func e2() int {
	d := Derived{}
	return d.ID()
}

func e3(l *Logger, x int, s string) { l.Log(x, s) }

func e4(wg *sync.WaitGroup, mu *sync.Mutex, m map[int]int) {
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			mu.Lock()
			m[i] = i
			mu.Unlock()
		}(i)
	}
	wg.Wait()
}

func e5(xs []int) (out []string) {
	for _, x := range xs {
		defer func(v int) { out = append(out, fmt.Sprint(v)) }(x)
	}
	return
}

func ping(n int, acc []int) []int {
	if n == 0 {
		return acc
	}
	return pong(n-1, append(acc, n))
}

func pong(n int, acc []int) []int {
	return ping(n, acc)
}

type Stringer interface{ String() string }

type V struct{ s string }

func (v V) String() string { return v.s }

func e6(s Stringer) func() string { return s.String }

func e7() string {
	v := V{"x"}
	f := v.String
	return f()
}

func e8(ch chan func()) {
	x := 0
	ch <- func() { x++ }
}

func e9(p *int) {
	defer fmt.Println(*p)
}

func e10(ps ...*int) {
	for _, p := range ps {
		defer func() { _ = *p }()
	}
}
