package main

var (
	a int
	b int c
)

func main() {}
