package p

type Shape interface{ Area() float64 }

// Calling a method through an interface: the callee is unknown, so its receiver leaks.
func total(shapes []Shape) float64 { // ERROR "leaking param content: shapes$"
	sum := 0.0
	for _, s := range shapes {
		sum += s.Area()
	}
	return sum
}
