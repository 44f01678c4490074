package p

// A go statement's closure and whatever it captures escape.
func start(results chan<- int, x int) { // ERROR "leaking param: results$"
	y := x * 2
	go func() { // ERROR "func literal escapes to heap$"
		results <- y
	}()
}

func work(c chan<- int) { c <- 1 } // ERROR "c does not escape$"

func spawn(c chan<- int) { // ERROR "leaking param: c$"
	go work(c)
}
