package main

var a = "\xZZ"
var b = "\400"
var c = "\uD800"

func main() {}
