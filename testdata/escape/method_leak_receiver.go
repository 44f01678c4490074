package p

type List struct{ items []*int }

// A method storing its argument into the receiver leaks the argument's content to the receiver.
func (l *List) Add(p *int) { // ERROR "leaking param content: l$" "leaking param: p$"
	l.items = append(l.items, p) // ERROR "append escapes to heap$"
}

func fill() int {
	var l List
	x := 1 // ERROR "moved to heap: x$"
	l.Add(&x)
	return len(l.items)
}
