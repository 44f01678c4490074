package main

func main() {
	for {
		break Q
	}
}
