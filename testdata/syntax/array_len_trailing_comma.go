package main

const n = 2

var a [n,]int

func main() {}
