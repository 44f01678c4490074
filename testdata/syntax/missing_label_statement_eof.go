package main

func main() {
L:
