package main

var z = 1

// a ÿ comment
var x int = "s"

func main() {}
