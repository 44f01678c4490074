package p

// Line directives (as generated code carries them) move the positions gc prints: a `//line`
// at the start of a line applies from the next line, `/*line*/` right after itself; without a
// column gc prints none. Verdicts under a directive are checked by the golden file alone.

type T struct{ x int }

func before() *T {
	return &T{1} // ERROR "&T\{\.\.\.\} escapes to heap$"
}

//line gen.y:100
func lineOnly() *T {
	t := T{2}
	return &t
}

//line :200:10
func withColumn(s string) any { return s }

/*line other.y:7:3*/ func inline() any { return 5 }

func after() *int {
	x := 3
	return &x
}
