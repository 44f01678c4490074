package main

var s = "abc

func main() {}
