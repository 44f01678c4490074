package main

type T int

func (t T) () {}

func main() {}
