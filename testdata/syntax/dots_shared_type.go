package main

func f(a, b ...int) {}

func g(a ...int, b int) {}

func main() { f(1, 2, 3); g(1, 2) }
