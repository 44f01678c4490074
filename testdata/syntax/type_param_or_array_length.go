package main

type T[n *int] struct{}

type U[P any, *int] struct{}

func main() {}
