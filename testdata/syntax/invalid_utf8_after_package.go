package main

/Ã/ comment
func main() {}
