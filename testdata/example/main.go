package main

import "fmt"

type greeting struct {
	name  string
	count int
}

// newGreeting returns a pointer to a local, so the struct moves to the heap.
func newGreeting(name string) *greeting {
	g := greeting{name: name}
	return &g
}

func main() {
	g := newGreeting("gopher")
	words := make([]string, 0, g.count+1)
	words = append(words, "hello", g.name)
	fmt.Println(words)
}
