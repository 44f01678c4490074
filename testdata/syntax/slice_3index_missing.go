package main

func main() {
	var s []int
	_ = s[1::3]
	_ = s[1:2:]
}
