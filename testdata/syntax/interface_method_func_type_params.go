package main

type I interface {
	M[]
}

var stop = )

func main() {}
