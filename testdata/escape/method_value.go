package p

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ } // ERROR "c does not escape$"

// A method value binds its receiver into a closure.
func incrementer(c *Counter) func() { // ERROR "leaking param: c$"
	return c.Inc // ERROR "c\.Inc escapes to heap$"
}

func incTwice(c *Counter) { // ERROR "c does not escape$"
	f := c.Inc // ERROR "c\.Inc does not escape$"
	f()
	f()
}
