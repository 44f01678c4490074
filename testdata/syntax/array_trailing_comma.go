package main

const n = 2

type A [n,]int

func main() {}
