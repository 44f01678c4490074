// errorcheck -0 -m

package p

// A value of type parameter type indexes when every type of its set does, with identical
// element types; the types need not share a core type ([3]int and [4]int do not).

var ranges = [][3]int{{0, 9, 1}, {10, 19, 2}}

func search[E interface{ [3]int | [4]int }](table []E, r int) E { // ERROR "can inline search\[go\.shape\.\[3\]int\]$" "can inline search\[\[3\]int\]$" "inlining call to search\[go\.shape\.\[3\]int\]$"
	for _, e := range table {
		if r >= e[0] && r <= e[1] {
			return e
		}
	}
	var zero E
	return zero
}

func Kind(r int) int { // ERROR "can inline Kind$"
	return search(ranges, r)[2] // ERROR "inlining call to search\[go\.shape\.\[3\]int\]$"
}

func Pair[S interface{ ~string | ~[]byte }](s S) (byte, byte) { // ERROR "can inline Pair\[go\.shape\.\[\]uint8\]$" "can inline Pair\[\[\]uint8\]$" "inlining call to Pair\[go\.shape\.\[\]uint8\]$"
	return s[0], s[len(s)-1]
}

func UsePair(b []byte) byte { // ERROR "can inline UsePair$" "b does not escape$"
	x, y := Pair(b) // ERROR "inlining call to Pair\[go\.shape\.\[\]uint8\]$"
	return x + y
}
