package main

func main() {
	if {
	}
	if x := 1; {
		_ = x
	}
}
