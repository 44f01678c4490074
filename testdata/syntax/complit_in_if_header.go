package main

type T struct{ a int }

func main() {
	if (T{1}).a == 1 {
	}
	for _ = range []T{{1}} {
	}
	if x := T{1}; x.a == 1 {
	}
}
