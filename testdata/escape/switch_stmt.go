package p

// Only the branch that stores a pointer in a global leaks it; switch does not matter.
var sink *int

func pick(mode int, p *int) int { // ERROR "leaking param: p$"
	switch mode {
	case 0:
		return *p
	case 1:
		sink = p
	}
	return 0
}
