package p

// A return inside a range-over-func body, rewritten as gc does: unnamed results are named
// #rv1, #rv2, ...; the body closure assigns them and the nest's #next (which has no position,
// so its verdict has none either), and both are captured by reference.

import "strings"

func gen(s string) (string, bool) { // ERROR "leaking param: s$" "moved to heap: #rv1$" "moved to heap: #rv2$"
	for line := range strings.SplitSeq(s, "\n") { // ERROR "leaking param: line$" "moved to heap: #state1$" "func literal escapes to heap$"
		if rest, ok := strings.CutPrefix(line, "x"); ok {
			return rest, true
		}
	}
	return "", false
}

func named(s string) (out *string, n int) { // ERROR "leaking param: s$" "moved to heap: out$" "moved to heap: n$"
	for line := range strings.SplitSeq(s, "\n") { // ERROR "moved to heap: #state1$" "moved to heap: line$" "func literal escapes to heap$"
		if line == "" {
			out = &line
			return
		}
		n++
	}
	return
}

func plain(seq func(func(int) bool)) { // ERROR "seq does not escape$"
	for x := range seq { // ERROR "moved to heap: #state1$" "func literal escapes to heap$"
		if x > 3 {
			return
		}
	}
}

func id(p *int, seq func(func(int) bool)) *int { // ERROR "leaking param: p$" "seq does not escape$" "moved to heap: #rv1$"
	for x := range seq { // ERROR "moved to heap: #state1$" "func literal escapes to heap$"
		if x > 3 {
			return p
		}
	}
	return nil
}

func nested(seq func(func(int) bool)) int { // ERROR "leaking param: seq$" "moved to heap: #rv1$"
	for x := range seq { // ERROR "moved to heap: #state1$" "func literal escapes to heap$"
		for y := range seq { // ERROR "moved to heap: #state2$" "func literal escapes to heap$"
			if x == y {
				return x
			}
		}
	}
	return 0
}
