package main

func main() {
L:
	for {
	}
	goto M
	break
	continue
N:
	x := 1
	_ = x
	goto N
}
