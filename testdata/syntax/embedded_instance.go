package main

type G[T any] struct{}

type S struct {
	G[int, ]
	f G[int
}

func main() {}
