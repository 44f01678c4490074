package main

func 1() {}

func main() {}
