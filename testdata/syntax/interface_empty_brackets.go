package main

type I interface {
	M[]()
	N[]
}

var stop = )

func main() {}
