package main

func f() {
L:
	x := )
}

func main() {}
