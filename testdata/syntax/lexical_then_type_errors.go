package main

var x int = "s"

var y = 1 +$ 2

func main() {}
