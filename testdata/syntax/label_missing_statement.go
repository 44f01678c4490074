package main

func main() {
	for {
	L:
	}
	switch {
	case true:
	M:
	default:
	}
}
