package main

func main() {
	abÿcd := 1
	_ = )
}
