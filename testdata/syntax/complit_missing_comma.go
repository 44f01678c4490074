package main

var s = []int{1, 2
	3}

func main() {}
