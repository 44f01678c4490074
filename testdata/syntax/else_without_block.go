package main

func main() {
	if true {
	} else return
}
