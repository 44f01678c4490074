package main

func main() {
	x := 0
	for i := 0; i < 3; i++
		x++
}
