// errorcheck -0 -m

package p

// A function whose cost exceeds the budget (80; this one costs 92 with gc 1.27) is not inlinable: gc prints no `can inline` for
// it, and its callers keep the call. The caller itself is small, so it is inlinable.
func collatz(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
		if steps > 1000 {
			return -1
		}
		switch {
		case n < 0:
			return -2
		case n == 7:
			steps += 2
		case n == 11:
			steps += 3
		case n == 13:
			steps += 5
		case n == 17:
			steps += 7
		case n == 19:
			steps += 11
		case n == 23:
			steps += 13
		case n == 29:
			steps += 17
		}
	}
	return steps
}

func collatz27() int { // ERROR "can inline collatz27$"
	return collatz(27)
}
