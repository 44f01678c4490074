package main

var a = 0b1e2
var b = 1p3
var c = 0x
var d = 0o8

func main() {}
