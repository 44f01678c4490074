package main

func main() {
	x, y
}
