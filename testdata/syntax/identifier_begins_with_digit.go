package main

func main() {
	١x := 1
	_ = ١x
}
