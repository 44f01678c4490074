package main

func f() {
L:
	for {
	}
}

func main() {
	x := 
}
