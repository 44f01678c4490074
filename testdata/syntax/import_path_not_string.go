package main

var x int

import (
	42
)

func main() {}
