package main

func main() {}

package other
