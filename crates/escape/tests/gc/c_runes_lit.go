package p

// gc's typecheck rewrites the conversion of a constant string to a rune slice as the slice
// literal of its runes (stringtoruneslit), and reports that literal; a variable's conversion
// stays a conversion.
func runesOfConstant() int {
	r := []rune("héllo")
	return len(r)
}

const greeting = "hi"

func runesOfNamedConstant() []rune {
	return []rune(greeting)
}

func runesOfEmpty() int {
	return len([]rune(""))
}

func runesOfVariable(s string) int {
	return len([]rune(s))
}

type Runes []rune

func namedRunes() Runes {
	return Runes("ab\xff")
}

func sink(r []rune) []rune { return r }

func passed() []rune {
	return sink([]rune("x"))
}
