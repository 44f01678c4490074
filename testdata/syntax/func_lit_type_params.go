package main

var f = func[T any](x T) {}

func main() {}
