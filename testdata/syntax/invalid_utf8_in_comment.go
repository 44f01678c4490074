package main

// a ÿ comment
var x int = "s"

func main() {}
