package main

var x map[int]

func main() {}
