package p

// Methods of generic types are analyzed per shape.
type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) {
	s.items = append(s.items, v) // ERROR "append escapes to heap$"
}

func fill() int {
	var s Stack[int]
	s.Push(1)
	return len(s.items)
}
