package main

type C interface {
	int | 1
}

func main() {}
