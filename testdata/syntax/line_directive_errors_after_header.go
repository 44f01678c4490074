package main

var a = 1

//line foo.go:1:0
var b = 2
//line foo.go:x
var c = 3

func main() {}
