package main

type G[T any] struct{ x T }

var g G[]

func main() {}
