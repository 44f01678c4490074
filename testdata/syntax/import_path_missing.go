package main

var x int

import (
	fmt
)

func main() {}
