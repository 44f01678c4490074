package p

type Stepper interface{ Step() }

type Walker struct{ steps int }

func (w *Walker) Step() { w.steps++ } // ERROR "w does not escape$"

// Devirtualizing a pointer method: the concrete value's address is known.
func walk() int {
	w := &Walker{} // ERROR "&Walker\{\} does not escape$"
	var s Stepper = w
	s.Step() // ERROR "devirtualizing s\.Step to \*Walker$"
	return w.steps
}
