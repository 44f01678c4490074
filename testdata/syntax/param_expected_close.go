package main

func f(a int, +) {}

func main() {}
