// Package ringbuf is a byte ring buffer implementing io.Reader and io.Writer.
package ringbuf

import (
	"errors"
	"io"
)

// Ring is a fixed-size circular byte buffer.
type Ring struct {
	buf   []byte
	r, w  int
	full  bool
}

var ErrFull = errors.New("ringbuf: full")

// New allocates a ring of the given size.
func New(size int) *Ring {
	return &Ring{buf: make([]byte, size)}
}

// Len returns the number of buffered bytes.
func (r *Ring) Len() int {
	if r.full {
		return len(r.buf)
	}
	if r.w >= r.r {
		return r.w - r.r
	}
	return len(r.buf) - r.r + r.w
}

// Free returns the free capacity.
func (r *Ring) Free() int { return len(r.buf) - r.Len() }

// Write copies p in, failing if it does not fit.
func (r *Ring) Write(p []byte) (int, error) {
	if len(p) > r.Free() {
		return 0, ErrFull
	}
	for _, b := range p {
		r.buf[r.w] = b
		r.w = (r.w + 1) % len(r.buf)
	}
	if len(p) > 0 && r.w == r.r {
		r.full = true
	}
	return len(p), nil
}

// Read copies buffered bytes out.
func (r *Ring) Read(p []byte) (n int, err error) {
	if r.Len() == 0 {
		return 0, io.EOF
	}
	for n < len(p) && (r.full || r.r != r.w) {
		p[n] = r.buf[r.r]
		r.r = (r.r + 1) % len(r.buf)
		r.full = false
		n++
	}
	return n, nil
}

// Peek returns up to n bytes without consuming them.
func (r *Ring) Peek(n int) []byte {
	if l := r.Len(); n > l {
		n = l
	}
	out := make([]byte, n)
	for i := range out {
		out[i] = r.buf[(r.r+i)%len(r.buf)]
	}
	return out
}

// Reset empties the ring.
func (r *Ring) Reset() { r.r, r.w, r.full = 0, 0, false }

// Samples is a generic fixed-window ring of the last N values.
type Samples[T any] struct {
	vals []T
	next int
	n    int
}

func NewSamples[T any](n int) *Samples[T] { return &Samples[T]{vals: make([]T, n)} }

func (s *Samples[T]) Add(v T) {
	s.vals[s.next] = v
	s.next = (s.next + 1) % len(s.vals)
	if s.n < len(s.vals) {
		s.n++
	}
}

func (s *Samples[T]) Each(f func(T)) {
	start := (s.next - s.n + len(s.vals)) % len(s.vals)
	for i := 0; i < s.n; i++ {
		f(s.vals[(start+i)%len(s.vals)])
	}
}

// Pipe copies src into the ring and back out to dst.
func Pipe(dst io.Writer, src io.Reader) (int64, error) {
	r := New(64)
	var tmp [32]byte
	var total int64
	for {
		n, err := src.Read(tmp[:])
		if n > 0 {
			r.Write(tmp[:n])
			m, _ := io.Copy(dst, r)
			total += m
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// Average uses Samples.
func Average(xs []float64) float64 {
	s := NewSamples[float64](4)
	for _, x := range xs {
		s.Add(x)
	}
	var sum float64
	cnt := 0
	s.Each(func(v float64) { sum += v; cnt++ })
	if cnt == 0 {
		return 0
	}
	return sum / float64(cnt)
}
