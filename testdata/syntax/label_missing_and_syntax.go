package main

func f() {
	goto M
}

func g() {
	break
	x :=
}

func main() {}
