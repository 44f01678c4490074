package main

var 1 int

func main() {}
