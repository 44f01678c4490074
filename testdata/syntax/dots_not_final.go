package main

func f(a ...int, b int) {}

var g func() ...int

func main() {}
