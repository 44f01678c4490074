package main

var m map int]string

func main() {}
