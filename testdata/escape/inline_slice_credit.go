// errorcheck -0 -m

package p

// Slicing that changes nothing (a constant 0 low bound, a len(x) high bound of x itself) is
// not charged by gc 1.26 and newer's inline cost: trim is within the budget there, not in 1.25.

func trim(a, b, c, d []byte) int { // ERROR "can inline trim$" "a does not escape$" "b does not escape$" "c does not escape$" "d does not escape$"
	n := 0
	a = a[0:len(a)]
	b = b[0:len(b)]
	c = c[0:len(c)]
	d = d[0:len(d)]
	for i := range a {
		n += int(a[i]) + int(b[i]) + int(c[i]) + int(d[i])
	}
	for i := range b {
		n += int(a[i]) ^ int(b[i]) ^ int(c[i]) ^ int(d[i])
	}
	return n
}

func use(x []byte) int { // ERROR "x does not escape$"
	return trim(x, x, x, x) // ERROR "inlining call to trim$"
}
