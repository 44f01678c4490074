package p

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ } // ERROR "c does not escape$"

// A method expression is an ordinary function value taking the receiver first.
func apply(c *Counter) { // ERROR "c does not escape$"
	f := (*Counter).Inc
	f(c)
}
