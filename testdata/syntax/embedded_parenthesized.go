package main

type E struct{}

type T struct {
	(E)
	*(E)
}

func main() {}
