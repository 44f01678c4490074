package main

type E struct{}

type T struct {
	E "tag"
	*E
	a, b int `x`
	c int d
}

func main() {}
