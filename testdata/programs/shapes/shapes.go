// Package shapes shows struct embedding, interface satisfaction and receivers.
package shapes

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Shape is anything with an area and a name.
type Shape interface {
	Area() float64
	Name() string
}

// Scaler can be resized.
type Scaler interface {
	Scale(f float64)
}

// Base carries common fields.
type Base struct {
	ID    int
	Label string
}

func (b Base) Name() string { return fmt.Sprintf("%s#%d", b.Label, b.ID) }

func (b *Base) Rename(s string) { b.Label = s }

// Circle embeds Base.
type Circle struct {
	Base
	R float64
}

func (c Circle) Area() float64 { return math.Pi * c.R * c.R }

func (c *Circle) Scale(f float64) { c.R *= f }

// Rect embeds *Base.
type Rect struct {
	*Base
	W, H float64
}

func (r Rect) Area() float64 { return r.W * r.H }

func (r *Rect) Scale(f float64) { r.W *= f; r.H *= f }

// Group is a composite shape.
type Group struct {
	Base
	Members []Shape
}

func (g *Group) Area() float64 {
	var a float64
	for _, m := range g.Members {
		a += m.Area()
	}
	return a
}

func (g *Group) Add(s ...Shape) { g.Members = append(g.Members, s...) }

// ByArea sorts shapes by area.
type ByArea []Shape

func (s ByArea) Len() int           { return len(s) }
func (s ByArea) Less(i, j int) bool { return s[i].Area() < s[j].Area() }
func (s ByArea) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

// ScaleAll scales every shape that supports it.
func ScaleAll(shapes []Shape, f float64) int {
	n := 0
	for _, s := range shapes {
		if sc, ok := s.(Scaler); ok {
			sc.Scale(f)
			n++
		}
	}
	return n
}

// Largest returns the biggest shape's name.
func Largest(shapes ...Shape) string {
	if len(shapes) == 0 {
		return ""
	}
	sorted := make([]Shape, len(shapes))
	copy(sorted, shapes)
	sort.Sort(ByArea(sorted))
	return sorted[len(sorted)-1].Name()
}

// Describe summarizes shapes.
func Describe(shapes []Shape) string {
	var parts []string
	for _, s := range shapes {
		switch v := s.(type) {
		case Circle:
			parts = append(parts, fmt.Sprintf("circle r=%.1f", v.R))
		case *Circle:
			parts = append(parts, fmt.Sprintf("*circle r=%.1f", v.R))
		case *Rect:
			parts = append(parts, fmt.Sprintf("rect %gx%g", v.W, v.H))
		default:
			parts = append(parts, s.Name())
		}
	}
	return strings.Join(parts, "; ")
}

// Example builds a scene.
func Example() string {
	c := &Circle{Base: Base{1, "c"}, R: 2}
	r := &Rect{Base: &Base{2, "r"}, W: 3, H: 4}
	r.Rename("rect")
	g := &Group{Base: Base{ID: 3, Label: "g"}}
	g.Add(c, r, Circle{Base{4, "v"}, 1})
	shapes := []Shape{c, r, g}
	ScaleAll(shapes, 2)
	name := Largest(shapes...)
	area := c.Area
	return fmt.Sprintf("%s %.1f %s", name, area(), Describe(g.Members))
}
