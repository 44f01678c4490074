// A switch on a constant whose cases are all constant keeps, in gc's noder, only the clause it
// always takes: the other clauses are dead code with no verdicts. One non-constant case, or a
// target ending in fallthrough, keeps the switch whole.

package p

import "runtime"

var osEnv = func() []string { // ERROR "func literal does not escape$"
	switch runtime.GOOS {
	case "darwin", "ios":
		return []string{"DYLD_LIBRARY_PATH"}
	case "linux":
		return []string{"LD_LIBRARY_PATH"} // ERROR "\[\]string\{\.\.\.\} escapes to heap$"
	}
	return nil
}()

const mode = 2

func f() []int {
	switch mode {
	case 1:
		return []int{1}
	case 2:
		return []int{2} // ERROR "\[\]int\{\.\.\.\} escapes to heap$"
	default:
		return []int{3}
	}
}

func g(x int) []int {
	switch {
	case false:
		return []int{1} // ERROR "\[\]int\{\.\.\.\} escapes to heap$"
	case x > 2:
		return []int{2} // ERROR "\[\]int\{\.\.\.\} escapes to heap$"
	}
	return nil
}

func h() []int {
	switch mode {
	case 1:
		return []int{1}
	default:
		return []int{3} // ERROR "\[\]int\{\.\.\.\} escapes to heap$"
	}
}
