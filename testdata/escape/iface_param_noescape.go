package p

type Sizer interface{ Size() int }

type File struct{ n int }

func (f File) Size() int { return f.n }

// An interface parameter that is only compared does not make its argument escape.
func isNil(s Sizer) bool { // ERROR "s does not escape$"
	return s == nil
}

func check() bool {
	return isNil(File{n: 1}) // ERROR "File\{\.\.\.\} does not escape$"
}
