package main

func g[*int]() {}

func main() {}
