package main

func main() {
	c := make(chan int)
	switch c <- 1 {
	}
}
