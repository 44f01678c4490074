package main

var s = "\q"

func main() {
