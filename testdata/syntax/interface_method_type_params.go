package main

type I interface {
	M[T any](x T)
}

var stop = )

func main() {}
