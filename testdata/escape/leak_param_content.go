package p

var sink interface{}

type Holder struct{ P *int }

// Storing what a parameter points to in a global leaks the parameter's content.
func publish(h *Holder) { // ERROR "leaking param content: h$"
	sink = h.P
}
