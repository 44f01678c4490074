// Package vecmath has small vector and matrix helpers.
package vecmath

import (
	"errors"
	"fmt"
	"math"
)

// Vec3 is a 3-vector.
type Vec3 struct{ X, Y, Z float64 }

func (a Vec3) Add(b Vec3) Vec3      { return Vec3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a Vec3) Scale(s float64) Vec3 { return Vec3{a.X * s, a.Y * s, a.Z * s} }
func (a Vec3) Dot(b Vec3) float64   { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a Vec3) Len() float64         { return math.Sqrt(a.Dot(a)) }

// Normalize scales v in place to unit length.
func (v *Vec3) Normalize() {
	l := v.Len()
	if l == 0 {
		return
	}
	*v = v.Scale(1 / l)
}

func (a Vec3) String() string { return fmt.Sprintf("(%g, %g, %g)", a.X, a.Y, a.Z) }

// Matrix is a dense row-major matrix.
type Matrix struct {
	rows, cols int
	data       []float64
}

var ErrShape = errors.New("vecmath: shape mismatch")

// NewMatrix allocates an r×c matrix.
func NewMatrix(r, c int) *Matrix {
	return &Matrix{rows: r, cols: c, data: make([]float64, r*c)}
}

// At returns element (i, j).
func (m *Matrix) At(i, j int) float64 { return m.data[i*m.cols+j] }

// Set sets element (i, j).
func (m *Matrix) Set(i, j int, v float64) { m.data[i*m.cols+j] = v }

// Row returns row i as a subslice.
func (m *Matrix) Row(i int) []float64 { return m.data[i*m.cols : (i+1)*m.cols] }

// Mul returns m×n.
func (m *Matrix) Mul(n *Matrix) (*Matrix, error) {
	if m.cols != n.rows {
		return nil, fmt.Errorf("mul %dx%d by %dx%d: %w", m.rows, m.cols, n.rows, n.cols, ErrShape)
	}
	out := NewMatrix(m.rows, n.cols)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < n.cols; j++ {
			var sum float64
			for k := 0; k < m.cols; k++ {
				sum += m.At(i, k) * n.At(k, j)
			}
			out.Set(i, j, sum)
		}
	}
	return out, nil
}

// Sum adds up a slice of vectors.
func Sum(vs ...Vec3) Vec3 {
	var acc Vec3
	for _, v := range vs {
		acc = acc.Add(v)
	}
	return acc
}

// Centroid returns the mean of points.
func Centroid(points []Vec3) (c Vec3) {
	if len(points) == 0 {
		return
	}
	c = Sum(points...).Scale(1 / float64(len(points)))
	return
}

// Identity builds an n×n identity matrix.
func Identity(n int) *Matrix {
	m := NewMatrix(n, n)
	for i := range n {
		m.Set(i, i, 1)
	}
	return m
}

// Transform applies a 3×3 matrix to each vector, writing into dst.
func Transform(dst, src []Vec3, m *Matrix) []Vec3 {
	var tmp [3]float64
	for _, v := range src {
		in := [3]float64{v.X, v.Y, v.Z}
		for i := 0; i < 3; i++ {
			tmp[i] = 0
			for j, x := range in {
				tmp[i] += m.At(i, j) * x
			}
		}
		dst = append(dst, Vec3{tmp[0], tmp[1], tmp[2]})
	}
	return dst
}

// Demo exercises the package.
func Demo() string {
	pts := []Vec3{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	c := Centroid(pts)
	c.Normalize()
	id := Identity(3)
	p, err := id.Mul(NewMatrix(3, 2))
	if err != nil {
		return err.Error()
	}
	out := Transform(nil, pts, id)
	return fmt.Sprint(c, len(out), p.Row(0))
}
