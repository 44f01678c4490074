package main

type T struct{ a int }

var x = (T){1}

func main() { _ = x }
