// errorcheck -0 -m

package p

// gc compiles an instantiation wrapper M[string,int].F for every method of an instantiated
// generic type and for every generic function instantiated with concrete types: it calls the
// shaped instance with a dictionary, keeps the generic function's pragmas (go:noinline), and
// costs what its synthetic body costs (the dictionary argument, results returned through
// temporaries). Calls of shaped instances pay for the dictionary too.

type M[K comparable, V any] struct {
	m map[K]V
	n int
}

//go:noinline
func (m *M[K, V]) A() {}

func (m *M[K, V]) B(k K) V { return m.m[k] } // ERROR "can inline \(\*M\[go.shape.string,go.shape.int\]\).B$" "can inline \(\*M\[string,int\]\).B$" "inlining call to \(\*M\[go.shape.string,go.shape.int\]\).B$"

func (m *M[K, V]) C(k K, v V, h uintptr, f func(V, V) bool) (V, bool) { // ERROR "can inline \(\*M\[go.shape.string,go.shape.int\]\).C$" "can inline \(\*M\[string,int\]\).C$" "inlining call to \(\*M\[go.shape.string,go.shape.int\]\).C$"
	if m.n > 0 {
		return v, true
	}
	return v, false
}

func G[T any](a, b, c T, d int) (T, int) { return a, d } // ERROR "can inline G\[go.shape.int\]$" "can inline G\[int\]$" "inlining call to G\[go.shape.int\]$"

func H[T any](x T) T { return G2(x) } // ERROR "can inline H\[go.shape.int\]$" "can inline H\[int\]$" "inlining call to H\[go.shape.int\]$" "inlining call to G2\[go.shape.int\]$"

func G2[T any](x T) T { return x } // ERROR "can inline G2\[go.shape.int\]$"

var X M[string, int]

func Use() {
	X.A()
	X.B("a") // ERROR "inlining call to \(\*M\[go.shape.string,go.shape.int\]\).B$"
	X.C("a", 1, 2, nil) // ERROR "inlining call to \(\*M\[go.shape.string,go.shape.int\]\).C$"
	G(1, 2, 3, 4) // ERROR "inlining call to G\[go.shape.int\]$"
	H(1) // ERROR "inlining call to H\[go.shape.int\]$" "inlining call to G2\[go.shape.int\]$"
}
