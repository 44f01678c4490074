packâ€age main

func main() {}
