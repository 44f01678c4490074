package main

func f() (x ...int) { return }

func main() {}
